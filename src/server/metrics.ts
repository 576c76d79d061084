/**
 * Prometheus metrics at `METRICS_PATH` (`/metrics`), one registry per server (tests build many).
 *
 * From `@graphql-yoga/plugin-prometheus`: requests and their durations by operation (GraphQL
 * execution, validation and the whole HTTP exchange). Ours, for what it does not know: errors by
 * `extensions.code` (its error counter labels by phase and path, and never sees a request refused
 * before execution), Cypher queries per request, response-cache hits, rate-limit rejections, the
 * Neo4j driver's pool, the event-loop delay `/health` reports, and which graph is loaded.
 *
 * Operation names come from clients, so they are label values only up to a bound: a client
 * inventing a name per request must not grow the registry without end.
 */
import {
  createCounter,
  createHistogram,
  type FillLabelsFnParams,
  usePrometheus,
} from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { graphChecksum, graphStats } from '../graph/health.ts';
import type { Database } from '../neo4j/database.ts';
import type { AccessRecord } from './access-log.ts';
import type { EventLoopMonitor } from './event-loop.ts';

/** Distinct operation names kept as label values; later ones are counted as `other`. */
export const MAX_OPERATION_LABELS = 200;

export interface MetricsOptions {
  path: string;
  db: Database;
  eventLoop: EventLoopMonitor;
  /** A registry to fill (e.g. with the process's default metrics); a fresh one otherwise. */
  registry?: Registry;
}

/** Client-chosen names as label values, up to `max` distinct ones. */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  of(name: string | undefined | null): string {
    if (!name) return 'Anonymous'; // as @envelop/prometheus names it
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(name);
    return name;
  }
}

export class ServerMetrics {
  readonly registry: Registry;
  readonly path: string;
  private readonly operations = new BoundedLabel(MAX_OPERATION_LABELS);
  private readonly codes = new BoundedLabel(100);
  private readonly errors: Counter<'code'>;
  private readonly cypher: Histogram<'operation'>;
  private readonly cacheHits: Counter;
  private readonly rateLimited: Counter;

