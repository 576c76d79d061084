/**
 * Properties 3 and 6, on a dense synthetic graph in a private Neo4j (never the shared one):
 * the worst traversals the argument caps allow end within the transaction timeout — answered, or
 * refused with QUERY_TIMEOUT — and leave the driver's pool as they found it; and when many slow
 * reads exhaust a small pool, the excess fails within the acquisition timeout with a masked
 * error while the server keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSyntheticGraph } from '../../src/loader/synthetic.ts';
import { Database } from '../../src/neo4j/database.ts';
import { captureLogger } from '../helpers/graph.ts';
import { listen, percentile, post, privateNeo4j, probe, productionYoga, report, sleep } from './helpers.ts';

const CONCEPTS = 20_000;
const DEGREE = 12;
const QUERY_TIMEOUT_MS = 2_000;

let neo4j: Awaited<ReturnType<typeof privateNeo4j>>;
let db: Database;

beforeAll(async () => {
  neo4j = await privateNeo4j('dense', { heap: '1g', pageCache: '256m' });
  db = new Database({ uri: neo4j.local.uri, database: 'neo4j', queryTimeoutMs: QUERY_TIMEOUT_MS });
  const loaded = await loadSyntheticGraph(db, { concepts: CONCEPTS, degree: DEGREE, seed: 7 });
  report('dense graph: loaded (concepts, relationships, ms)', [loaded.concepts, loaded.relations, loaded.ms]);
}, 300_000);
afterAll(async () => {
  await db?.close();
  await neo4j?.dispose();
});

const hub = 'syn-0';
const leaf = `syn-${CONCEPTS - 1}`;
const ALL_TYPES = '[REQUIRES, DEPENDS_ON, USES, PART_OF, RELATED_TO, IMPLEMENTS, MANAGES]';
const WORST: [string, string][] = [
  [
    'impact of the hub, every type, depth 10, limit 1000',
    `{ impact(slug: "${hub}", types: ${ALL_TYPES}, maxDepth: 10, limit: 1000) { count truncated } }`,
  ],
  [
    'neighborhood of the hub, depth 3, limit 500',
    `{ neighborhood(slug: "${hub}", depth: 3, limit: 500) { truncated nodes { depth } } }`,
  ],
  [
    'path between two leaves, length 12, both directions',
    `{ path(from: "${leaf}", to: "syn-${CONCEPTS - 2}", maxLength: 12, direction: BOTH) { reason path { length } } }`,
  ],
  [
    'prerequisites of a leaf, depth 10, limit 1000',
    `{ prerequisites(slug: "${leaf}", maxDepth: 10, limit: 1000) { count truncated } }`,
  ],
  [
    'learning path for 20 leaves',
    `{ learningPath(goals: [${Array.from({ length: 20 }, (_, i) => `"syn-${CONCEPTS - 1 - i}"`).join(', ')}]) { totalSteps truncated } }`,
  ],
];

describe('the worst allowed traversals on a dense graph', () => {
  it(`each ends within the ${QUERY_TIMEOUT_MS} ms transaction timeout (plus the server's check interval), answered or QUERY_TIMEOUT, and the pool returns to baseline`, async () => {
    const server = await listen(productionYoga(db));
    const baseline = db.poolStats();
    const figures: Record<string, string> = {};
    try {
      for (const [name, query] of WORST) {
        const result = await post(server.base, query);
        const code = result.body.errors?.[0]?.extensions?.code as string | undefined;
        figures[name] = `${Math.round(result.ms)} ms, ${code ?? 'answered'}`;
        expect([undefined, 'QUERY_TIMEOUT'], `${name}: ${result.body.errors?.[0]?.message}`).toContain(code);
        expect(result.ms, name).toBeLessThan(QUERY_TIMEOUT_MS + 3_000);
      }
    } finally {
      await server.close();
    }
    // Connections go back to the pool once the reads have ended (asynchronously).
    await expect.poll(() => db.poolStats().active).toBe(baseline.active);
    expect(db.inFlight).toBe(0);
    const after = db.poolStats();
    report('dense graph: worst traversals', figures);
    report('dense graph: pool before/after (active, idle)', [baseline, after]);
  });
});

describe('pool exhaustion', () => {
  it('fails the excess within the acquisition timeout with a masked SERVICE_UNAVAILABLE; /health stays fast', async () => {
    const ACQUISITION_MS = 200;
    const small = new Database({
      uri: neo4j.local.uri,
      database: 'neo4j',
      queryTimeoutMs: 4_000,
      maxPoolSize: 2,
      acquisitionTimeoutMs: ACQUISITION_MS,
      maxRetryTimeMs: 0,
      // Identical requests would be answered from the response cache, which is switched off below.
      // The read scheduler would queue the excess in front of the pool (its own wait answers
      // busy too); let every read through so that the driver's pool is what runs out.
      scheduling: { maxConcurrent: 16, maxPerClient: 16, maxConcurrentHeavy: 16 },
    });
    const { log, lines: logged } = captureLogger();
    const server = await listen(productionYoga(small, { RESPONSE_CACHE: 'false' }, log));
    try {
      // A read that holds its connection for seconds: the impact of the hub over every type runs
      // into the transaction timeout (it is the slowest allowed query on this graph).
      const slow = WORST[0]?.[1] as string;
      const warm = await post(server.base, slow);
      const health: number[] = [];
      let running = true;
      const healthLoop = (async () => {
        for (let i = 0; i < 200 && running; i++) {
          const h = await probe(server.base, '/health');
          expect(h.status).toBe(200);
          health.push(h.ms);
          await sleep(25);
        }
      })();
      const results = await Promise.all(Array.from({ length: 16 }, () => post(server.base, slow)));
      running = false;
      await healthLoop;
      const busy = results.filter((r) => /busy/.test(r.body.errors?.[0]?.message ?? ''));
      const answered = results.filter((r) => !r.body.errors);
      const other = results.filter((r) => !busy.includes(r) && !answered.includes(r));
      const seen = results.map((r) => `${r.status} ${r.body.errors?.[0]?.message ?? 'answered'}`);
      expect(busy.length, seen.join('; ')).toBeGreaterThan(0);
      for (const r of busy) {
        expect(r.body.errors?.[0]?.message).toBe('The graph database is busy right now; retry shortly.');
        expect(JSON.stringify(r.body)).not.toMatch(/acquisition|Pool status|Neo4jError/);
        expect(r.ms).toBeLessThan(ACQUISITION_MS + 1_500);
      }
      // The rest answered, or hit their own transaction timeout.
      for (const r of other)
        expect(
          r.body.errors?.[0]?.extensions?.code,
          `${r.body.errors?.[0]?.message} ${logged.join('; ')}`,
        ).toBe('QUERY_TIMEOUT');
      expect(logged.join('\n')).toMatch(/"code":"SERVICE_UNAVAILABLE".*busy right now/);
      await expect.poll(() => small.poolStats().active).toBe(0);
      expect(small.inFlight).toBe(0);
      report('pool exhaustion: one slow read alone ms', Math.round(warm.ms));
      report('pool exhaustion: 16 concurrent on a pool of 2 (answered, busy, timed out)', [
        answered.length,
        busy.length,
        other.length,
      ]);
      report(
        'pool exhaustion: busy failures ms (min/max)',
        [Math.min(...busy.map((r) => r.ms)), Math.max(...busy.map((r) => r.ms))].map(Math.round),
      );
      report('pool exhaustion: /health p95/max ms meanwhile', [
        percentile(health, 95).toFixed(1),
        Math.max(...health).toFixed(1),
      ]);
    } finally {
      await server.close();
      await small.close();
    }
  });
});
