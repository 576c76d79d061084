/**
 * The one driver per process and the only door to it. Every read goes through `read()`, which
 * routes to readers, names the database and sets a transaction timeout; `queryCount` lets tests
 * and benchmarks count the Bolt queries a GraphQL request costs.
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import neo4j, { type Driver, Neo4jError, type QueryResult, type RecordShape } from 'neo4j-driver';
import { ReadScheduler, type ReadSchedulerOptions } from './read-scheduler.ts';

/** Longest Cypher text recorded on a span (`db.statement`). */
const STATEMENT_MAX_CHARS = 2_000;

export interface DatabaseOptions {
  uri: string;
  user?: string;
  password?: string;
  database: string;
  /** Per-transaction timeout for reads, in milliseconds. */
  queryTimeoutMs: number;
  /**
   * Driver tuning for a serving API: fail fast rather than queue for the driver's defaults (30 s
   * to connect, 60 s to get a pooled connection, 30 s of retries, 100 connections). Defaults here
   * are those of `config.ts`.
   */
  connectionTimeoutMs?: number;
  acquisitionTimeoutMs?: number;
  maxRetryTimeMs?: number;
  maxPoolSize?: number;
  /** Fair scheduling of reads between clients (see `read-scheduler.ts`); defaults from the pool. */
  scheduling?: Partial<ReadSchedulerOptions> & {
    /** Reads of expensive requests running at once, in all (one per client). */
    maxConcurrentHeavy?: number;
    /** Share of the time each of those slots may be busy (see `ReadSchedulerOptions.maxBusyShare`). */
    heavyBusyShare?: number;
  };
}

/** Connections of the driver's pool, over every server address. */
export interface PoolStats {
  /** Checked out of the pool (a query is using them). */
  active: number;
  /** Open and waiting in the pool. */
  idle: number;
  /** Acquisitions waiting for a connection (the pool is at its size). */
  waiting: number;
}

export type Params = Record<string, unknown>;

/** Transaction metadata: shown by Neo4j's `SHOW TRANSACTIONS` and written to its query log. */
export type TransactionMetadata = Record<string, string>;

/** What data-access functions need: one read query. `Database` and a request's reads both offer it. */
export interface Reader {
  read<T extends RecordShape = RecordShape>(cypher: string, params?: Params): Promise<QueryResult<T>>;
}

/** Whose read it is: a client (its address) and whether it serves an expensive request. */
export interface ReadTurn {
  client: string;
  heavy?: boolean;
}

const INTERNAL: ReadTurn = { client: 'internal' };

export class Database implements Reader {
  readonly driver: Driver;
  readonly name: string;
  private readonly timeoutMs: number;
  private readonly retryMs: number;
  /** Number of queries sent since start (each one is one Bolt round trip: RUN + PULL pipelined). */
  queryCount = 0;
  /** Reads started and not yet settled. */
  inFlight = 0;
  /**
   * Who may run a read now: a turn per client, a cap per client, a short wait at most. Reads of
   * expensive requests (see `ReadTurn.heavy`) have a narrow lane of their own, so that cheap
   * requests never wait behind them.
   */
  readonly schedulers: { normal: ReadScheduler; heavy: ReadScheduler };

  constructor(options: DatabaseOptions) {
    const auth =
      options.password === undefined
        ? undefined
        : neo4j.auth.basic(options.user ?? 'neo4j', options.password);
    this.driver = neo4j.driver(options.uri, auth, {
      connectionTimeout: options.connectionTimeoutMs ?? 3_000,
      connectionAcquisitionTimeout: options.acquisitionTimeoutMs ?? 5_000,
      maxTransactionRetryTime: options.maxRetryTimeMs ?? 1_000,
      maxConnectionPoolSize: options.maxPoolSize ?? 50,
      disableLosslessIntegers: false,
    });
    this.name = options.database;
    this.timeoutMs = options.queryTimeoutMs;
    this.retryMs = options.maxRetryTimeMs ?? 1_000;
    const scheduling = options.scheduling ?? {};
    const maxConcurrent = scheduling.maxConcurrent ?? options.maxPoolSize ?? 50;
    const common = {
      maxQueuedPerClient: scheduling.maxQueuedPerClient ?? 100,
      waitTimeoutMs: scheduling.waitTimeoutMs ?? options.acquisitionTimeoutMs ?? 5_000,
    };
    this.schedulers = {
      normal: new ReadScheduler({
        ...common,
        maxConcurrent,
        maxPerClient: scheduling.maxPerClient ?? Math.max(1, Math.floor(maxConcurrent / 4)),
      }),
      heavy: new ReadScheduler({
        ...common,
        maxConcurrent: scheduling.maxConcurrentHeavy ?? 2,
        maxPerClient: 1,
        maxBusyShare: scheduling.heavyBusyShare ?? 1,
      }),
    };
  }

