/**
 * Property 1: hostile documents are refused before any Cypher runs, over real HTTP, while `/health`
 * keeps answering; and the request-level protections (body size, argument-aware cost, execution
 * deadline, per-client rate limit, CORS, no stacks in production) hold. The in-process versions
 * of the depth, alias, fragment and `__schema` checks live in test/api/limits-and-errors.test.ts;
 * here they run concurrently over HTTP with a Cypher counter and a health probe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../helpers/graph.ts';
import { listen, percentile, post, probe, productionYoga, report } from './helpers.ts';

const db = testDatabase();
let server: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  server = await listen(productionYoga(db));
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const nested = (levels: number) => {
  let selection = 'slug';
  for (let i = 0; i < levels; i++) selection = `requires { ${selection} }`;
  return `{ concept(slug: "runc") { ${selection} } }`;
};
const aliasFlood = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: concept(slug: "runc") { slug }`).join(' ')} }`;
const fragmentBypass = `{ concept(slug: "runc") { ...F0 } }\n${Array.from(
  { length: 40 },
  (_, i) => `fragment F${i} on Concept { requires { ...F${i + 1} } }`,
).join('\n')}\nfragment F40 on Concept { slug }`;
const wide = 'slug name summary aliases tags kind background bottleneckScore degree';
const namedSchemaOverCost = `query __schema { concepts(first: 100) { edges { node { ${[
  'requires',
  'requiredBy',
  'dependsOn',
  'dependents',
  'parts',
  'partOf',
  'uses',
  'usedBy',
]
  .map((f) => `${f} { ${wide} requires { ${wide} requiredBy { ${wide} } } }`)
  .join(' ')} } } } }`;
// Passes the static (shape) cost, but asks for 100 × 100 relationships of 100 × 100 concepts' pages.
const argumentCostly = `{ concepts(first: 100) { edges { node { relations(first: 100) { edges { node {
  from { relations(first: 100) { edges { node { slug: id } } } } } } } } } } }`;
const hundredKb = `{ concept(slug: "runc") { slug } } # ${'x'.repeat(100 * 1024)}`;

describe('hostile documents over HTTP', () => {
  it('are each refused with a GraphQL error (413 for the size), run zero Cypher, and /health answers meanwhile', async () => {
    const cases: [string, string, RegExp][] = [
      ['depth 50', nested(49), /limit of \d+ exceeded/i],
      ['100 aliases', aliasFlood, /alias/i],
      ['fragment-reuse depth bypass', fragmentBypass, /(depth|cost) limit of \d+ exceeded/i],
      ['operation named __schema over the cost limit', namedSchemaOverCost, /cost/i],
      ['argument-aware cost', argumentCostly, /cost/i],
    ];
    const before = db.queryCount;
    const health: number[] = [];
    let hostile = true;
    const healthLoop = (async () => {
      for (let i = 0; i < 400 && hostile; i++) {
        const h = await probe(server.base, '/health');
        expect(h.status).toBe(200);
        health.push(h.ms);
      }
    })();
    // Each document 20 times, all at once.
    const results = await Promise.all(
      cases.flatMap(([name, query, pattern]) =>
        Array.from({ length: 20 }, async () => ({ name, pattern, result: await post(server.base, query) })),
      ),
    );
    const size = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: hundredKb }),
    });
    hostile = false;
    await healthLoop;

    for (const { name, pattern, result } of results) {
      expect(result.body.errors?.map((e) => e.message).join('\n'), name).toMatch(pattern);
      expect(result.body.data ?? undefined, name).toBeUndefined();
    }
    expect(size.status).toBe(413);
    expect(((await size.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
      /too large/i,
    );
    expect(db.queryCount - before).toBe(0);
    expect(health.length).toBeGreaterThan(0);
    report('hostile documents: Cypher queries run', db.queryCount - before);
    report('hostile documents: /health p95 ms meanwhile', percentile(health, 95).toFixed(1));
    report(
      'hostile documents: slowest rejection ms',
      Math.max(...results.map((r) => r.result.ms)).toFixed(1),
    );
  });

  it('refuses a 100 KB body sent chunked (no Content-Length) with 413', async () => {
    const before = db.queryCount;
    const body = new ReadableStream({
      start(controller) {
        const text = JSON.stringify({ query: hundredKb });
        for (let i = 0; i < text.length; i += 8192)
          controller.enqueue(new TextEncoder().encode(text.slice(i, i + 8192)));
        controller.close();
      },
    });
    const response = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(db.queryCount - before).toBe(0);
  });
});

describe('argument-aware cost', () => {
  const query = /* GraphQL */ `query Deep($limit: Int!) {
    a: prerequisites(slug: "overlay-driver", limit: $limit) { concepts { concept { slug name summary
      requires { slug name } requiredBy { slug name } dependents { slug name } usedBy { slug name } }
      via { type } } edges { type } }
  }`;

  it('grows with the limit a variable asks for, on the same (cached) document', async () => {
    const small = await post(server.base, query, { limit: 10 });
    expect(small.body.errors, JSON.stringify(small.body.errors)).toBeUndefined();
    const before = db.queryCount;
    const big = await post(server.base, query, { limit: 1000 });
    expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maxCost: 50_000 });
    expect(big.body.errors?.[0]?.extensions?.cost).toBeGreaterThan(50_000);
    expect(db.queryCount - before).toBe(0);
    // The cost is remembered per document and variables: each answer stays what it was.
    const bigAgain = await post(server.base, query, { limit: 1000 });
    expect(bigAgain.body.errors?.[0]?.extensions?.cost).toBe(big.body.errors?.[0]?.extensions?.cost);
    const smallAgain = await post(server.base, query, { limit: 10 });
    expect(smallAgain.body.errors, JSON.stringify(smallAgain.body.errors)).toBeUndefined();
    report('cost of the same traversal at limit 10 vs 1000', [
      'accepted',
      big.body.errors?.[0]?.extensions?.cost,
    ]);
  });

  it('clamps out-of-range arguments so they fail with BAD_USER_INPUT, not a cost error', async () => {
    const result = await post(server.base, query, { limit: 2_000_000_000 });
    expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'limit' });
  });
});