  constructor(options: MetricsOptions) {
    const registry = options.registry ?? new Registry();
    this.registry = registry;
    this.path = options.path;
    const registers = [registry];
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'Errors in GraphQL answers, by extensions.code (requests refused before execution included)',
      labelNames: ['code'],
      registers,
    });
    this.cypher = new Histogram({
      name: 'graphql_request_cypher_queries',
      help: 'Cypher queries sent by one GraphQL request, by operation',
      labelNames: ['operation'],
      buckets: [0, 1, 2, 3, 4, 6, 8, 12, 16, 25, 50],
      registers,
    });
    this.cacheHits = new Counter({
      name: 'graphql_response_cache_hits_total',
      help: 'GraphQL requests answered from the response cache (304s included)',
      registers,
    });
    this.rateLimited = new Counter({
      name: 'http_rate_limited_total',
      help: 'Requests refused by the per-client rate limit (HTTP 429)',
      registers,
    });
    const { db, eventLoop } = options;
    new Gauge({
      name: 'neo4j_pool_connections',
      help: "Connections of the Neo4j driver's pool: in use, idle, and acquisitions waiting for one",
      labelNames: ['state'],
      registers,
      collect() {
        const pool = db.poolStats();
        this.set({ state: 'in_use' }, pool.active);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
    new Gauge({
      name: 'neo4j_reads_in_flight',
      help: 'Cypher reads started and not yet settled',
      registers,
      collect() {
        this.set(db.inFlight);
      },
    });
    new Gauge({
      name: 'nodejs_event_loop_delay_seconds',
      help: 'Event-loop delay over the last window of the /health monitor (p50, p99, max)',
      labelNames: ['stat'],
      registers,
      collect() {
        const delay = eventLoop.delay();
        this.set({ stat: 'p50' }, delay.p50Ms / 1000);
        this.set({ stat: 'p99' }, delay.p99Ms / 1000);
        this.set({ stat: 'max' }, delay.maxMs / 1000);
      },
    });
    const graph = new GraphInfo(db);
    new Gauge({
      name: 'graph_info',
      help: 'The loaded graph: 1, labelled with the checksum of its content (empty when none is loaded)',
      labelNames: ['checksum'],
      registers,
      async collect() {
        const { checksum } = await graph.current();
        this.reset();
        this.set({ checksum: checksum ?? '' }, 1);
      },
    });
    new Gauge({
      name: 'graph_loaded_timestamp_seconds',
      help: 'When the loaded graph was written by the loader (Unix time; 0 when none is loaded)',
      registers,
      async collect() {
        const { loadedAt } = await graph.current();
        this.set(loadedAt ? Date.parse(loadedAt) / 1000 : 0);
      },
    });
  }

  /** Counts what one request's access record says. */
  readonly observe = (record: AccessRecord): void => {
    if (!record.graphql) return;
    for (const code of record.errors) this.errors.inc({ code: this.codes.of(code) });
    if (record.cacheHit) this.cacheHits.inc();
    else this.cypher.observe({ operation: this.operations.of(record.operation) }, record.cypher);
  };

  /** For the rate limit's `onLimited`. */
  readonly limited = (): void => {
    this.rateLimited.inc();
  };

  /** The yoga plugin: the library's GraphQL metrics, and the endpoint serving the registry. */
  plugin(): Plugin {
    const registry = this.registry;
    const labels = (params: FillLabelsFnParams) => ({
      operationName: this.operations.of(params.operationName),
      operationType: params.operationType ?? 'unknown',
    });
    return usePrometheus({
      registry,
      endpoint: this.path,
      metrics: {
        graphql_envelop_request: createCounter({
          registry,
          counter: {
            name: 'graphql_envelop_request',
            help: 'GraphQL operations executed, by operation',
            labelNames: ['operationType', 'operationName'],
          },
          fillLabelsFn: labels,
        }),
        graphql_envelop_request_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_envelop_request_duration',
            help: 'Time to execute a GraphQL operation (resolvers and their Cypher), by operation, in seconds',
            labelNames: ['operationType', 'operationName'],
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          },
          fillLabelsFn: labels,
        }),
        graphql_envelop_phase_validate: createHistogram({
          registry,
          histogram: {
            name: 'graphql_envelop_phase_validate',
            help: 'Time to validate a GraphQL document (limits and cost included), in seconds',
            labelNames: [],
            buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
          },
          fillLabelsFn: () => ({}),
        }),
        graphql_yoga_http_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_yoga_http_duration',
            help: 'Time from receiving a GraphQL request to its response, by operation and status, in seconds',
            labelNames: ['operationType', 'operationName', 'method', 'statusCode'],
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          },
          fillLabelsFn: (params, { request, response }) => ({
            ...labels(params),
            method: (request as Request).method,
            statusCode: (response as Response).status,
          }),
        }),
        graphql_envelop_request_time_summary: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_error_result: false,
        graphql_envelop_schema_change: false,
        graphql_envelop_execute_resolver: false,
      },
    });
  }
}

/**
 * The loaded graph's checksum and load time, read at each scrape (any process may reload the
 * graph). The checksum is one small read; the load time comes with the graph's statistics, read
 * again only when the checksum changed. When Neo4j cannot be read the last values stand.
 */
class GraphInfo {
  private last: { checksum: string | null; loadedAt: string | null } = { checksum: null, loadedAt: null };
  /** The read in flight: the two gauges of one scrape share it. */
  private reading: Promise<{ checksum: string | null; loadedAt: string | null }> | undefined;

  constructor(private readonly db: Database) {}

  current(): Promise<{ checksum: string | null; loadedAt: string | null }> {
    this.reading ??= this.read().finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(): Promise<{ checksum: string | null; loadedAt: string | null }> {
    try {
      const checksum = await graphChecksum(this.db);
      if (checksum !== this.last.checksum || (checksum && !this.last.loadedAt)) {
        this.last = { checksum, loadedAt: checksum ? (await graphStats(this.db)).loadedAt : null };
      }
    } catch {
      // Neo4j unreachable: keep the last values (the pool and readiness metrics say why).
    }
    return this.last;
  }
}