  /**
   * Runs a read query; the caller converts driver values (see `convert.ts`).
   *
   * An auto-commit query in a READ session rather than `driver.executeQuery`: a managed
   * transaction sends BEGIN, RUN and PULL, then waits a second time for COMMIT; auto-commit is RUN
   * and PULL in one round trip, which halved the latency of short reads in the benchmark. Reads are
   * idempotent, so retriable failures (a connection lost, a leader switch) are retried here the
   * way a managed transaction would, within the same `maxRetryTimeMs`.
   */
  async read<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Params = {},
    metadata?: TransactionMetadata,
    /** Whose read it is, so that each client gets its turn. */
    turn: ReadTurn = INTERNAL,
  ): Promise<QueryResult<T>> {
    // One span per query (retries included), a child of the request's span when tracing is on;
    // without a registered tracer provider the API hands out no-op spans.
    return trace.getTracer('docker-concept-graph').startActiveSpan(
      metadata?.operation ? `neo4j.read ${metadata.operation}` : 'neo4j.read',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system': 'neo4j',
          'db.name': this.name,
          'db.statement':
            cypher.length > STATEMENT_MAX_CHARS ? `${cypher.slice(0, STATEMENT_MAX_CHARS)}…` : cypher,
          ...(metadata?.operation ? { 'db.operation': metadata.operation } : {}),
          ...(metadata?.requestId ? { 'app.request_id': metadata.requestId } : {}),
        },
      },
      async (span) => {
        try {
          const result = await this.readWithRetries<T>(cypher, params, metadata, turn);
          span.setAttribute('db.response.returned_rows', result.records.length);
          return result;
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.name });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  private async readWithRetries<T extends RecordShape>(
    cypher: string,
    params: Params,
    metadata: TransactionMetadata | undefined,
    turn: ReadTurn,
  ): Promise<QueryResult<T>> {
    this.queryCount += 1;
    this.inFlight += 1;
    const deadline = Date.now() + this.retryMs;
    try {
      for (let attempt = 0; ; attempt++) {
        const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
        try {
          const scheduler = turn.heavy ? this.schedulers.heavy : this.schedulers.normal;
          return (await scheduler.run(turn.client, () =>
            withoutCallSiteStack(() => session.run(cypher, params, { timeout: this.timeoutMs, metadata })),
          )) as QueryResult<T>;
        } catch (error) {
          const delay = Math.min(100 * 2 ** attempt, 400);
          if (!(error instanceof Neo4jError && error.retriable) || Date.now() + delay > deadline) throw error;
          await new Promise((wake) => setTimeout(wake, delay));
        } finally {
          await session.close().catch(() => {});
        }
      }
    } finally {
      this.inFlight -= 1;
    }
  }

  /**
   * Active and idle connections of the driver's pool. The driver has no public API for this, so
   * it reads the pool's internals defensively (zeros if they ever change shape); tests and the
   * reliability checks use it to see that the pool returns to its baseline.
   */
  poolStats(): PoolStats {
    // biome-ignore lint/suspicious/noExplicitAny: driver internals, read-only
    const pool = (this.driver as any)?._connectionProvider?._connectionPool;
    const active = Object.values<number>(pool?._activeResourceCounts ?? {}).reduce((a, b) => a + b, 0);
    const idle = Object.values<{ length?: number }>(pool?._pools ?? {}).reduce(
      (sum, p) => sum + (p?.length ?? 0),
      0,
    );
    const waiting = Object.values<{ length?: number }>(pool?._acquireRequests ?? {}).reduce(
      (sum, requests) => sum + (requests?.length ?? 0),
      0,
    );
    return { active, idle, waiting };
  }

  /** Runs a single auto-retried write transaction (used by the loader and tests). */
  async write<T extends RecordShape = RecordShape>(
    cypher: string,
    params: Params = {},
  ): Promise<QueryResult<T>> {
    this.queryCount += 1;
    return this.driver.executeQuery<QueryResult<T>>(cypher, params, {
      database: this.name,
      routing: neo4j.routing.WRITE,
    });
  }

  /**
   * Runs `work` in ONE explicit write transaction, committed when it resolves and rolled back when
   * it throws (the loader's atomic sync); every query it runs through `run` is counted.
   */
  async inWriteTransaction<T>(
    work: (run: (cypher: string, params?: Params) => Promise<QueryResult>) => Promise<T>,
    timeoutMs: number,
  ): Promise<T> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.WRITE });
    const tx = session.beginTransaction({ timeout: timeoutMs });
    try {
      const result = await work((cypher, params = {}) => {
        this.queryCount += 1;
        return tx.run(cypher, params);
      });
      await tx.commit();
      return result;
    } catch (error) {
      await tx.rollback().catch(() => {});
      throw error;
    } finally {
      await session.close();
    }
  }

  /** True when the server answers; never throws. */
  async isReachable(timeoutMs = 1_500): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout(false), timeoutMs);
    });
    const probe = this.driver
      .getServerInfo({ database: this.name })
      .then(() => true)
      .catch(() => false);
    const reachable = await Promise.race([probe, timeout]);
    clearTimeout(timer);
    return reachable;
  }

  async waitUntilReachable(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await this.isReachable())) {
      if (Date.now() > deadline) throw new Error(`Neo4j did not answer within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}

/**
 * Runs `start` with stack traces off. neo4j-driver builds an `Error` and formats its stack for
 * every query it starts, only to append that call site to the query's failure; that took 4 % of
 * the server's CPU for a concept by slug (`--cpu-prof`, concurrency 1). Our failures are mapped to
 * API errors that name the operation, so the call site is not worth it. `Result` takes the stack
 * synchronously in its constructor, so the limit is restored before any other code runs.
 */
function withoutCallSiteStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
