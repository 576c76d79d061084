/**
 * What the reliability tests share: a server spawned as its own process (`src/main.ts`, as in
 * production), a private local Neo4j for tests that stop, kill or overload one, and small HTTP
 * helpers. Every process started here is stopped by the caller's `stop()`.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { type Logger, silentLogger } from '../../src/logger.ts';
import type { Database } from '../../src/neo4j/database.ts';
import { type LocalNeo4j, startLocalNeo4j } from '../../src/neo4j/local-neo4j.ts';
import { spawnAndWaitForLine } from '../../src/process/wait-for-line.ts';
import { createHttpServer } from '../../src/server/http-server.ts';
import { buildYoga, type Yoga } from '../../src/server/yoga.ts';

/** Long tests (load, restarts) run only in `npm run test:reliability`. */
export const LONG = process.env.RELIABILITY_LONG === '1';

export interface SpawnedServer {
  /** e.g. http://127.0.0.1:40123 */
  base: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGINT, then SIGKILL after 10 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `node --import tsx src/main.ts` with `env` and waits until it listens. */
export async function spawnServer(env: Record<string, string>, timeoutMs = 60_000): Promise<SpawnedServer> {
  const { child, match, exited, output } = await spawnAndWaitForLine(
    process.execPath,
    // e.g. SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server under test
    [...(process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/main.ts'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        HOST: '127.0.0.1',
        NODE_ENV: 'test',
        LOAD_ON_START: 'never',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      pattern: /GraphQL API on (http:\/\/[^/\s"]+)\/graphql/,
      timeoutMs,
      keepLines: 5_000,
      label: 'the server',
    },
  );
  return {
    base: match[1] as string,
    child,
    output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(hard);
      return code;
    },
  };
}

/** Serves an in-process yoga over real HTTP on 127.0.0.1 (for size limits, CORS, concurrency). */
/** Our yoga configured as in production (no GraphiQL, no introspection), with overrides. */
/** A server configured as in production, with `env` variables on top of the defaults. */
export function productionYoga(
  db: Database,
  env: Record<string, string> = {},
  log: Logger = silentLogger,
): Yoga {
  // No time budget unless a test sets one: these tests send many dear documents from one client.
  return buildYoga({
    db,
    config: loadConfig({ NODE_ENV: 'production', RATE_LIMIT_TIME_MS: '0', ...env }),
    log,
  });
}

export async function listen(yoga: Yoga): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createHttpServer(yoga, loadConfig({}).http);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export interface PostResult {
  status: number;
  ms: number;
  body: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, any> }[];
  };
  headers: Headers;
}

/** POSTs a GraphQL document; `ms` is the wall time of the whole exchange. */
export async function post(
  base: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<PostResult> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body: PostResult['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, ms: performance.now() - started, body, headers: response.headers };
}

/** GETs a path; status and wall time, never throws (status 0 when the request failed). */
export async function probe(base: string, path: string, timeoutMs = 5_000) {
  const started = performance.now();
  try {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, ms: performance.now() - started, text };
  } catch {
    return { status: 0, ms: performance.now() - started, text: '' };
  }
}

/** A private local Neo4j in `.neo4j-local/reliability-<name>-<pid>`, removed by `dispose()`. */
export async function privateNeo4j(
  name: string,
  options: { port?: number; heap?: string; pageCache?: string; txTimeoutSeconds?: number } = {},
) {
  const dir = resolve(`.neo4j-local/reliability-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const start = () =>
    startLocalNeo4j({
      dir,
      port: options.port,
      heap: options.heap ?? '512m',
      pageCache: options.pageCache ?? '64m',
      txTimeoutSeconds: options.txTimeoutSeconds,
      log: () => {},
    });
  let local: LocalNeo4j = await start();
  return {
    dir,
    get local() {
      return local;
    },
    /** Starts it again on the same directory and port. */
    async restart() {
      local = await startLocalNeo4j({
        dir,
        port: local.port,
        heap: options.heap ?? '512m',
        pageCache: options.pageCache ?? '64m',
        txTimeoutSeconds: options.txTimeoutSeconds,
        log: () => {},
      });
      return local;
    },
    async dispose() {
      await local.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value at percentile `p` (0-100) of `values`. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Prints a measured figure so the run's log carries it (docs/reliability.md quotes them). */
export function report(label: string, value: unknown): void {
  process.stdout.write(
    `[reliability] ${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`,
  );
}
