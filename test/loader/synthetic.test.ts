/**
 * The synthetic graph the scale benchmarks load: the size asked for, a DAG for the acyclic types,
 * and a realistic skew (a few hubs, most concepts with few incoming relationships).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACYCLIC_TYPES } from '../../src/domain.ts';
import { loadSyntheticGraph } from '../../src/loader/synthetic.ts';
import { graphCounts, loadRealData, runCypher, testDatabase } from '../helpers/graph.ts';

const CONCEPTS = 2_000;
const db = testDatabase({ queryTimeoutMs: 60_000 });
let report: Awaited<ReturnType<typeof loadSyntheticGraph>>;

beforeAll(async () => {
  report = await loadSyntheticGraph(db, { concepts: CONCEPTS, seed: 7, batchSize: 500 });
});
afterAll(async () => {
  await loadRealData(db);
  await db.close();
});

describe(`a synthetic graph of ${CONCEPTS} concepts`, () => {
  it('holds exactly the concepts and relationships the generator reported', async () => {
    expect(report.concepts).toBe(CONCEPTS);
    const [row] = await runCypher<{ concepts: number; chapters: number; relations: number; covered: number }>(
      db,
      `CALL () { MATCH (c:Concept) RETURN count(c) AS concepts }
       CALL () { MATCH (ch:Chapter) RETURN count(ch) AS chapters }
       CALL () { MATCH (:Concept)-[r]->(:Concept) RETURN count(r) AS relations }
       CALL () { MATCH (:Concept)-[r:COVERED_IN]->(:Chapter) RETURN count(r) AS covered }
       RETURN concepts, chapters, relations, covered`,
    );
    expect(row).toEqual({ concepts: CONCEPTS, chapters: 16, relations: report.relations, covered: CONCEPTS });
    // About five outgoing relationships per concept.
    expect(report.relations).toBeGreaterThan(CONCEPTS * 3);
    expect(report.relations).toBeLessThan(CONCEPTS * 7);
    expect((await graphCounts(db)).checksum).toBe(`synthetic-${CONCEPTS}-7`);
  });

  it('uses only concept slugs that are unique', async () => {
    const duplicates = await runCypher(
      db,
      'MATCH (c:Concept) WITH c.slug AS slug, count(*) AS n WHERE n > 1 RETURN slug',
    );
    expect(duplicates).toEqual([]);
  });

  for (const type of ACYCLIC_TYPES) {
    it(`has no ${type} cycle (bounded check up to length 6)`, async () => {
      // `type` comes from the domain's whitelist.
      const [row] = await runCypher<{ n: number }>(
        db,
        `MATCH (c:Concept) WHERE EXISTS { (c)-[:${type}*1..6]->(c) } RETURN count(c) AS n`,
      );
      expect(row?.n).toBe(0);
    });
  }

  it('points every acyclic relationship from a newer concept to an older one, so they form a DAG', async () => {
    const [row] = await runCypher<{ backward: number; total: number }>(
      db,
      `MATCH (a:Concept)-[r:REQUIRES|DEPENDS_ON|PART_OF|EVOLVED_FROM]->(b:Concept)
       RETURN count(r) AS total,
              count(CASE WHEN toInteger(substring(a.slug, 4)) <= toInteger(substring(b.slug, 4)) THEN 1 END) AS backward`,
    );
    expect(row?.total).toBeGreaterThan(CONCEPTS);
    expect(row?.backward).toBe(0);
  });

  it('has skewed degrees: a few hubs with far more incoming relationships than the median concept', async () => {
    const [row] = await runCypher<{ max: number; median: number; hubs: number }>(
      db,
      `MATCH (c:Concept)
       WITH COUNT { (:Concept)-[]->(c) } AS degree
       RETURN max(degree) AS max, percentileDisc(degree, 0.5) AS median,
              count(CASE WHEN degree >= 100 THEN 1 END) AS hubs`,
    );
    expect(row?.max).toBeGreaterThan(20 * Math.max(1, row?.median ?? 0));
    expect(row?.hubs).toBeGreaterThan(0);
    expect(row?.hubs).toBeLessThan(CONCEPTS / 50);
  });
});
