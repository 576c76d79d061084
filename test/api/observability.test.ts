/**
 * What an operator reads: one access-log line per GraphQL request and the Prometheus metrics, on
 * the real graph through an in-process server.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { graphChecksum } from '../../src/graph/health.ts';
import { Lifecycle } from '../../src/server/lifecycle.ts';
import { MAX_OPERATION_LABELS } from '../../src/server/metrics.ts';
import { buildYoga, type Yoga } from '../../src/server/yoga.ts';
import { captureLogger, testConfig, testDatabase } from '../helpers/graph.ts';

const db = testDatabase();
afterAll(() => db.close());

function server(env: Record<string, string> = {}) {
  const { log, lines } = captureLogger();
  const yoga = buildYoga({ db, config: testConfig(env), log });
  const accessLines = () =>
    lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'request' && entry.path === '/graphql');
  return { yoga, lines, accessLines };
}

function post(yoga: Yoga, query: string, headers: Record<string, string> = {}, operationName?: string) {
  return yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, operationName }),
  });
}

async function scrape(yoga: Yoga, path = '/metrics') {
  const response = await yoga.fetch(`http://yoga${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one sample (`name{labels} value`), or undefined when it is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    const has = Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`));
    if (has) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

const CONCEPT = /* GraphQL */ `
  query ConceptWithDependencies {
    concept(slug: "runc") {
      name
      dependsOn {
        slug
      }
    }
  }
`;

describe('the access log', () => {
  it('writes one line per GraphQL request: id, operation, status, duration, Cypher count, codes, cache', async () => {
    const { yoga, accessLines } = server({ RESPONSE_CACHE: 'false' });
    const before = db.queryCount;
    const response = await post(yoga, CONCEPT, { 'x-request-id': 'obs-test-1' });
    const cypher = db.queryCount - before;
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('obs-test-1');

    const lines = accessLines();
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({
      level: 30,
      requestId: 'obs-test-1',
      method: 'POST',
      operation: 'ConceptWithDependencies',
      status: 200,
      errors: [],
      cacheHit: false,
    });
    expect(cypher).toBeGreaterThan(0);
    expect(line.cypher).toBe(cypher);
    expect(line.ms).toBeGreaterThan(0);
  });

  it('names the error codes of the answer, and the codes of requests refused before execution', async () => {
    const { yoga, accessLines } = server({ RATE_LIMIT_MAX: '3' });
    const responses = [
      await post(yoga, '{ concept(slug: "no-such-concept") { name } }'),
      await post(yoga, '{ concept(slug: "runc") { nope } }'),
      await post(yoga, '{ concept(slug: "runc") { name } }'),
      await post(yoga, '{ concept(slug: "runc") { name } }'),
    ];
    const limited = responses[3] as Response;
    expect(limited.status).toBe(429);

    const lines = accessLines();
    expect(lines.map((l) => l.errors)).toEqual([
      ['CONCEPT_NOT_FOUND'],
      ['GRAPHQL_VALIDATION_FAILED'],
      [],
      ['RATE_LIMITED'],
    ]);
    expect(lines.map((l) => l.status)).toEqual(responses.map((r) => r.status));
    expect(lines[1].cypher).toBe(0);
    expect(lines[3].cypher).toBe(0);
    // Every line has a request id, and the response carries it too, even when refused early.
    expect(lines.every((l) => typeof l.requestId === 'string' && l.requestId.length > 0)).toBe(true);
    expect(limited.headers.get('x-request-id')).toBe(lines[3].requestId);
  });

  it('says when the response cache answered, with no Cypher sent', async () => {
    const { yoga, accessLines } = server();
    await post(yoga, CONCEPT);
    await post(yoga, CONCEPT);
    const [miss, hit] = accessLines();
    expect(miss).toMatchObject({ cacheHit: false, operation: 'ConceptWithDependencies' });
    expect(hit).toMatchObject({
      cacheHit: true,
      cypher: 0,
      status: 200,
      operation: 'ConceptWithDependencies',
    });
  });

  it('logs other paths at debug only, and health checks not at all', async () => {
    const { yoga, lines } = server();
    await yoga.fetch('http://yoga/health');
    await scrape(yoga);
    await yoga.fetch('http://yoga/no-such-page');
    const entries = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(entries.map((e) => [e.path, e.status, e.level])).toEqual([
      ['/metrics', 200, 20],
      ['/no-such-page', 404, 20],
    ]);
  });
});

