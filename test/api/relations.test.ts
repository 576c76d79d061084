import { afterAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, gql, runCypher, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const yoga = testYoga(db);
afterAll(() => db.close());

const slugs = (list: { slug: string }[]) => list.map((c) => c.slug);

describe('relations of a concept', () => {
  it('answers the common questions with plain lists', async () => {
    const response = await gql(
      yoga,
      `{ containerd: concept(slug: "containerd") { dependsOn { slug } dependents { slug } manages { slug } }
         runc: concept(slug: "runc") { implements { slug } dependsOn { slug } }
         libnetwork: concept(slug: "libnetwork") { implements { slug } }
         compose: concept(slug: "docker-compose") { evolvedFrom { slug } } }`,
    );
    expect(response.errors).toBeUndefined();
    const { containerd, runc, libnetwork, compose } = response.data ?? {};
    expect(slugs(containerd.dependsOn)).toContain('containerd-shim');
    expect(slugs(containerd.dependents)).toContain('docker-engine');
    expect(slugs(containerd.manages)).toContain('container');
    expect(slugs(runc.implements)).toContain('oci-runtime-spec');
    expect(slugs(runc.dependsOn)).toContain('libcontainer');
    expect(slugs(libnetwork.implements)).toContain('container-network-model');
    expect(slugs(compose.evolvedFrom)).toEqual(['fig']);
  });

  it('gives list items every field of a concept, loaded in one more query only when asked for', async () => {
    const listOnly = '{ concept(slug: "containerd") { dependsOn { slug name kind } } }';
    const before = db.queryCount;
    const short = await gql(yoga, listOnly);
    expect(short.errors).toBeUndefined();
    const listQueries = db.queryCount - before;

    const whole = /* GraphQL */ `{ concept(slug: "containerd") {
      dependsOn { slug summary aliases tags background bottleneckScore } } }`;
    const middle = db.queryCount;
    const full = await gql(yoga, whole);
    expect(full.errors).toBeUndefined();
    expect(db.queryCount - middle).toBe(listQueries + 1);
    const withChapters = await gql(
      yoga,
      '{ concept(slug: "containerd") { dependsOn { chapters { number } } } }',
    );
    expect(withChapters.errors).toBeUndefined();
    withChapters.data?.concept.dependsOn.forEach((c: object, i: number) => {
      Object.assign(full.data?.concept.dependsOn[i], c);
    });

    const items = full.data?.concept.dependsOn as Record<string, unknown>[];
    expect(items.map((c) => c.slug)).toEqual(slugs(short.data?.concept.dependsOn));
    for (const item of items) {
      const [stored] = await runCypher(
        db,
        `MATCH (c:Concept {slug: $slug})
         RETURN c.summary AS summary, c.aliases AS aliases, c.tags AS tags, c.background AS background,
                c.bottleneck AS bottleneckScore, [n IN c.chapters | {number: n}] AS chapters`,
        { slug: item.slug },
      );
      expect(item).toEqual({ slug: item.slug, ...stored });
    }
  });

  it('pages through every relationship with direction, other end, note and a degree that matches Neo4j', async () => {
    const all: { type: string; direction: string; other: string }[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const response: GraphQLResponse = await gql(
        yoga,
        `query ($after: String) { concept(slug: "container") { degree relations(first: 4, after: $after) {
           totalCount pageInfo { hasNextPage endCursor }
           edges { direction other { slug } node { type note fromSlug toSlug } } } } }`,
        { after },
      );
      const { relations, degree }: any = response.data?.concept;
      total = relations.totalCount;
      expect(degree).toBe(total);
      for (const edge of relations.edges) {
        expect(edge.node.note).toBeTruthy();
        const self = edge.direction === 'OUTGOING' ? edge.node.fromSlug : edge.node.toSlug;
        expect(self).toBe('container');
        all.push({ type: edge.node.type, direction: edge.direction, other: edge.other.slug });
      }
      if (!relations.pageInfo.hasNextPage) break;
      after = relations.pageInfo.endCursor;
    }
    const [{ count }] = (await runCypher<{ count: number }>(
      db,
      "MATCH (:Concept {slug: 'container'})-[r]-(:Concept) RETURN count(r) AS count",
    )) as [{ count: number }];
    expect(all).toHaveLength(count);
    expect(total).toBe(count);
    expect(new Set(all.map((r) => `${r.type}|${r.direction}|${r.other}`)).size).toBe(count);
  });

  it('filters relations by type and direction', async () => {
    const response = await gql(
      yoga,
      '{ concept(slug: "runc") { relations(types: [IMPLEMENTS], direction: OUTGOING) { totalCount edges { other { slug } } } } }',
    );
    const { relations } = response.data?.concept;
    expect(relations.edges.map((e: { other: { slug: string } }) => e.other.slug)).toContain(
      'oci-runtime-spec',
    );
    expect(relations.totalCount).toBe(relations.edges.length);
  });
});

describe('no N+1', () => {
  const PAGE_WITH_RELATIONS = /* GraphQL */ `
    query ($first: Int) { concepts(first: $first) { edges { node {
      slug degree chapters { number title } dependsOn { slug } requires { slug }
      relations(first: 5) { totalCount edges { direction other { slug } node { type from { slug } to { name } } } }
    } } } }
  `;

  it('costs the same small number of Bolt round trips for 5 or 50 concepts with their relations and chapters', async () => {
    const count = async (first: number) => {
      const before = db.queryCount;
      const response = await gql(yoga, PAGE_WITH_RELATIONS, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data?.concepts.edges).toHaveLength(first);
      return db.queryCount - before;
    };
    const small = await count(5);
    const large = await count(50);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(7);
  });
});
