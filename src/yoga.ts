/**
 * Builds the configured graphql-yoga server: schema, per-request context, error masking, health
 * and readiness endpoints, and the protections of a public API (body size, document limits and
 * argument-aware cost, an execution deadline, a per-client rate limit, CORS). It does not
 * listen; `main.ts` does, and tests call `yoga.fetch`.
 */

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { type CORSOptions, createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { Neo4jError } from 'neo4j-driver';
import { type Config, loadConfig, type RequestLimits } from './config.ts';
import { type Context, createContext } from './context.ts';
import { ErrorCode } from './errors.ts';
import type { Database } from './neo4j/database.ts';
import { argumentCostPlugin, queryLimitsPlugin, stringLengthPlugin } from './query-limits.ts';
import { EXAMPLE_OPERATION } from './schema/example-operation.ts';
import { schema } from './schema/index.ts';
import { useConceptMapPage } from './web/serve.ts';

export interface YogaDeps {
  db: Database;
  /** `limits` and `corsOrigins` default to those of `config.ts` (tests pass only what they vary). */
  config: Pick<Config, 'env' | 'graphiql' | 'introspection'> &
    Partial<Pick<Config, 'corsOrigins'>> & { limits?: Partial<RequestLimits> };
  log?: (line: string) => void;
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Maps an error that escaped a resolver onto the documented, masked form. */
function maskError(error: unknown, requestId: string | undefined, log: (line: string) => void): Error {
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  // Errors of the request itself (syntax, validation, limits) and our documented errors pass as they are.
  if (graphQLError && (!graphQLError.originalError || graphQLError.originalError instanceof GraphQLError)) {
    return graphQLError;
  }
  const original = graphQLError?.originalError ?? error;
  const path = graphQLError?.path;
  const options = { path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR as string, requestId } };
  if (original instanceof Neo4jError) {
    // Before the generic check: the driver reports a full pool as ServiceUnavailable too.
    if (/Connection acquisition timed out/.test(original.message)) {
      log(`[${requestId}] graph database busy: no pooled connection in time`);
      options.extensions.code = ErrorCode.SERVICE_UNAVAILABLE;
      return new GraphQLError('The graph database is busy right now; retry shortly.', options);
    }
    if (UNAVAILABLE_CODES.has(original.code) || original.retriable) {
      log(`[${requestId}] graph database unavailable: ${original.code}`);
      options.extensions.code = ErrorCode.SERVICE_UNAVAILABLE;
      return new GraphQLError('The graph database is unavailable right now; retry shortly.', options);
    }
    if (original.code.includes('TransactionTimedOut') || original.code.includes('TransactionTimeout')) {
      log(`[${requestId}] query timed out: ${original.code}`);
      options.extensions.code = ErrorCode.QUERY_TIMEOUT;
      return new GraphQLError(
        'The query took longer than the allowed time; narrow it (smaller depth or limit).',
        options,
      );
    }
  }
  const detail = original instanceof Error ? (original.stack ?? original.message) : String(original);
  log(`[${requestId}] internal error: ${detail}`);
  return new GraphQLError(`Internal server error (request id ${requestId ?? 'unknown'}).`, options);
}

/**
 * Event-loop delay of this process, sampled every 10 ms: what `/health` reports. One histogram
 * per process, reset every 10 s so the figures describe the recent past.
 */
const EVENT_LOOP_WINDOW_MS = 10_000;
let eventLoop: { histogram: ReturnType<typeof monitorEventLoopDelay>; last?: EventLoopDelay } | undefined;

export interface EventLoopDelay {
  /** Length of the window the figures cover, in milliseconds. */
  windowMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function snapshot(histogram: ReturnType<typeof monitorEventLoopDelay>, windowMs: number): EventLoopDelay {
  const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
  return {
    windowMs,
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
  };
}

export function eventLoopDelay(): EventLoopDelay {
  if (!eventLoop) {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const state: { histogram: typeof histogram; last?: EventLoopDelay; since: number } = {
      histogram,
      since: Date.now(),
    };
    eventLoop = state;
    setInterval(() => {
      state.last = snapshot(histogram, Date.now() - state.since);
      histogram.reset();
      state.since = Date.now();
    }, EVENT_LOOP_WINDOW_MS).unref();
    return snapshot(histogram, 0);
  }
  return eventLoop.last ?? snapshot(eventLoop.histogram, EVENT_LOOP_WINDOW_MS);
}

/** `/health` (liveness): 200 with the event-loop delay, never touching the database. */
function healthWithEventLoop(): Plugin {
  eventLoopDelay(); // start sampling now, not at the first probe
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (response.status !== 200 || new URL(request.url).pathname !== '/health') return;
      setResponse(
        new fetchAPI.Response(JSON.stringify({ status: 'ok', eventLoopDelay: eventLoopDelay() }), {
          headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        }),
      );
    },
  };
}

/**
 * Per-client rate limit on `/graphql`: a token bucket of `max` requests refilled over
 * `windowMs`, keyed by the socket's address (or the last X-Forwarded-For hop behind a trusted
 * proxy). It runs before parsing, so a flood of rejected documents costs almost nothing. At most
 * 10,000 clients are tracked; the oldest is forgotten first.
 */
