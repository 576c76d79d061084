/**
 * Long (`npm run test:reliability`): one client must not be able to take the service down from
 * inside the limits. Legitimate clients run alone, then beside five attackers, each at its full
 * rate limit, sending the most expensive documents the limits accept (15 aliases of the dearest
 * root fields, list arguments at their caps, unknown slugs so nothing is cached). The legitimate
 * p95 stays within 2× of the run alone and `/health` answers throughout. What bounds the attack
 * is each client's share of the server's time (`RATE_LIMIT_TIME_MS`): its dearest documents are
 * answered until it has used it, then refused with 429 before any work.
 *
 * The legitimate clients send at a fixed pace, one request every 1000 / LEGIT_RATE ms in turn, so
 * that the run alone is the service near idle (the bar in issue 16). In a closed loop they would
 * saturate both cores, and any request beside theirs would show as latency whatever the server did
 * with it (as in the sustained-load test); autocannon's fixed rate sends each second's requests
 * at once, and its p95 measures how long a burst of 50 takes to drain.
 */
import type { EventEmitter } from 'node:events';
import autocannonModule from 'autocannon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LONG, percentile, post, probe, report, type SpawnedServer, sleep, spawnServer } from './helpers.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const LEGIT_CLIENTS = 20;
const ATTACKERS = 5;
const RATE_PER_CLIENT = 10; // the default rate limit: 600 per minute
const LEGIT_RATE = Number(process.env.LEGIT_RATE ?? 20); // requests per second, all legitimate clients together

const autocannon = autocannonModule as unknown as (options: Record<string, unknown>) => EventEmitter;

const unknownSlugs = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => `${prefix}-no-such-${i}`);
/** `count` aliases of `field(i)`: each alias asks something else, so that none is answered from another. */
const aliases = (field: (i: number) => string, count: number) =>
  Array.from({ length: count }, (_, i) => `a${i}: ${field(i)}`).join('\n');
/** The curated graph's best-connected concepts: the dearest starts for traversals. */
const HUBS = [
  'docker-cli',
  'container',
  'docker-engine',
  'image',
  'docker-swarm',
  'libnetwork',
  'linux-kernel',
  'buildx',
  'multi-container-app',
  'docker-desktop',
  'linux-namespaces',
  'runc',
  'volume',
  'containerd',
  'swarm-mode',
];
const hub = (i: number) => HUBS[i % HUBS.length];

/**
 * The dearest root fields, each to be repeated in as many aliases as the limits accept (15 at
 * most), every alias with other arguments (a request asking the same thing twice reads it once),
 * with list arguments at their caps and unknown slugs where they cost work.
 */
const FIELDS = [
  {
    field: () => 'nextToLearn(known: $k, goals: $g, first: 50) { unlocks concept { slug } }',
    head: 'query ($k: [String!]!, $g: [String!])',
    variables: { k: unknownSlugs(500, 'known'), g: unknownSlugs(20, 'goal') },
  },
  {
    field: (i: number) => `learningPath(goals: ["${hub(i)}", "${hub(i + 1)}"], known: $k) { totalSteps }`,
    head: 'query ($k: [String!]!)',
    variables: { k: unknownSlugs(500, 'known') },
  },
  {
    field: (i: number) => `nextToLearn(known: $k, first: ${50 - i}) { unlocks concept { slug } }`,
    head: 'query ($k: [String!]!)',
    variables: { k: HUBS.slice(0, 5) },
  },
  {
    field: (i: number) => `impact(slug: "${hub(i)}", maxDepth: 10, limit: 1000) { count }`,
    head: '',
    variables: {},
  },
  {
    field: (i: number) => `neighborhood(slug: "${hub(i)}", depth: 3, limit: 500) { truncated }`,
    head: '',
    variables: {},
  },
];

let probes = 0;

/** The document for `field` with the most aliases the server accepts (it says the cost when it refuses). */
async function dearest(field: (typeof FIELDS)[number]) {
  for (let count = 15; count >= 1; count--) {
    probes += 1;
    const document = {
      query: `${field.head} { ${aliases(field.field, count)} }`,
      variables: field.variables,
    };
    const answer = await post(server.base, document.query, document.variables, {
      'x-forwarded-for': `192.0.2.${100 + probes}`, // a budget of its own for each probe
    });
    const codes = (answer.body.errors ?? []).map((e) => e.extensions?.code);
    expect(codes).not.toContain('GRAPHQL_VALIDATION_FAILED');
    if (!codes.includes('QUERY_TOO_COSTLY')) return document;
  }
  throw new Error(`no alias count of ${field.field(0)} is accepted`);
}

const LEGIT = [
  '{ concept(slug: "containerd") { name kind dependsOn { slug name } } }',
  '{ search(text: "overlay network", first: 5) { score concept { slug name } } }',
  '{ neighborhood(slug: "containerd-shim", depth: 1, limit: 20) { nodes { concept { slug } } edges { type } } }',
  '{ prerequisites(slug: "overlay-driver", maxDepth: 3) { count concepts { concept { slug } } } }',
];

interface Phase {
  latencies: number[];
  statuses: Record<string, number>;
}

let server: SpawnedServer;

