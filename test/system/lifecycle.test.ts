/**
 * The server as its own process (`src/main.ts`), as production runs it: JSON log lines with one
 * access line per request and never a password; a drain on SIGTERM (a request in flight finishes,
 * new connections are refused, then HTTP, the driver and Neo4j close, exit 0; cut at
 * SHUTDOWN_TIMEOUT_MS); a crash on an uncaught exception or unhandled rejection (logged, exit 1);
 * a port in use refused before Neo4j starts; traces exported over OTLP/HTTP.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { freePort } from '../../src/neo4j/local-neo4j.ts';
import { post, probe, report, type SpawnedServer, spawnServer } from '../reliability/helpers.ts';

const neo4j = inject('neo4j');
/** The shared test Neo4j, with timeouts for a busy machine: these tests are not about speed. */
const neo4jEnv = (): Record<string, string> => ({
  ...(neo4j.password
    ? { NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user ?? 'neo4j', NEO4J_PASSWORD: neo4j.password }
    : { NEO4J_URI: neo4j.uri, NEO4J_AUTH: 'none' }),
  QUERY_TIMEOUT_MS: '60000',
  EXECUTION_TIMEOUT_MS: '60000',
});
/** Starting a server process (tsx compiles it first) takes a while on a busy machine. */
const START_MS = 150_000;
vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 });

let server: SpawnedServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

/** Resolves with the exit code once the child has exited. */
const exitOf = (s: SpawnedServer) =>
  s.child.exitCode !== null
    ? Promise.resolve(s.child.exitCode)
    : new Promise<number | null>((done) => s.child.once('exit', (code) => done(code)));

/** The process's output as log records (every line must be one). */
const records = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(
      (line) => JSON.parse(line) as { level: number; time: number; msg: string } & Record<string, unknown>,
    );

/**
 * A POST whose body arrives in two parts: headers and the first bytes now, the rest on `finish()`
 * (a slow client: the request is in flight from the first byte on).
 */
