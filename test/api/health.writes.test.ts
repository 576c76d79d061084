import { afterAll, describe, expect, it } from 'vitest';
import { gql, runCypher, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
// These tests change the graph behind the loader's back (no new checksum): no response cache.
const yoga = testYoga(db, { RESPONSE_CACHE: 'false' });
afterAll(() => db.close());

describe('graph health', () => {
  it('graphStats counts concepts by kind and relationships by type, as Neo4j does', async () => {
    const response = await gql(
      yoga,
      '{ graphStats { concepts relations chapters checksum byKind { kind count } byType { type count } } }',
    );
    const stats = response.data?.graphStats;
    const [db_] = await runCypher<{ concepts: number; relations: number }>(
      db,
      'RETURN COUNT { (:Concept) } AS concepts, COUNT { (:Concept)-[]->(:Concept) } AS relations',
    );
    expect(stats.concepts).toBe(db_?.concepts);
    expect(stats.relations).toBe(db_?.relations);
    expect(stats.chapters).toBe(16);
    expect(stats.checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(stats.byKind.reduce((s: number, k: { count: number }) => s + k.count, 0)).toBe(stats.concepts);
    expect(stats.byType.reduce((s: number, t: { count: number }) => s + t.count, 0)).toBe(stats.relations);
    expect(stats.byKind.find((k: { kind: string }) => k.kind === 'COMMAND').count).toBeGreaterThan(40);
  });

  it('bottleneck scores rank the foundations of the graph first', async () => {
    const response = await gql(yoga, '{ graphStats { bottlenecks(first: 5) { slug bottleneckScore } } }');
    const top = response.data?.graphStats.bottlenecks as { slug: string; bottleneckScore: number }[];
    const scores = top.map((c) => c.bottleneckScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const [{ count }] = (await runCypher<{ count: number }>(
      db,
      'MATCH (c:Concept {slug: $slug})<-[:REQUIRES|DEPENDS_ON*1..40]-(x) RETURN count(DISTINCT x) AS count',
      { slug: top[0]?.slug },
    )) as [{ count: number }];
    expect(top[0]?.bottleneckScore).toBe(count);
  });

  it('the integrity report is empty on our data', async () => {
    const response = await gql(
      yoga,
      '{ integrity { ok cycles { type slugs } orphans { slug } redundantRequires { from to via } uncoveredChapters } }',
    );
    expect(response.data?.integrity).toEqual({
      ok: true,
      cycles: [],
      orphans: [],
      redundantRequires: [],
      uncoveredChapters: [],
    });
  });

  it('the integrity report finds a planted cycle and orphan', async () => {
    await runCypher(
      db,
      `CREATE (:Concept {slug: 'zz-orphan', name: 'zz', sortName: 'zz', kind: 'CONCEPT', chapters: [1], aliases: [], tags: []})
       WITH 1 AS one
       MATCH (a:Concept {slug: 'vxlan'}), (b:Concept {slug: 'overlay-driver'})
       CREATE (a)-[:REQUIRES {note: 'planted'}]->(b)`,
    );
    try {
      const response = await gql(yoga, '{ integrity { ok cycles { type slugs } orphans { slug } } }');
      const report = response.data?.integrity;
      expect(report.ok).toBe(false);
      expect(report.orphans).toEqual([{ slug: 'zz-orphan' }]);
      expect(report.cycles).toContainEqual({
        type: 'REQUIRES',
        slugs: expect.arrayContaining(['vxlan', 'overlay-driver']),
      });
    } finally {
      await runCypher(
        db,
        `MATCH (c:Concept {slug: 'zz-orphan'}) DETACH DELETE c
         WITH 1 AS one
         MATCH (:Concept {slug: 'vxlan'})-[r:REQUIRES {note: 'planted'}]->(:Concept {slug: 'overlay-driver'}) DELETE r`,
      );
    }
  });
});
