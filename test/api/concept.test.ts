import { afterAll, describe, expect, it } from 'vitest';
import { gql, runCypher, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const yoga = testYoga(db);
afterAll(() => db.close());

describe('concept(slug)', () => {
  it('answers with the concept as stored in Neo4j', async () => {
    const response = await gql(
      yoga,
      /* GraphQL */ `
        query ($slug: String!) {
          concept(slug: $slug) { id slug name kind summary aliases chapters { number title } }
        }
      `,
      { slug: 'containerd' },
    );
    expect(response.errors).toBeUndefined();
    const [stored] = await runCypher<{ name: string; summary: string; chapters: number[] }>(
      db,
      'MATCH (c:Concept {slug: $slug}) RETURN c.name AS name, c.summary AS summary, c.chapters AS chapters',
      { slug: 'containerd' },
    );
    const concept = response.data?.concept;
    expect(concept).toMatchObject({
      slug: 'containerd',
      name: stored?.name,
      summary: stored?.summary,
      kind: 'COMPONENT',
    });
    expect(concept.chapters.map((c: { number: number }) => c.number)).toEqual(stored?.chapters);
    expect(concept.chapters.map((c: { number: number }) => c.number)).toContain(5);
  });

  it('refetches the same concept through node(id)', async () => {
    const first = await gql(yoga, '{ concept(slug: "runc") { id name } }');
    const id = first.data?.concept.id;
    const again = await gql(yoga, 'query ($id: ID!) { node(id: $id) { id ... on Concept { slug name } } }', {
      id,
    });
    expect(again.data?.node).toEqual({ id, slug: 'runc', name: first.data?.concept.name });
  });

  it('reports an unknown slug as CONCEPT_NOT_FOUND with close suggestions', async () => {
    const response = await gql(yoga, '{ concept(slug: "containrd") { name } }');
    expect(response.data?.concept).toBeNull();
    const [error] = response.errors ?? [];
    expect(error?.extensions?.code).toBe('CONCEPT_NOT_FOUND');
    expect(error?.extensions?.slugs).toEqual(['containrd']);
    expect((error?.extensions?.suggestions as Record<string, string[]> | undefined)?.containrd).toContain(
      'containerd',
    );
    expect(error?.message).toContain('did you mean "containerd"');
  });
});

describe('a document run many times (compiled after its second run)', () => {
  it('answers exactly as on its first runs: data, interface fragments, lists and errors', async () => {
    const document = /* GraphQL */ `
      query ($slug: String!, $id: ID!) {
        concept(slug: $slug) { slug name kind requires { slug } usedBy { slug } degree }
        node(id: $id) { id ... on Concept { slug } ... on Chapter { number } }
      }
    `;
    const first = await gql(yoga, '{ concept(slug: "containerd") { id } }');
    const variables = { slug: 'containerd', id: first.data?.concept.id };
    const answers = [];
    for (let run = 0; run < 5; run++) answers.push(await gql(yoga, document, variables));
    expect(answers[0]?.errors).toBeUndefined();
    expect(answers[0]?.data?.node.slug).toBe('containerd');
    for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);

    const missing = [];
    for (let run = 0; run < 5; run++)
      missing.push(await gql(yoga, document, { ...variables, slug: 'contaienrd' }));
    expect(missing[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'CONCEPT_NOT_FOUND',
      argument: 'slug',
    });
    for (const answer of missing.slice(1)) expect(answer).toEqual(missing[0]);
  });
});