function slowPost(base: string, query: string) {
  const body = JSON.stringify({ query });
  const url = new URL(`${base}/graphql`);
  const req = request({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    agent: false,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; text: string; connection: string | undefined }>(
    (done, fail) => {
      req.on('error', fail);
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, text, connection: res.headers.connection }));
        res.on('error', fail);
      });
    },
  );
  response.catch(() => undefined);
  req.write(body.slice(0, 10));
  return { response, finish: () => req.end(body.slice(10)) };
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/** Waits until `output()` matches `pattern`. */
async function waitFor(output: () => string, pattern: RegExp, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(output())) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in:\n${output().slice(-3_000)}`);
    await sleep(25);
  }
}

describe('logs', () => {
  it('are JSON lines, one access line per GraphQL request, and never show the password', async () => {
    const password = neo4j.password ?? `pw-${randomBytes(12).toString('hex')}`;
    server = await spawnServer(
      {
        ...neo4jEnv(),
        // Basic auth even against a server without it: the password is still in the environment.
        NEO4J_AUTH: 'basic',
        NEO4J_USER: neo4j.user ?? 'neo4j',
        NEO4J_PASSWORD: password,
        NODE_ENV: 'production',
        LOG_LEVEL: 'trace',
      },
      START_MS,
    );
    const sent = [
      await post(
        server.base,
        'query Named { concept(slug: "runc") { name } }',
        {},
        { 'x-request-id': 'logs-1' },
      ),
      await post(server.base, '{ concept(slug: "no-such-thing") { name } }'),
      await post(server.base, '{ nope }'),
      await post(
        server.base,
        '{ concept(slug: "runc") { name } }',
        {},
        { authorization: `Basic ${password}` },
      ),
    ];
    await probe(server.base, '/health');
    expect(await server.stop()).toBe(0);
    const output = server.output();
    expect(output).not.toContain(password);

    const lines = records(output);
    for (const line of lines) {
      expect(typeof line.level).toBe('number');
      expect(typeof line.time).toBe('number');
      expect(line.app).toBe('docker-concept-graph');
    }
    const access = lines.filter((l) => l.msg === 'request' && l.path === '/graphql');
    expect(access).toHaveLength(sent.length);
    expect(access[0]).toMatchObject({ requestId: 'logs-1', operation: 'Named', status: 200, errors: [] });
    expect(Number(access[0]?.cypher)).toBeGreaterThan(0);
    expect(access[1]).toMatchObject({ errors: ['CONCEPT_NOT_FOUND'] });
    expect(access[2]).toMatchObject({ errors: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(access.map((l) => l.status)).toEqual(sent.map((r) => r.status));
    // Levels filter: trace shows yoga's own debug lines, the default does not.
    expect(lines.some((l) => l.level <= 20 && l.msg !== 'request')).toBe(true);
    report('logs: lines written for 4 requests at LOG_LEVEL=trace', lines.length);
  });
});

describe('shutdown', () => {
  it('on SIGTERM lets a request in flight finish, refuses new connections, then closes HTTP, the driver, in that order (exit 0)', async () => {
    server = await spawnServer({ ...neo4jEnv(), LOG_LEVEL: 'info' }, START_MS);
    const base = server.base;
    const slow = slowPost(base, 'query InFlight { concept(slug: "containerd") { name } }');
    await sleep(1_000);
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    await waitFor(server.output, /SIGTERM: shutting down/);
    // The listener is closed: a new client cannot connect.
    expect((await probe(base, '/ready', 2_000)).status).toBe(0);
    await sleep(500);
    slow.finish();
    const answer = await slow.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ data: { concept: { name: 'containerd' } } });
    expect(answer.connection).toBe('close');
    expect(await exitOf(server)).toBe(0);
    const stoppedMs = Math.round(performance.now() - signalled);

    const lines = records(server.output());
    const order = ['SIGTERM: shutting down', 'HTTP server closed', 'Neo4j driver closed', 'stopped'];
    const at = order.map((start) => lines.findIndex((l) => l.msg.startsWith(start)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(lines[at[0] as number]).toMatchObject({ inFlight: 1 });
    const closed = lines[at[1] as number] as unknown as { inFlightAtStart: number; cut: number; ms: number };
    expect(closed).toMatchObject({ inFlightAtStart: 1, cut: 0 });
    expect(lines.find((l) => l.msg === 'request' && l.operation === 'InFlight')).toMatchObject({
      status: 200,
    });
    report('shutdown: drain with one slow request (ms), SIGTERM to exit (ms)', [closed.ms, stoppedMs]);
  });

  it('cuts what is still in flight at SHUTDOWN_TIMEOUT_MS and still exits 0', async () => {
    server = await spawnServer({ ...neo4jEnv(), SHUTDOWN_TIMEOUT_MS: '1000' }, START_MS);
    const stuck = slowPost(server.base, '{ concept(slug: "runc") { name } }');
    await sleep(1_000);
    const signalled = performance.now();
    server.child.kill('SIGTERM');
    expect(await exitOf(server)).toBe(0);
    const ms = Math.round(performance.now() - signalled);
    await expect(stuck.response).rejects.toThrow();
    const closed = records(server.output()).find((l) => l.msg.startsWith('HTTP server closed')) as
      | { cut: number; ms: number }
      | undefined;
    expect(closed).toMatchObject({ cut: 1 });
    expect(closed?.ms).toBeGreaterThanOrEqual(1_000);
    expect(ms).toBeLessThan(10_000);
    report('shutdown: deadline 1000 ms, drain ms / SIGTERM to exit ms', [closed?.ms, ms]);
  });
});

describe('a crash', () => {
  it.each([
    ['reject', 'unhandled rejection: planted rejection'],
    ['throw', 'uncaught exception: planted exception'],
  ])('(%s) is logged as fatal and ends the process with exit code 1', async (fault, message) => {
    server = await spawnServer(
      {
        ...neo4jEnv(),
        FAULT: fault,
        NODE_OPTIONS: `--import ${resolve('test/fixtures/fault-on-signal.mjs')}`,
      },
      START_MS,
    );
    expect((await post(server.base, '{ concept(slug: "runc") { name } }')).status).toBe(200);
    server.child.kill('SIGUSR2');
    expect(await exitOf(server)).toBe(1);
    const fatal = records(server.output()).find((l) => l.level === 60);
    expect(fatal?.msg).toBe(`${message}; exiting`);
    expect(fatal?.err).toMatchObject({ message: message.split(': ')[1] });
  });
});

describe('start-up', () => {
  it('fails at once, before starting Neo4j, when the port is taken', async () => {
    const port = await freePort();
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(port, '127.0.0.1', () => done()));
    const dir = resolve(`.neo4j-local/system-port-taken-${process.pid}`);
    try {
      const started = performance.now();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NODE_ENV: 'test',
          PORT: String(port),
          NEO4J_LOCAL_DIR: dir,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      const code = await new Promise<number | null>((done) => child.on('exit', (c) => done(c)));
      const ms = Math.round(performance.now() - started);
      expect(code).toBe(1);
      expect(output).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(output).not.toMatch(/neo4j-local|Neo4j 5\.26/);
      expect(existsSync(dir)).toBe(false);
      report('start-up: port in use reported after ms', ms);
    } finally {
      taken.close();
    }
  });

  it('answers 503 "starting" (and /health 200) until the API is ready', async () => {
    // The port is taken before the graph opens: a "Neo4j" that accepts connections and never
    // answers keeps the server starting.
    const silent = await freePort();
    const hang = createNetServer(() => {});
    await new Promise<void>((done) => hang.listen(silent, '127.0.0.1', () => done()));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'test',
        PORT: String(port),
        LOAD_ON_START: 'always',
        NEO4J_URI: `bolt://127.0.0.1:${silent}`,
        NEO4J_AUTH: 'none',
        NEO4J_CONNECTION_TIMEOUT_MS: '60000',
      },
      stdio: 'ignore',
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      // Long timeouts: validating data/ at start keeps the event loop busy for a moment.
      let health = await probe(base, '/health', 30_000);
      for (let i = 0; i < 600 && health.status === 0; i++) {
        await sleep(100);
        health = await probe(base, '/health', 30_000);
      }
      expect(health).toMatchObject({ status: 200, text: '{"status":"starting"}' });
      const ready = await probe(base, '/ready', 30_000);
      expect(ready).toMatchObject({ status: 503, text: '{"status":"starting"}' });
      expect((await post(base, '{ concept(slug: "runc") { name } }')).status).toBe(503);
    } finally {
      child.kill('SIGKILL');
      hang.close();
    }
  });
});

