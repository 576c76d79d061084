import { afterAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, gql, runCypher, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
// These tests change the graph behind the loader's back (no new checksum): no response cache.
const yoga = testYoga(db, { RESPONSE_CACHE: 'false' });
afterAll(() => db.close());

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String, $last: Int, $before: String, $filter: ConceptFilter, $orderBy: ConceptOrder) {
    concepts(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { cursor node { slug name kind } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

async function walkForward(variables: Record<string, unknown>, between?: (page: number) => Promise<void>) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const response: GraphQLResponse = await gql(yoga, PAGE, { ...variables, after });
    expect(response.errors).toBeUndefined();
    const connection: any = response.data?.concepts;
    seen.push(...connection.edges.map((e: { node: { slug: string } }) => e.node.slug));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
    await between?.(page);
  }
  return seen;
}

describe('concepts (Relay connection)', () => {
  it('walks every concept exactly once, in name order, with totalCount matching the database', async () => {
    const [{ count }] = (await runCypher<{ count: number }>(
      db,
      'MATCH (c:Concept) RETURN count(c) AS count',
    )) as [{ count: number }];
    const seen = await walkForward({ first: 37 });
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
    const first = await gql(yoga, PAGE, { first: 1 });
    expect(first.data?.concepts.totalCount).toBe(count);
  });

  it('keeps cursors correct when concepts are added and removed between pages (keyset, not offset)', async () => {
    const before = await walkForward({ first: 25 });
    try {
      const seen = await walkForward({ first: 25 }, async (page) => {
        // One concept sorting before everything already seen, one after the cursor: an offset
        // cursor would now repeat an item; a keyset cursor must not.
        await runCypher(
          db,
          `CREATE (:Concept {slug: $a, name: $a, sortName: $a, kind: 'CONCEPT', summary: 'test', aliases: [], tags: ['test'],
                             chapters: [1], firstChapter: 1, background: false}),
                  (:Concept {slug: $b, name: $b, sortName: $b, kind: 'CONCEPT', summary: 'test', aliases: [], tags: ['test'],
                             chapters: [1], firstChapter: 1, background: false})`,
          { a: `000-inserted-${page}`, b: `zzzz-inserted-${page}` },
        );
      });
      const original = seen.filter((slug) => !slug.includes('-inserted-'));
      expect(original).toEqual(before);
      expect(seen.filter((slug) => slug.startsWith('zzzz-inserted-')).length).toBeGreaterThan(0);
      expect(seen.some((slug) => slug.startsWith('000-inserted-'))).toBe(false);
    } finally {
      await runCypher(db, "MATCH (c:Concept) WHERE c.slug CONTAINS '-inserted-' DETACH DELETE c");
    }
  });

  it('pages backward with last/before to the same items in the same order', async () => {
    const forward = await walkForward({ first: 50, orderBy: 'CHAPTER' });
    const backward: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 100; page++) {
      const response: GraphQLResponse = await gql(yoga, PAGE, { last: 50, before, orderBy: 'CHAPTER' });
      const connection: any = response.data?.concepts;
      backward.unshift(...connection.edges.map((e: { node: { slug: string } }) => e.node.slug));
      if (!connection.pageInfo.hasPreviousPage) break;
      before = connection.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it('filters by kinds, chapter and tags, and counts the filtered total', async () => {
    const response = await gql(yoga, PAGE, { first: 100, filter: { kinds: ['COMMAND'], chapter: 12 } });
    const { totalCount, edges } = response.data?.concepts;
    const expected = await runCypher<{ slug: string }>(
      db,
      "MATCH (c:Concept {kind: 'COMMAND'}) WHERE 12 IN c.chapters RETURN c.slug AS slug ORDER BY c.sortName, c.slug",
    );
    expect(totalCount).toBe(expected.length);
    expect(edges.map((e: { node: { slug: string } }) => e.node.slug)).toEqual(expected.map((r) => r.slug));
    expect(edges.map((e: { node: { slug: string } }) => e.node.slug)).toContain('docker-stack-deploy');
  });

  it('rejects a page size over 100 and a foreign cursor with BAD_USER_INPUT naming the argument, before any Cypher', async () => {
    const queries = db.queryCount;
    const big = await gql(yoga, PAGE, { first: 101 });
    expect(big.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
      min: 0,
      max: 100,
    });
    const bad = await gql(yoga, PAGE, { first: 5, after: 'bm90LWEtY3Vyc29y' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(db.queryCount).toBe(queries);
  });

  it('combines first/after with last/before as the Relay algorithm says: narrow by cursors, then head, then tail', async () => {
    const slugs = (response: GraphQLResponse<any>) =>
      response.data?.concepts.edges.map((e: { node: { slug: string } }) => e.node.slug);
    const ten = await gql(yoga, PAGE, { first: 10 });
    const all: string[] = slugs(ten);
    const cursors = ten.data?.concepts.edges.map((e: { cursor: string }) => e.cursor);

    const tail = await gql(yoga, PAGE, { first: 5, last: 2 });
    expect(slugs(tail)).toEqual(all.slice(3, 5));
    expect(tail.data?.concepts.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });

    const between = await gql(yoga, PAGE, { after: cursors[1], before: cursors[8], first: 3, last: 2 });
    expect(slugs(between)).toEqual(all.slice(3, 5));

    const window = await gql(yoga, PAGE, { after: cursors[1], before: cursors[5] });
    expect(slugs(window)).toEqual(all.slice(2, 5));
    expect(window.data?.concepts.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });
});

describe('chapters', () => {
  it('lists the 16 chapters in order, each with the concepts it covers', async () => {
    const response = await gql(
      yoga,
      '{ chapters { number title concepts { slug } } chapter(number: 13) { title concepts { slug } } }',
    );
    const chapters = response.data?.chapters;
    expect(chapters.map((c: { number: number }) => c.number)).toEqual(
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
    expect(chapters.every((c: { concepts: unknown[] }) => c.concepts.length > 0)).toBe(true);
    expect(response.data?.chapter.concepts.map((c: { slug: string }) => c.slug)).toEqual(
      expect.arrayContaining(['container-network-model', 'libnetwork', 'bridge-driver', 'macvlan-driver']),
    );
  });

  it('reports an unknown chapter as CHAPTER_NOT_FOUND', async () => {
    const response = await gql(yoga, '{ chapter(number: 42) { title } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('CHAPTER_NOT_FOUND');
  });
});
