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