function load(options: {
  connections: number;
  bodies: string[];
  address: (c: number) => string;
  rate?: number;
}) {
  const phase: Phase = { latencies: [], statuses: {} };
  let next = 0;
  const instance = autocannon({
    url: `${server.base}/graphql`,
    connections: options.connections,
    duration: SECONDS,
    overallRate: options.rate,
    timeout: 30,
    requests: options.bodies.map((body) => ({
      method: 'POST',
      body,
      setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
        context.address ??= options.address(next++);
        return {
          ...request,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': context.address },
        };
      },
    })),
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    phase.latencies.push(ms);
    phase.statuses[status] = (phase.statuses[status] ?? 0) + 1;
  });
  return new Promise<Phase>((resolve, reject) => {
    instance.on('done', (result: { errors: number; timeouts: number }) => {
      if (result.errors) phase.statuses.errors = result.errors;
      if (result.timeouts) phase.statuses.timeouts = result.timeouts;
      resolve(phase);
    });
    instance.on('error', reject);
  });
}

/** Legitimate clients: `rate` requests a second, evenly spaced, each from the next client's address. */
async function paced(options: { clients: number; queries: string[]; rate: number }): Promise<Phase> {
  const phase: Phase = { latencies: [], statuses: {} };
  const count = (status: string) => {
    phase.statuses[status] = (phase.statuses[status] ?? 0) + 1;
  };
  const sent: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < SECONDS * options.rate; i++) {
    const due = started + (i * 1_000) / options.rate;
    await sleep(Math.max(0, due - performance.now()));
    const query = options.queries[i % options.queries.length] as string;
    const address = `198.51.100.${(i % options.clients) + 1}`;
    sent.push(
      post(server.base, query, {}, { 'x-forwarded-for': address }).then(
        (answer) => {
          phase.latencies.push(answer.ms);
          count(String(answer.status));
        },
        () => count('errors'),
      ),
    );
  }
  await Promise.all(sent);
  return phase;
}

/** Polls /health every 250 ms until `done`; returns the slowest answer and any failure. */
async function watchHealth(done: () => boolean) {
  const seen = { maxMs: 0, failures: 0, samples: 0 };
  while (!done()) {
    const health = await probe(server.base, '/health', 2_000);
    seen.samples += 1;
    if (health.status !== 200) seen.failures += 1;
    seen.maxMs = Math.max(seen.maxMs, health.ms);
    await sleep(250);
  }
  return seen;
}

describe.runIf(LONG)('the worst documents the limits allow', () => {
  beforeAll(async () => {
    const target = inject('neo4j');
    server = await spawnServer({
      NODE_ENV: 'production',
      NEO4J_URI: target.uri,
      ...(target.password
        ? { NEO4J_USER: target.user ?? 'neo4j', NEO4J_PASSWORD: target.password }
        : { NEO4J_AUTH: 'none' }),
      TRUST_PROXY: 'true',
      // Legitimate answers computed every time: the cache would hide the contention measured here.
      RESPONSE_CACHE: 'false',
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it(`${ATTACKERS} attackers at their rate limit leave legitimate p95 within 2× and /health answering`, async () => {
    // Each worst document is accepted by every limit (a refused one would cost nothing).
    const worst: { query: string; variables: Record<string, unknown> }[] = [];
    for (const field of FIELDS) worst.push(await dearest(field));
    report(
      'worst documents: aliases per field accepted',
      worst.map((d) => (d.query.match(/\ba\d+:/g) ?? []).length),
    );

    const bodies = LEGIT.map((query) => JSON.stringify({ query }));
    const legit = () => paced({ clients: LEGIT_CLIENTS, queries: LEGIT, rate: LEGIT_RATE });
    await load({ connections: 10, bodies, address: (c) => `192.0.2.${c + 1}` }); // warm-up

    let finished = false;
    const [alone, healthAlone] = await Promise.all([
      legit().finally(() => {
        finished = true;
      }),
      watchHealth(() => finished),
    ]);

    finished = false;
    const worstBodies = worst.map((d) => JSON.stringify(d));
    const attacks = Array.from({ length: ATTACKERS }, (_, a) =>
      load({
        connections: 4,
        bodies: worstBodies,
        address: () => `203.0.113.${a + 10}`,
        rate: RATE_PER_CLIENT,
      }),
    );
    const [attacked, healthAttacked, ...attackers] = await Promise.all([
      legit().finally(() => {
        finished = true;
      }),
      watchHealth(() => finished),
      ...attacks,
    ]);

    const p95 = percentile(alone.latencies, 95);
    const p95Attacked = percentile(attacked.latencies, 95);
    report('worst documents: legitimate alone (requests, p50/p95/p99 ms, statuses)', [
      alone.latencies.length,
      [50, 95, 99].map((p) => percentile(alone.latencies, p)),
      alone.statuses,
    ]);
    report('worst documents: legitimate under attack (requests, p50/p95/p99 ms, statuses)', [
      attacked.latencies.length,
      [50, 95, 99].map((p) => percentile(attacked.latencies, p)),
      attacked.statuses,
    ]);
    report(
      'worst documents: attackers (requests, statuses each)',
      attackers.map((a) => [a.latencies.length, a.statuses]),
    );
    report('worst documents: /health alone, under attack (max ms, failures, samples)', [
      healthAlone,
      healthAttacked,
    ]);

    expect(healthAttacked.failures).toBe(0);
    expect(healthAttacked.maxMs).toBeLessThan(1_000);
    expect(Object.keys(attacked.statuses).filter((s) => Number(s) >= 500 || s === 'timeouts')).toEqual([]);
    // The attack really ran: every attacker had documents every static limit accepts answered, and
    // was refused only by its time budget (429) once it had used it.
    for (const attacker of attackers) {
      expect(attacker.statuses['200']).toBeGreaterThan(0);
      expect(
        Object.keys(attacker.statuses).filter((s) => Number(s) >= 400 && Number(s) < 500 && s !== '429'),
      ).toEqual([]);
    }
    expect(p95Attacked).toBeLessThanOrEqual(2 * p95);
  }, 240_000);
});
