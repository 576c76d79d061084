/**
 * Property 8 (long: `npm run test:reliability`): 100 valid clients (200 requests/s in all) for
 * 60 s against the server in its own process: zero 5xx, p95 latency and event-loop delay reported. Then the
 * same load with an abusive client added (rejected documents at a high rate, from its own
 * address): the legitimate p95 stays within 2× of the run without it.
 */
import type { EventEmitter } from 'node:events';
import autocannonModule from 'autocannon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LONG, percentile, probe, report, type SpawnedServer, sleep, spawnServer } from './helpers.ts';

const CLIENTS = 100;
const LEGIT_SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
/**
 * The legitimate clients' offered load, in all (2 requests/s each): a fixed rate under what the
 * server can answer, so that the comparison measures what the abuser takes from them. A closed
 * loop would keep both cores saturated, and then any extra request — the abuser's, or the load
 * generator's own work in this process — raises latency whatever the server does with it.
 */
const LEGIT_RATE = 200;

let server: SpawnedServer;

const LEGIT_QUERIES = [
  '{ concept(slug: "containerd") { name kind dependsOn { slug name } } }',
  '{ search(text: "overlay network", first: 5) { score concept { slug name } } }',
  '{ neighborhood(slug: "containerd-shim", depth: 1, limit: 20) { nodes { concept { slug } } edges { type } } }',
  '{ prerequisites(slug: "overlay-driver", maxDepth: 3) { count concepts { concept { slug } } } }',
];

function deepDocument(levels: number) {
  let selection = 'slug';
  for (let i = 0; i < levels; i++) selection = `requires { ${selection} }`;
  return JSON.stringify({ query: `{ concept(slug: "runc") { ${selection} } }` });
}

// Called without a callback, autocannon returns an event emitter (its typings say a promise).
const autocannon = autocannonModule as unknown as (options: Record<string, unknown>) => EventEmitter;

interface Phase {
  latencies: number[];
  statuses: Record<string, number>;
  requests: number;
}

/** Runs autocannon; each connection is one client with its own forwarded address. */
function load(options: {
  seconds: number;
  connections: number;
  bodies: string[];
  addressOf: (connection: number) => string;
  overallRate?: number;
}): { done: Promise<Phase>; instance: EventEmitter } {
  const phase: Phase = { latencies: [], statuses: {}, requests: 0 };
  let next = 0;
  const instance = autocannon({
    url: `${server.base}/graphql`,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.overallRate,
    timeout: 20,
    requests: options.bodies.map((body) => ({
      method: 'POST',
      body,
      setupRequest: (request: Record<string, any>, context: Record<string, any>) => {
        context.address ??= options.addressOf(next++);
        return {
          ...request,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': context.address },
        };
      },
    })),
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
    phase.requests += 1;
    phase.latencies.push(ms);
    phase.statuses[statusCode] = (phase.statuses[statusCode] ?? 0) + 1;
  });
  const done = new Promise<Phase>((resolveDone, reject) => {
    instance.on('done', (result: { errors: number; timeouts: number }) => {
      if (result.errors > 0) phase.statuses.errors = result.errors;
      if (result.timeouts > 0) phase.statuses.timeouts = result.timeouts;
      resolveDone(phase);
    });
    instance.on('error', reject);
  });
  return { done, instance };
}

/** Polls /health once a second and keeps the worst event-loop p99 and max seen. */
async function watchEventLoop(until: () => boolean) {
  const seen = { p99Ms: 0, maxMs: 0, samples: 0 };
  for (let i = 0; i < 600 && !until(); i++) {
    const health = await probe(server.base, '/health', 5_000);
    if (health.status === 200) {
      const { eventLoopDelay } = JSON.parse(health.text) as {
        eventLoopDelay: { p99Ms: number; maxMs: number };
      };
      seen.p99Ms = Math.max(seen.p99Ms, eventLoopDelay.p99Ms);
      seen.maxMs = Math.max(seen.maxMs, eventLoopDelay.maxMs);
      seen.samples += 1;
    }
    await sleep(1_000);
  }
  return seen;
}