describe('/metrics', () => {
  it('serves the Prometheus text format with request durations by operation and errors by code', async () => {
    const { yoga } = server({ RESPONSE_CACHE: 'false' });
    await post(yoga, CONCEPT);
    await post(yoga, '{ concept(slug: "no-such-concept") { name } }');
    const { status, type, text } = await scrape(yoga);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE graphql_envelop_request_duration histogram');
    expect(
      sample(text, 'graphql_envelop_request_duration_count', { operationName: 'ConceptWithDependencies' }),
    ).toBe(1);
    expect(
      sample(text, 'graphql_yoga_http_duration_count', {
        operationName: 'ConceptWithDependencies',
        statusCode: '200',
      }),
    ).toBe(1);
    expect(sample(text, 'graphql_errors_total', { code: 'CONCEPT_NOT_FOUND' })).toBe(1);
  });

  it('counts Cypher queries per request, cache hits and rate-limit rejections', async () => {
    const { yoga, accessLines } = server({ RATE_LIMIT_MAX: '3' });
    await post(yoga, CONCEPT);
    await post(yoga, CONCEPT);
    await post(yoga, CONCEPT);
    expect((await post(yoga, CONCEPT)).status).toBe(429);
    const { text } = await scrape(yoga);
    const [first] = accessLines();
    const labels = { operation: 'ConceptWithDependencies' };
    expect(sample(text, 'graphql_request_cypher_queries_count', labels)).toBe(1);
    expect(sample(text, 'graphql_request_cypher_queries_sum', labels)).toBe(first.cypher);
    expect(sample(text, 'graphql_response_cache_hits_total')).toBe(2);
    expect(sample(text, 'http_rate_limited_total')).toBe(1);
    expect(sample(text, 'graphql_errors_total', { code: 'RATE_LIMITED' })).toBe(1);
  });

  it('shows the driver pool, the event-loop delay and the loaded graph', async () => {
    const { yoga } = server();
    await post(yoga, CONCEPT);
    const { text } = await scrape(yoga);
    expect(sample(text, 'neo4j_pool_connections', { state: 'in_use' })).toBe(0);
    expect(sample(text, 'neo4j_pool_connections', { state: 'idle' })).toBeGreaterThan(0);
    expect(sample(text, 'neo4j_pool_connections', { state: 'waiting' })).toBe(0);
    expect(sample(text, 'nodejs_event_loop_delay_seconds', { stat: 'p99' })).toBeGreaterThanOrEqual(0);
    const checksum = await graphChecksum(db);
    expect(checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(sample(text, 'graph_info', { checksum: checksum as string })).toBe(1);
    const loadedAt = sample(text, 'graph_loaded_timestamp_seconds') as number;
    expect(loadedAt * 1000).toBeGreaterThan(Date.parse('2025-01-01'));
    expect(loadedAt * 1000).toBeLessThanOrEqual(Date.now());
  });

  it('is not rate-limited, and each server has its own registry', async () => {
    const a = server({ RATE_LIMIT_MAX: '1' });
    const b = server({ RATE_LIMIT_MAX: '1' });
    await post(a.yoga, CONCEPT);
    for (let i = 0; i < 5; i++) expect((await scrape(a.yoga)).status).toBe(200);
    expect(
      sample((await scrape(a.yoga)).text, 'graphql_envelop_request', {
        operationName: 'ConceptWithDependencies',
      }),
    ).toBe(1);
    expect(
      sample((await scrape(b.yoga)).text, 'graphql_envelop_request', {
        operationName: 'ConceptWithDependencies',
      }),
    ).toBeUndefined();
  });

  it('moves with METRICS_PATH and disappears with METRICS=false', async () => {
    const moved = server({ METRICS_PATH: '/internal/metrics' });
    expect((await scrape(moved.yoga, '/internal/metrics')).status).toBe(200);
    expect((await scrape(moved.yoga, '/metrics')).status).toBe(404);
    const off = server({ METRICS: 'false' });
    expect((await scrape(off.yoga)).status).toBe(404);
  });

  it(`keeps at most ${MAX_OPERATION_LABELS} client-chosen operation names as labels`, async () => {
    const { yoga } = server({ RESPONSE_CACHE: 'false', RATE_LIMIT_MAX: '0' });
    const names = Array.from({ length: MAX_OPERATION_LABELS + 50 }, (_, i) => `Invented${i}`);
    for (const name of names) await post(yoga, `query ${name} { __typename }`);
    const { text } = await scrape(yoga);
    const labelled = new Set(
      [...text.matchAll(/^graphql_envelop_request\{[^}]*operationName="([^"]+)"/gm)].map((m) => m[1]),
    );
    expect(labelled.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 1);
    expect(labelled.has('other')).toBe(true);
    expect(sample(text, 'graphql_envelop_request', { operationName: 'other' })).toBe(50);
  }, 120_000);
});

describe('/ready while shutting down', () => {
  it('answers 503 once the process drains, before asking Neo4j', async () => {
    const lifecycle = new Lifecycle();
    const yoga = buildYoga({ db, config: testConfig(), log: captureLogger().log, lifecycle });
    expect((await yoga.fetch('http://yoga/ready')).status).toBe(200);
    lifecycle.draining = true;
    const before = db.queryCount;
    const ready = await yoga.fetch('http://yoga/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', reason: 'shutting down' });
    expect(db.queryCount).toBe(before);
    // Everything else is still served while requests drain.
    expect((await post(yoga, CONCEPT)).status).toBe(200);
  });
});
