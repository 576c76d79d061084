/**
 * `npm start` as a new user runs it: the embedded Neo4j started by the server itself on its own
 * directory. The first start loads `data/`; a restart with unchanged data skips the load
 * (LOAD_ON_START=auto) and says so; LOAD_ON_START=always loads anyway. SIGTERM stops the HTTP
 * server, the driver and then the embedded Neo4j.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { post, report, type SpawnedServer, spawnServer } from '../reliability/helpers.ts';

const dir = resolve(`.neo4j-local/system-start-up-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type LogRecord = { level: number; msg: string } & Record<string, unknown>;
const records = (output: string): LogRecord[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

const env = (loadOnStart: string) => ({
  LOAD_ON_START: loadOnStart,
  LOG_LEVEL: 'info',
  NEO4J_LOCAL_DIR: dir,
  NEO4J_LOCAL_HEAP: '512m',
  NEO4J_LOCAL_PAGECACHE: '64m',
  // Not about speed: a busy machine must not fail a cold database's first reads.
  QUERY_TIMEOUT_MS: '60000',
  EXECUTION_TIMEOUT_MS: '60000',
});

/** Starts, answers one question from the graph, stops with SIGTERM; the log records. */
async function startAnswerStop(loadOnStart: string): Promise<LogRecord[]> {
  const server: SpawnedServer = await spawnServer(env(loadOnStart), 600_000);
  try {
    const answer = await post(server.base, '{ concept(slug: "containerd") { name } }', {}, {}, 120_000);
    expect(answer.body).toEqual({ data: { concept: { name: 'containerd' } } });
    server.child.kill('SIGTERM');
    const code = await new Promise<number | null>((done) =>
      server.child.exitCode !== null ? done(server.child.exitCode) : server.child.once('exit', done),
    );
    expect(code).toBe(0);
    return records(server.output());
  } finally {
    await server.stop();
  }
}

const find = (lines: LogRecord[], pattern: RegExp) => lines.find((l) => pattern.test(l.msg));
const startupMs = (lines: LogRecord[]) => Number(find(lines, /^GraphQL API on/)?.startupMs);

describe('start-up with the embedded Neo4j', () => {
  it('loads data/ at the first start, skips it when unchanged, loads again with LOAD_ON_START=always', async () => {
    const first = await startAnswerStop('auto');
    expect(find(first, /^the graph is empty: loading data\//)).toBeDefined();
    expect(
      find(first, /concepts, \d+ relationships loaded in \d+ ms \(checksum [0-9a-f]{16}\)$/),
    ).toBeDefined();
    // Progress along the way, each step its own line.
    for (const step of [
      /^listening on 127\.0\.0\.1:\d+; starting/,
      /^starting Neo4j 5\.26/,
      /^validating data\//,
      /^writing \d+ concepts/,
    ])
      expect(find(first, step), String(step)).toBeDefined();
    // Shutdown: HTTP, then the driver, then the embedded Neo4j.
    const order = ['HTTP server closed', 'Neo4j driver closed', 'local Neo4j stopped'].map((text) =>
      first.findIndex((l) => l.msg.startsWith(text)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const second = await startAnswerStop('auto');
    const skipped = find(
      second,
      /^data\/ unchanged since the last load \(checksum [0-9a-f]{16}\): load skipped/,
    );
    expect(skipped).toBeDefined();
    expect(find(second, /loaded in/)).toBeUndefined();
    expect(find(second, /^writing/)).toBeUndefined();

    const third = await startAnswerStop('always');
    expect(find(third, /loaded in \d+ ms/)).toBeDefined();
    expect(find(third, /load skipped/)).toBeUndefined();

    const loadMs = (lines: LogRecord[]) => Number(find(lines, /loaded in/)?.ms);
    const neo4jReady = (lines: LogRecord[]) => find(lines, /^ready in [\d.]+ s/)?.msg;
    report('start-up: first start (load) ms, of which the load ms', [startupMs(first), loadMs(first)]);
    report('start-up: restart, load skipped, ms (skip decided in ms)', [startupMs(second), skipped?.ms]);
    report('start-up: LOAD_ON_START=always ms, of which the load ms', [startupMs(third), loadMs(third)]);
    report('start-up: embedded Neo4j', [neo4jReady(first), neo4jReady(second), neo4jReady(third)]);
  }, 1_800_000);
});
