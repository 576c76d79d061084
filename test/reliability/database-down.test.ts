/**
 * Property 4: with the database down at start, the server (its own process) starts anyway,
 * `/health` answers 200, `/ready` 503 at once, and queries fail fast with a masked
 * SERVICE_UNAVAILABLE — well under the driver's 30 s default — without crashing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/neo4j/local-neo4j.ts';
import { post, probe, report, type SpawnedServer, spawnServer } from './helpers.ts';

let server: SpawnedServer;
let closedPort: number;

beforeAll(async () => {
  closedPort = await freePort(); // nothing listens there
  server = await spawnServer({ NEO4J_URI: `bolt://127.0.0.1:${closedPort}`, NEO4J_AUTH: 'none' });
});
afterAll(async () => {
  await server?.stop();
});

describe('with the database down at start', () => {
  it('the server listens; /health is 200 and /ready is 503 within 2 s', async () => {
    const health = await probe(server.base, '/health');
    expect(health.status).toBe(200);
    const body = JSON.parse(health.text) as { status: string; eventLoopDelay: { p99Ms: number } };
    expect(body.status).toBe('ok');
    expect(typeof body.eventLoopDelay.p99Ms).toBe('number');
    const ready = await probe(server.base, '/ready');
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(2_000);
    expect(ready.text).not.toContain(String(closedPort));
    report('database down: /ready 503 answered in ms', ready.ms.toFixed(0));
  });

  it('queries fail fast with a masked SERVICE_UNAVAILABLE, and the process stays up', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const result = await post(server.base, '{ concept(slug: "runc") { name } }');
      times.push(result.ms);
      expect(result.status).toBe(200);
      expect(result.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(result.body.errors?.[0]?.message).toBe(
        'The graph database is unavailable right now; retry shortly.',
      );
      expect(JSON.stringify(result.body)).not.toMatch(/127\.0\.0\.1|bolt|ECONNREFUSED|Neo4jError|stack/i);
    }
    // Ten at once: the same answer, no queueing behind each other.
    const parallel = await Promise.all(
      Array.from({ length: 10 }, () => post(server.base, '{ search(text: "runc") { score } }')),
    );
    for (const result of parallel)
      expect(result.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const slowest = Math.max(...times, ...parallel.map((r) => r.ms));
    // Each failed read costs up to ~2.5 s (NEO4J_MAX_RETRY_TIME_MS 1 s plus the driver's backoff);
    // `concept` makes two (lookup, then suggestions). The driver's own default is 30 s of retries.
    expect(slowest).toBeLessThan(8_000);
    expect(server.child.exitCode).toBeNull();
    expect((await probe(server.base, '/health')).status).toBe(200);
    expect(server.output()).not.toMatch(/unhandled rejection|uncaught exception/i);
    report('database down: query failure time ms (min/max)', [
      Math.round(Math.min(...times)),
      Math.round(slowest),
    ]);
  });
});
