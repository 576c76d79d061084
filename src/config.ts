/**
 * Process configuration, read once from the environment and validated with zod. A bad or missing
 * value stops start-up with a message naming the variable and the reason.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const byteSize = z.string().regex(/^\d+[kmg]?$/i, 'expected a size such as 512m or 2g');
const ms = (max: number) => positiveInt.max(max);
/** Comma-separated list; `*` alone means any. Empty means none. */
const origins = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .string()
        .regex(/^(\*|https?:\/\/[^\s/,]+)$/, 'expected `*` or origins such as https://app.example.com'),
    ),
  );

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(4000),
    NEO4J_URI: z
      .string()
      .regex(
        /^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/,
        'expected a URI such as neo4j://host:7687 or neo4j+s://host',
      )
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().min(1).optional(),
    NEO4J_AUTH: z.enum(['basic', 'none']).default('basic'),
    NEO4J_DATABASE: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{2,62}$/i,
        'expected a Neo4j database name (3-63 letters, digits, dots, dashes)',
      )
      .default('neo4j'),
    NEO4J_LOCAL_DIR: z.string().min(1).default('.neo4j-local/dev'),
    NEO4J_LOCAL_PORT: port.default(0),
    NEO4J_LOCAL_HEAP: byteSize.default('1g'),
    NEO4J_LOCAL_PAGECACHE: byteSize.default('512m'),
    LOAD_ON_START: z.enum(['auto', 'always', 'never']).default('auto'),
    NEO4J_LOCAL_TX_TIMEOUT_S: positiveInt.max(3_600).default(60),
    NEO4J_LOCAL_TX_MEMORY: byteSize.default('512m'),
    QUERY_TIMEOUT_MS: ms(600_000).default(5_000),
    NEO4J_CONNECTION_TIMEOUT_MS: ms(120_000).default(3_000),
    NEO4J_ACQUISITION_TIMEOUT_MS: ms(120_000).default(5_000),
    NEO4J_MAX_RETRY_TIME_MS: z.coerce.number().int().min(0).max(120_000).default(1_000),
    NEO4J_MAX_POOL_SIZE: positiveInt.max(1_000).default(50),
    NEO4J_MAX_CONCURRENT_READS: positiveInt.max(1_000).default(16),
    NEO4J_MAX_READS_PER_CLIENT: positiveInt.max(1_000).default(4),
    NEO4J_MAX_HEAVY_READS: positiveInt.max(1_000).default(1),
    NEO4J_HEAVY_BUSY_SHARE: z.coerce.number().gt(0).max(1).default(0.5),
    HEAVY_QUERY_COST: positiveInt.max(100_000_000).default(5_000),
    EXECUTION_TIMEOUT_MS: ms(600_000).default(10_000),
    HTTP_HEADERS_TIMEOUT_MS: ms(600_000).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: ms(600_000).default(30_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: ms(600_000).default(5_000),
    MAX_BODY_BYTES: positiveInt.max(100_000_000).default(100_000),
    GRAPHQL_MAX_DEPTH: positiveInt.max(100).default(12),
    GRAPHQL_MAX_ALIASES: positiveInt.max(1_000).default(15),
    GRAPHQL_MAX_DIRECTIVES: positiveInt.max(1_000).default(10),
    GRAPHQL_MAX_TOKENS: positiveInt.max(1_000_000).default(2_000),
    GRAPHQL_MAX_COST: positiveInt.max(100_000_000).default(50_000),
    GRAPHQL_MAX_STRING_LENGTH: positiveInt.max(1_000_000).default(500),
    MAX_QUERIES_PER_REQUEST: positiveInt.max(10_000).default(50),
    RESPONSE_CACHE: bool.default(true),
    RESPONSE_CACHE_MAX_ENTRIES: positiveInt.max(1_000_000).default(1_000),
    GRAPH_VERSION_MAX_AGE_MS: z.coerce.number().int().min(0).max(3_600_000).default(0),
    CACHE_CONTROL: z
      .string()
      .regex(/^[\w=, -]{1,200}$/, 'expected a Cache-Control value such as no-cache or max-age=60')
      .default('no-cache'),
    TRUSTED_DOCUMENTS: z.enum(['off', 'accept', 'only']).default('accept'),
    TRUSTED_DOCUMENTS_FILE: z.string().min(1).default('schema/persisted-documents.json'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    RATE_LIMIT_MAX: z.coerce.number().int().min(0).max(1_000_000_000).default(600),
    RATE_LIMIT_TIME_MS: z.coerce.number().int().min(0).max(1_000_000_000).default(5_000),
    RATE_LIMIT_WINDOW_MS: ms(3_600_000).default(60_000),
    TRUST_PROXY: bool.default(false),
    CORS_ORIGINS: origins.default([]),
    GRAPHIQL: bool.optional(),
    INTROSPECTION: bool.optional(),
    METRICS: bool.default(true),
    METRICS_PATH: z
      .string()
      .regex(/^\/[\w.-]+(\/[\w.-]+)*$/, 'expected a path such as /metrics')
      .refine((path) => !['/graphql', '/health', '/ready'].includes(path), 'is already served by the API')
      .default('/metrics'),
    SHUTDOWN_TIMEOUT_MS: ms(600_000).default(15_000),
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
      .optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z
      .url({ protocol: /^https?$/, message: 'expected an http(s) URL' })
      .optional(),
    OTEL_SERVICE_NAME: z.string().min(1).max(200).default('docker-concept-graph'),
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_URI && env.NEO4J_AUTH === 'basic' && !env.NEO4J_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_PASSWORD'],
        message:
          'is required when NEO4J_URI is set (or set NEO4J_AUTH=none for a server without authentication)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Per-client budgets refilled over `windowMs` (see `server/rate-limit.ts`). */
export interface RateLimit {
  /** Requests per window; Infinity when only time is limited. */
  max: number;
  /** Milliseconds of the server's time per window; 0: no time budget. */
  maxMs: number;
  windowMs: number;
}

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  /** Where the graph lives: a Neo4j the user runs, or the project's own local one. */
  neo4j:
    | { mode: 'external'; uri: string; user: string; password?: string; database: string }
    | {
        mode: 'local';
        dir: string;
        port: number;
        heap: string;
        pageCache: string;
        database: string;
        /** Server-side transaction timeout of the local Neo4j, in seconds. */
        txTimeoutSeconds: number;
        /** Server-side cap on the memory of all transactions together (e.g. `512m`). */
        txMemoryMax: string;
      };
  loadOnStart: boolean;
  /** With `loadOnStart`: load even when `data/` has the checksum of the stored graph (`always`). */
  reloadUnchanged: boolean;
  /** Transaction timeout of every read, in milliseconds. */
  queryTimeoutMs: number;
  /** Driver settings for a serving API: fail fast rather than queue. */
  driver: DriverSettings;
  http: HttpSettings;
  limits: RequestLimits;
  /** Origins a browser front end may call the API from; `['*']` for any, `[]` for same-origin only. */
  corsOrigins: string[];
  graphiql: boolean;
  introspection: boolean;
  /** Answers cached per graph version (null when off). */
  responseCache: { maxEntries: number; cacheControl: string; versionMaxAgeMs: number } | null;
  /** Persisted documents: `accept` them beside documents, run `only` them, or `off`. */
  trustedDocuments: { mode: 'off' | 'accept' | 'only'; file: string };
  /** Least severe log level written (`info` by default, `warn` in tests). */
  logLevel: NonNullable<Env['LOG_LEVEL']>;
  /** Prometheus metrics at `path`; null when off. */
  metrics: { path: string } | null;
  /** After SIGTERM: how long in-flight requests may take to finish before connections are cut. */
  shutdownTimeoutMs: number;
  /** OpenTelemetry traces sent over OTLP/HTTP; null (off) unless an OTLP endpoint is configured. */
  tracing: { tracesUrl: string; serviceName: string } | null;
}

export interface DriverSettings {
  connectionTimeoutMs: number;
  acquisitionTimeoutMs: number;
  maxRetryTimeMs: number;
  maxPoolSize: number;
  /** Reads running at once, in all and per client (see `neo4j/read-scheduler.ts`). */
  scheduling: {
    maxConcurrent: number;
    maxPerClient: number;
    maxConcurrentHeavy: number;
    /** Share of the time a heavy slot may be busy: it rests after each read in proportion. */
    heavyBusyShare: number;
  };
}

export interface HttpSettings {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

export interface RequestLimits {
  /** Largest request body accepted (413 beyond). */
  maxBodyBytes: number;
  /** Deadline of one GraphQL execution, after which it answers QUERY_TIMEOUT. */
  executionTimeoutMs: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Argument-aware cost (Pothos complexity: grows with first, limit, maxDepth, depth, maxLength). */
  maxCost: number;
  /** From this cost on a request is expensive: its reads take the database's narrow lane. */
  heavyCost: number;
  /** Longest string accepted in any argument or variable. */
  maxStringLength: number;
  /** Most Cypher queries one request may send (QUERY_TOO_COSTLY beyond). */
  maxQueriesPerRequest: number;
  /** Requests and milliseconds of server time per window per client (Infinity / 0 when off); null when both are off. */
  rateLimit: RateLimit | null;
  /** Key clients by the last X-Forwarded-For hop (behind a trusted proxy) instead of the socket. */
  trustProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Where traces go, as the OTLP specification derives it: the signal's own endpoint as given, or
 * the base endpoint with `/v1/traces` appended.
 */
function tracesUrl(env: Env): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT)
    return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

/** Reads the configuration from `source` (the process environment by default). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, so `PORT= npm start` behaves like no PORT at all.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const value = present[name];
        const shown = value === undefined || /PASSWORD/.test(name) ? '' : ` (got "${value}")`;
        return `${name}${shown}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  const traces = tracesUrl(env);
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    neo4j: env.NEO4J_URI
      ? {
          mode: 'external',
          uri: env.NEO4J_URI,
          user: env.NEO4J_USER,
          password: env.NEO4J_AUTH === 'none' ? undefined : env.NEO4J_PASSWORD,
          database: env.NEO4J_DATABASE,
        }
      : {
          mode: 'local',
          dir: env.NEO4J_LOCAL_DIR,
          port: env.NEO4J_LOCAL_PORT,
          heap: env.NEO4J_LOCAL_HEAP,
          pageCache: env.NEO4J_LOCAL_PAGECACHE,
          database: 'neo4j',
          txTimeoutSeconds: env.NEO4J_LOCAL_TX_TIMEOUT_S,
          txMemoryMax: env.NEO4J_LOCAL_TX_MEMORY,
        },
    loadOnStart: env.LOAD_ON_START === 'always' || (env.LOAD_ON_START === 'auto' && !env.NEO4J_URI),
    reloadUnchanged: env.LOAD_ON_START === 'always',
    queryTimeoutMs: env.QUERY_TIMEOUT_MS,
    driver: {
      connectionTimeoutMs: env.NEO4J_CONNECTION_TIMEOUT_MS,
      acquisitionTimeoutMs: env.NEO4J_ACQUISITION_TIMEOUT_MS,
      maxRetryTimeMs: env.NEO4J_MAX_RETRY_TIME_MS,
      maxPoolSize: env.NEO4J_MAX_POOL_SIZE,
      scheduling: {
        maxConcurrent: Math.min(env.NEO4J_MAX_CONCURRENT_READS, env.NEO4J_MAX_POOL_SIZE),
        maxPerClient: env.NEO4J_MAX_READS_PER_CLIENT,
        maxConcurrentHeavy: env.NEO4J_MAX_HEAVY_READS,
        heavyBusyShare: env.NEO4J_HEAVY_BUSY_SHARE,
      },
    },
    http: {
      headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
    limits: {
      maxBodyBytes: env.MAX_BODY_BYTES,
      executionTimeoutMs: env.EXECUTION_TIMEOUT_MS,
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxDirectives: env.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
      maxCost: env.GRAPHQL_MAX_COST,
      heavyCost: env.HEAVY_QUERY_COST,
      maxStringLength: env.GRAPHQL_MAX_STRING_LENGTH,
      maxQueriesPerRequest: env.MAX_QUERIES_PER_REQUEST,
      rateLimit:
        env.RATE_LIMIT_MAX > 0 || env.RATE_LIMIT_TIME_MS > 0
          ? {
              max: env.RATE_LIMIT_MAX || Number.POSITIVE_INFINITY,
              maxMs: env.RATE_LIMIT_TIME_MS,
              windowMs: env.RATE_LIMIT_WINDOW_MS,
            }
          : null,
      trustProxy: env.TRUST_PROXY,
    },
    corsOrigins: env.CORS_ORIGINS,
    graphiql: env.GRAPHIQL ?? !production,
    introspection: env.INTROSPECTION ?? !production,
    responseCache: env.RESPONSE_CACHE
      ? {
          maxEntries: env.RESPONSE_CACHE_MAX_ENTRIES,
          cacheControl: env.CACHE_CONTROL,
          versionMaxAgeMs: env.GRAPH_VERSION_MAX_AGE_MS,
        }
      : null,
    trustedDocuments: { mode: env.TRUSTED_DOCUMENTS, file: env.TRUSTED_DOCUMENTS_FILE },
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    metrics: env.METRICS ? { path: env.METRICS_PATH } : null,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    tracing: traces ? { tracesUrl: traces, serviceName: env.OTEL_SERVICE_NAME } : null,
  };
}