describe('execution deadline', () => {
  it('answers QUERY_TIMEOUT once a request outlives EXECUTION_TIMEOUT_MS', async () => {
    const hurried = await listen(productionYoga(db, { EXECUTION_TIMEOUT_MS: '1' }));
    try {
      const result = await post(hurried.base, '{ integrity { ok } graphStats { concepts } }');
      expect(result.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TIMEOUT', deadlineMs: 1 });
      expect(result.body.errors?.[0]?.message).toMatch(/1 ms deadline/);
      report('execution deadline 1 ms: answered in ms', result.ms.toFixed(1));
    } finally {
      await hurried.close();
    }
  });
});

describe('per-client rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After past the budget, per client, without touching /health', async () => {
    const limited = await listen(
      productionYoga(db, { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY: 'true' }),
    );
    try {
      const as = (ip: string) =>
        post(limited.base, '{ concept(slug: "runc") { slug } }', {}, { 'x-forwarded-for': ip });
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) statuses.push((await as('198.51.100.1')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
      const refused = await as('198.51.100.1');
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await as('198.51.100.2')).status).toBe(200); // another client
      expect((await probe(limited.base, '/health')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe("per-client share of the server's time", () => {
  it('answers 429 RATE_LIMITED, before parsing, to a client whose requests used its share; others unaffected', async () => {
    const limited = await listen(
      productionYoga(db, { RATE_LIMIT_TIME_MS: '1', RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY: 'true' }),
    );
    try {
      const as = (
        ip: string,
        query = '{ impact(slug: "linux-namespaces", maxDepth: 10, limit: 1000) { count } }',
      ) => post(limited.base, query, {}, { 'x-forwarded-for': ip });
      expect((await as('198.51.100.7')).status).toBe(200); // answered: it takes more than the 1 ms share
      const refused = await as('198.51.100.7', '{ this is not GraphQL');
      expect(refused.status).toBe(429); // refused before parsing: not a syntax error
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(refused.body.errors?.[0]?.message).toMatch(/share of the server \(1 ms per 60 s\)/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await as('198.51.100.8')).status).toBe(200); // another client
      expect((await probe(limited.base, '/health')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('CORS', () => {
  const preflight = (base: string, origin: string) =>
    fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });

  it('allows no cross-origin caller by default', async () => {
    const response = await preflight(server.base, 'https://evil.example');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows exactly the configured origins', async () => {
    const open = await listen(
      productionYoga(db, { CORS_ORIGINS: 'https://app.example,https://map.example' }),
    );
    try {
      const allowed = await preflight(open.base, 'https://map.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://map.example');
      expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
      const other = await preflight(open.base, 'https://evil.example');
      expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
    } finally {
      await open.close();
    }
  });
});

describe('production error output', () => {
  it('never carries a stack trace, even for malformed requests', async () => {
    const bodies = ['{"query": ', '{"query": 42}', '{"query": "{ concept(slug: 1) { slug } }"}', '[]'];
    for (const body of bodies) {
      const response = await fetch(`${server.base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      const text = await response.text();
      expect(response.status).toBeLessThan(500);
      expect(text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|stack/);
    }
  });
});