describe.runIf(LONG)('sustained load', () => {
  beforeAll(async () => {
    const target = inject('neo4j');
    server = await spawnServer({
      NODE_ENV: 'production',
      NEO4J_URI: target.uri,
      ...(target.password
        ? { NEO4J_USER: target.user ?? 'neo4j', NEO4J_PASSWORD: target.password }
        : { NEO4J_AUTH: 'none' }),
      TRUST_PROXY: 'true',
      // 50 requests/s per client: far above what one legitimate client sends here.
      RATE_LIMIT_MAX: '3000',
      // Each legitimate client sends 2 requests a second for a minute: more server time than a
      // client's default share (the worst-documents test measures that share against attackers).
      RATE_LIMIT_TIME_MS: '0',
      RATE_LIMIT_WINDOW_MS: '60000',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it(`${CLIENTS} valid clients for ${LEGIT_SECONDS} s: zero 5xx; an abusive client keeps their p95 within 2×`, async () => {
    const bodies = LEGIT_QUERIES.map((query) => JSON.stringify({ query }));
    // Client identities sent as X-Forwarded-For (documentation ranges; no traffic goes to them).
    const address = (c: number) => `198.51.100.${(c % 250) + 1}`;

    // Warm-up: plans cached, pool filled.
    await load({ seconds: 5, connections: 20, bodies, addressOf: (c) => `192.0.2.${c + 1}` }).done;

    let finished = false;
    const legitLoad = {
      seconds: LEGIT_SECONDS,
      connections: CLIENTS,
      bodies,
      addressOf: address,
      overallRate: LEGIT_RATE,
    };
    const alone = load(legitLoad);
    const [legit, loopAlone] = await Promise.all([
      alone.done.finally(() => {
        finished = true;
      }),
      watchEventLoop(() => finished),
    ]);

    finished = false;
    const withAbuse = load(legitLoad);
    // Enough connections that the abuser reaches its rate even while each answer waits behind
    // the legitimate load (with 10 it sent fewer than 100/s once the server got faster).
    const abusive = load({
      seconds: LEGIT_SECONDS,
      connections: 50,
      bodies: [deepDocument(49), deepDocument(20)],
      addressOf: () => '203.0.113.66',
      overallRate: 500,
    });
    const [legit2, abuse, loopAbuse] = await Promise.all([
      withAbuse.done.finally(() => {
        finished = true;
      }),
      abusive.done,
      watchEventLoop(() => finished),
    ]);

    const fiveXX = (phase: Phase) =>
      Object.entries(phase.statuses)
        .filter(([status]) => Number(status) >= 500)
        .reduce((sum, [, n]) => sum + n, 0);
    const p95 = percentile(legit.latencies, 95);
    const p95WithAbuse = percentile(legit2.latencies, 95);
    report('sustained load: alone (requests, req/s, statuses)', [
      legit.requests,
      Math.round(legit.requests / LEGIT_SECONDS),
      legit.statuses,
    ]);
    report(
      'sustained load: alone p50/p95/p99 ms',
      [50, 95, 99].map((p) => percentile(legit.latencies, p)),
    );
    report('sustained load: event-loop delay alone (worst p99, max ms)', loopAlone);
    report('sustained load: with abuse (requests, req/s, statuses)', [
      legit2.requests,
      Math.round(legit2.requests / LEGIT_SECONDS),
      legit2.statuses,
    ]);
    report(
      'sustained load: with abuse p50/p95/p99 ms',
      [50, 95, 99].map((p) => percentile(legit2.latencies, p)),
    );
    report('sustained load: abusive client (requests, statuses)', [abuse.requests, abuse.statuses]);
    report('sustained load: event-loop delay with abuse (worst p99, max ms)', loopAbuse);
    report('sustained load: legitimate p95 change', `${(((p95WithAbuse - p95) / p95) * 100).toFixed(1)} %`);

    expect(fiveXX(legit)).toBe(0);
    expect(fiveXX(legit2)).toBe(0);
    expect(legit.statuses.timeouts ?? 0).toBe(0);
    expect(legit.statuses['429'] ?? 0).toBe(0);
    expect(abuse.requests).toBeGreaterThan(LEGIT_SECONDS * 100);
    // Within 2× (the bar of the worst-documents test too). The abuser's 500 requests/s are refused
    // before parsing, but on two cores shared with Neo4j and the load generator they still take
    // CPU: runs of this same test measured −4 % and +47 %.
    expect(p95WithAbuse).toBeLessThan(p95 * 2);
    expect(server.child.exitCode).toBeNull();
  }, 240_000);
});
