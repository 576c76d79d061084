/**
 * Property 5 (long: `npm run test:reliability`): Neo4j stopped and restarted on the same port
 * while the server (its own process) takes a steady stream of requests. No crash, no unhandled
 * rejection, `/ready` goes 503 then 200, and errors stop within seconds of Neo4j being back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { syncGraph } from '../../src/loader/sync.ts';
import { Database } from '../../src/neo4j/database.ts';
import {
  LONG,
  post,
  privateNeo4j,
  probe,
  report,
  type SpawnedServer,
  sleep,
  spawnServer,
} from './helpers.ts';

const RUN_MS = 45_000;
const STOP_AT_MS = 10_000;
const DOWN_MS = 8_000;
const WORKERS = 10;

let neo4j: Awaited<ReturnType<typeof privateNeo4j>>;
let server: SpawnedServer;

describe.runIf(LONG)('Neo4j restarted under load', () => {
  beforeAll(async () => {
    neo4j = await privateNeo4j('restart', { heap: '512m', pageCache: '64m' });
    const db = new Database({ uri: neo4j.local.uri, database: 'neo4j', queryTimeoutMs: 30_000 });
    await syncGraph(db, readAndValidate('data').data);
    await db.close();
    server = await spawnServer({
      NEO4J_URI: neo4j.local.uri,
      NEO4J_AUTH: 'none',
      RATE_LIMIT_MAX: '0',
      RATE_LIMIT_TIME_MS: '0',
    });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    await neo4j?.dispose();
  });

  it('keeps serving, turns /ready 503 then 200, and stops erroring within seconds of Neo4j returning', async () => {
    const t0 = Date.now();
    const at = () => Date.now() - t0;
    const requests: { t: number; ok: boolean; code?: string; status: number }[] = [];
    const readiness: { t: number; status: number }[] = [];
    const queries = [
      '{ concept(slug: "containerd") { name dependsOn { slug } } }',
      '{ search(text: "overlay", first: 5) { concept { slug } } }',
      '{ prerequisites(slug: "overlay-driver") { count } }',
    ];
    const worker = async (w: number) => {
      // Bounded in count and time: at most 100,000 requests per worker, until RUN_MS.
      for (let i = 0; i < 100_000 && at() < RUN_MS; i++) {
        const t = at();
        try {
          const result = await post(server.base, queries[(w + i) % queries.length] as string, {}, {}, 15_000);
          const code = result.body.errors?.[0]?.extensions?.code as string | undefined;
          requests.push({ t, ok: result.status === 200 && !code, code, status: result.status });
          if (code) await sleep(50); // a failing client backs off a little, as a real one would
        } catch {
          requests.push({ t, ok: false, code: 'NETWORK', status: 0 });
          await sleep(50);
        }
      }
    };
    const readyLoop = async () => {
      for (let i = 0; i < 1_000 && at() < RUN_MS; i++) {
        readiness.push({ t: at(), status: (await probe(server.base, '/ready', 3_000)).status });
        await sleep(250);
      }
    };
    let stoppedAt = 0;
    let backAt = 0;
    const chaos = async () => {
      await sleep(STOP_AT_MS);
      stoppedAt = at();
      await neo4j.local.stop();
      await sleep(DOWN_MS);
      await neo4j.restart();
      backAt = at();
    };
    await Promise.all([...Array.from({ length: WORKERS }, (_, w) => worker(w)), readyLoop(), chaos()]);

    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/unhandled rejection|uncaught/i);
    expect((await probe(server.base, '/health')).status).toBe(200);

    const failures = requests.filter((r) => !r.ok);
    const codes = [...new Set(failures.map((r) => r.code))];
    // Every slug asked for exists: a lookup that failed because Neo4j was down must surface as
    // what it is, never as CONCEPT_NOT_FOUND.
    expect(
      codes.every((c) => c === 'SERVICE_UNAVAILABLE' || c === 'QUERY_TIMEOUT'),
      codes.join(),
    ).toBe(true);
    expect(requests.filter((r) => r.status >= 500)).toEqual([]);
    report(
      'restart under load: failures after back (t, code)',
      failures
        .filter((r) => r.t > backAt)
        .map((r) => `${r.t - backAt}:${r.code}`)
        .slice(0, 40),
    );
    const firstError = Math.min(...failures.map((r) => r.t));
    const lastError = Math.max(...failures.map((r) => r.t));
    expect(failures.length).toBeGreaterThan(0);
    expect(lastError - backAt).toBeLessThan(10_000);
    expect(requests.filter((r) => r.t > backAt + 10_000).every((r) => r.ok)).toBe(true);

    const firstDown = readiness.find((r) => r.t >= stoppedAt && r.status === 503);
    const upAgain = readiness.find((r) => r.t >= backAt && r.status === 200);
    expect(firstDown).toBeDefined();
    expect(upAgain).toBeDefined();

    const ok = requests.filter((r) => r.ok).length;
    report('restart under load: requests (ok, failed)', [ok, failures.length]);
    report('restart under load: rate req/s', Math.round(requests.length / (RUN_MS / 1000)));
    report('restart under load: Neo4j stopped at / back at (ms)', [stoppedAt, backAt]);
    report('restart under load: error window (ms from start)', [firstError, lastError]);
    report('restart under load: errors after Neo4j back (ms)', Math.max(0, lastError - backAt));
    report('restart under load: /ready 503 after stop (ms), 200 after back (ms)', [
      (firstDown?.t ?? 0) - stoppedAt,
      (upAgain?.t ?? 0) - backAt,
    ]);
    report(
      'restart under load: failures by code',
      Object.fromEntries(codes.map((c) => [c, failures.filter((r) => r.code === c).length])),
    );
  });
});