describe('tracing', () => {
  it('sends the spans of a request over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', async () => {
    const received: { path: string; type: string | undefined; body: string }[] = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        received.push({ path: req.url ?? '', type: req.headers['content-type'], body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    const port = await freePort();
    await new Promise<void>((done) => collector.listen(port, '127.0.0.1', () => done()));
    try {
      server = await spawnServer(
        {
          ...neo4jEnv(),
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
          OTEL_SERVICE_NAME: 'concept-graph-under-test',
          RESPONSE_CACHE: 'false',
        },
        START_MS,
      );
      const answer = await post(
        server.base,
        'query Traced { concept(slug: "runc") { name dependsOn { slug } } }',
      );
      expect(answer.status).toBe(200);
      expect(await server.stop()).toBe(0); // shutdown flushes the batch
      const exported = received.filter((r) => r.path === '/v1/traces');
      expect(exported.length).toBeGreaterThan(0);
      expect(exported[0]?.type).toMatch(/application\/json/);
      const spans = exported.flatMap((r) =>
        (
          JSON.parse(r.body) as {
            resourceSpans: {
              resource: { attributes: { key: string; value: { stringValue?: string } }[] };
              scopeSpans: {
                spans: { name: string; traceId: string; parentSpanId?: string; spanId: string }[];
              }[];
            }[];
          }
        ).resourceSpans.flatMap((rs) => {
          const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
          return rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => ({ ...s, service })));
        }),
      );
      const operation = spans.find((s) => s.name === 'query.Traced');
      const cypher = spans.filter((s) => s.name === 'neo4j.read Traced');
      expect(operation?.service).toBe('concept-graph-under-test');
      expect(cypher.length).toBeGreaterThan(0);
      for (const span of cypher) {
        expect(span.traceId).toBe(operation?.traceId);
        expect(span.parentSpanId).toBe(operation?.spanId);
      }
      report('tracing: spans exported for one request (operation + Cypher)', 1 + cypher.length);
    } finally {
      collector.close();
    }
  });
});