function rateLimitPlugin(limit: { max: number; windowMs: number }, trustProxy: boolean): Plugin {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = limit.max / limit.windowMs;
  return {
    onRequest({ request, serverContext, endResponse, fetchAPI }) {
      if (new URL(request.url).pathname !== '/graphql' || request.method === 'OPTIONS') return;
      const forwarded = trustProxy
        ? request.headers.get('x-forwarded-for')?.split(',').pop()?.trim()
        : undefined;
      const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req
        ?.socket?.remoteAddress;
      const client = forwarded || socket || 'local';
      const now = Date.now();
      const bucket = buckets.get(client) ?? { tokens: limit.max, at: now };
      buckets.delete(client); // re-inserted last: the map stays ordered by last use
      bucket.tokens = Math.min(limit.max, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      if (buckets.size >= 10_000) buckets.delete(buckets.keys().next().value as string);
      buckets.set(client, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: `Too many requests from this client (limit ${limit.max} per ${limit.windowMs / 1000} s); retry in ${retryAfter} s.`,
                extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: retryAfter },
              },
            ],
          }),
          {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': String(retryAfter) },
          },
        ),
      );
    },
  };
}

/**
 * The execution deadline: a request still executing after `ms` answers QUERY_TIMEOUT. The reads
 * it started end on their own at the transaction timeout.
 */
function executionDeadlinePlugin(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<{ errors: GraphQLError[] }>((resolveDeadline) => {
          timer = setTimeout(
            () =>
              resolveDeadline({
                errors: [
                  new GraphQLError(
                    `The request took longer than its ${ms} ms deadline; narrow it (smaller depth, limit or page).`,
                    { extensions: { code: ErrorCode.QUERY_TIMEOUT, deadlineMs: ms } },
                  ),
                ],
              }),
            ms,
          );
        });
        try {
          return await Promise.race([executeFn(args), deadline]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}

/**
 * Executes hot documents with graphql-jit, which compiles a document's resolvers and
 * serialization into one function: measured in process, 15-20 % less CPU on a concept with its
 * relations and on a 500-concept neighbourhood. Only from a document's third execution on (yoga
 * reuses the parsed document, so a WeakMap counts them): a stream of one-off documents never pays
 * for compiling.
 */
function compiledExecution(): Plugin {
  const runs = new WeakMap<object, number>();
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document }) => {
        const count = (runs.get(document) ?? 0) + 1;
        runs.set(document, count);
        return count >= 3;
      },
    },
  ) as Plugin;
}

/** CORS for browser front ends: only the configured origins (`*` for any; none by default). */
function corsFor(origins: string[]): CORSOptions | false {
  if (origins.length === 0) return false;
  const common = {
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'accept', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after'],
    credentials: false,
    maxAge: 600,
  };
  if (origins.includes('*')) return { ...common, origin: '*' };
  return { ...common, origin: origins };
}

export function buildYoga({ db, config, log = (line) => process.stderr.write(`${line}\n`) }: YogaDeps) {
  const defaults = loadConfig({});
  const limits: RequestLimits = { ...defaults.limits, ...config.limits };
  const corsOrigins = config.corsOrigins ?? defaults.corsOrigins;
  const requestIds = new WeakMap<Request, string>();
  const requestIdHeader: Plugin = {
    onResponse({ request, response }) {
      const id = requestIds.get(request);
      if (id) response.headers.set('x-request-id', id);
    },
  };

  const errorMapping: Plugin<Context> = {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors?.length) return;
        const requestId = (args.contextValue as Context).requestId;
        setResult({
          ...result,
          errors: result.errors.map((error) => maskError(error, requestId, log) as GraphQLError),
        });
      },
    }),
  };

  const noIntrospection: Plugin = {
    onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
  };

  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    maxRequestBodySize: limits.maxBodyBytes,
    cors: corsFor(corsOrigins),
    logging: config.env === 'test' ? 'warn' : 'info',
    graphiql: config.graphiql ? { title: 'Docker concept graph', defaultQuery: EXAMPLE_OPERATION } : false,
    context: ({ request }) => {
      const context = createContext(db, request);
      requestIds.set(request, context.requestId);
      return context;
    },
    // Fallback for errors raised outside execution; those from resolvers are mapped (with the
    // request id) by `errorMapping` before this sees them.
    maskedErrors: { isDev: false, maskError: (error) => maskError(error, undefined, log) },
    plugins: [
      healthWithEventLoop(),
      ...(limits.rateLimit ? [rateLimitPlugin(limits.rateLimit, limits.trustProxy)] : []),
      useConceptMapPage(),
      queryLimitsPlugin({ production: config.env === 'production', limits }),
      stringLengthPlugin(limits.maxStringLength),
      argumentCostPlugin(limits.maxCost),
      compiledExecution(),
      executionDeadlinePlugin(limits.executionTimeoutMs),
      requestIdHeader,
      errorMapping,
      ...(config.introspection ? [] : [noIntrospection]),
      useReadinessCheck({
        endpoint: '/ready',
        // Only a yes or no: connection details never reach the response.
        check: async ({ fetchAPI }) =>
          (await db.isReachable())
            ? new fetchAPI.Response(JSON.stringify({ status: 'ready' }), {
                headers: { 'content-type': 'application/json' },
              })
            : new fetchAPI.Response(
                JSON.stringify({ status: 'unavailable', reason: 'graph database unreachable' }),
                {
                  status: 503,
                  headers: { 'content-type': 'application/json' },
                },
              ),
      }),
    ],
  });
}

export type Yoga = ReturnType<typeof buildYoga>;
