/**
 * Tracing (OpenTelemetry, the SDK's in-memory exporter) and the metadata every Neo4j transaction
 * carries, on the real graph: a span per operation with a child span per Cypher query, and
 * `SHOW TRANSACTIONS` naming the application, the request and the operation of a running read.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.ts';
import { buildYoga, type Yoga } from '../../src/server/yoga.ts';
import { APPLICATION_NAME, RequestReads } from '../../src/service/request-reads.ts';
import { runCypher, testConfig, testDatabase } from '../helpers/graph.ts';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
provider.register();
const db = testDatabase();
afterAll(async () => {
  await db.close();
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => exporter.reset());

function tracedYoga(env: Record<string, string> = {}): Yoga {
  return buildYoga({ db, config: testConfig(env), log: silentLogger, tracerProvider: provider });
}

async function post(yoga: Yoga, query: string, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { response, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

const PLAN = /* GraphQL */ `
  query StudyPlan {
    concept(slug: "overlay-driver") {
      name
      requires {
        slug
      }
    }
    learningPath(goals: ["overlay-driver"], known: ["container"]) {
      totalSteps
    }
  }
`;

describe('tracing', () => {
  it('gives an operation one span, and each of its Cypher queries a child span', async () => {
    const yoga = tracedYoga({ RESPONSE_CACHE: 'false' });
    const before = db.queryCount;
    const { response, body } = await post(yoga, PLAN, { 'x-request-id': 'trace-test-1' });
    const queries = db.queryCount - before;
    expect(body.errors).toBeUndefined();

    const spans = exporter.getFinishedSpans();
    const operations = spans.filter((s) => s.name === 'query.StudyPlan');
    expect(operations).toHaveLength(1);
    const operation = operations[0] as ReadableSpan;
    expect(operation.attributes['graphql.execute.operationName']).toBe('StudyPlan');

    const cypher = spans.filter((s) => s.name.startsWith('neo4j.read'));
    expect(queries).toBeGreaterThanOrEqual(2);
    expect(cypher).toHaveLength(queries);
    for (const span of cypher) {
      expect(span.name).toBe('neo4j.read StudyPlan');
      expect(parentOf(span)).toBe(operation.spanContext().spanId);
      expect(span.spanContext().traceId).toBe(operation.spanContext().traceId);
      expect(span.attributes).toMatchObject({
        'db.system': 'neo4j',
        'db.name': 'neo4j',
        'db.operation': 'StudyPlan',
        'app.request_id': response.headers.get('x-request-id'),
      });
      expect(String(span.attributes['db.statement'])).toMatch(/MATCH/);
    }
    expect(spans).toHaveLength(1 + queries);
  });

  it('counts the response cache’s version read as a child span too', async () => {
    const yoga = tracedYoga();
    const before = db.queryCount;
    await post(yoga, PLAN);
    const queries = db.queryCount - before;
    const spans = exporter.getFinishedSpans();
    const operation = spans.find((s) => s.name === 'query.StudyPlan') as ReadableSpan;
    const children = spans.filter((s) => parentOf(s) === operation.spanContext().spanId);
    expect(children).toHaveLength(queries);
    expect(children.filter((s) => s.name === 'neo4j.read')).toHaveLength(1);
  });

  it("continues the caller's trace from a W3C traceparent header", async () => {
    const yoga = tracedYoga({ RESPONSE_CACHE: 'false' });
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const parent = 'b7ad6b7169203331';
    await post(yoga, '{ concept(slug: "runc") { name } }', { traceparent: `00-${traceId}-${parent}-01` });
    const operation = exporter.getFinishedSpans().find((s) => s.name === 'query.anonymous') as ReadableSpan;
    expect(operation.spanContext().traceId).toBe(traceId);
    expect(parentOf(operation)).toBe(parent);
  });

  it('records failures and cuts long statements', async () => {
    await expect(db.read(`RETURN 1 / 0 // ${'x'.repeat(3_000)}`)).rejects.toThrow(/by zero/);
    const [span] = exporter.getFinishedSpans();
    expect(span?.status.code).toBe(2); // ERROR
    expect(span?.events.some((e) => e.name === 'exception')).toBe(true);
    expect(String(span?.attributes['db.statement'])).toHaveLength(2_001);
  });
});

describe('transaction metadata', () => {
  it('names the application, the request and the operation in SHOW TRANSACTIONS while a read runs', async () => {
    const requestId = `meta-${Date.now()}`;
    const reads = new RequestReads(db, { requestId, client: 'test', maxQueries: 5 });
    reads.operation = 'SlowOperation';
    // A read that runs for seconds on any machine (about 10⁸ rows counted).
    const slow = reads.read('UNWIND range(1, 100000000) AS x RETURN count(x) AS n').catch((error) => error);
    let seen: { metaData: Record<string, unknown>; currentQuery: string } | undefined;
    for (let attempt = 0; attempt < 100 && !seen; attempt++) {
      const rows = await runCypher<{ metaData: Record<string, unknown>; currentQuery: string }>(
        db,
        'SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE metaData.requestId = $requestId RETURN metaData, currentQuery',
        { requestId },
      );
      seen = rows[0];
      if (!seen) await new Promise((wake) => setTimeout(wake, 50));
    }
    await runCypher(
      db,
      'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.requestId = $requestId TERMINATE TRANSACTIONS transactionId',
      { requestId },
    ).catch(() => undefined);
    await slow;
    expect(seen?.metaData).toEqual({ app: APPLICATION_NAME, requestId, operation: 'SlowOperation' });
    expect(seen?.currentQuery).toContain('UNWIND range(1, 100000000)');
  });
});
