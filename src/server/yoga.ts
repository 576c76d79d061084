/**
 * Builds the configured graphql-yoga server. It does not listen: `main.ts` does, and tests call
 * `yoga.fetch`. The plugins, in the order a request meets them, are listed below.
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { TracerProvider } from '@opentelemetry/api';
import { createYoga } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import { type Context, createContext, requestIdOf } from '../context.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../neo4j/database.ts';
import { EXAMPLE_OPERATION } from '../schema/example-operation.ts';
import { schema } from '../schema/index.ts';
import { GraphVersion } from '../service/graph-version.ts';
import { useConceptMapPage } from '../web/serve.ts';
import { accessLog } from './access-log.ts';
import { argumentCostPlugin } from './argument-cost.ts';
import { compiledExecutionPlugin } from './compiled-execution.ts';
import { corsOptions } from './cors.ts';
import { documentLimitsPlugin } from './document-limits.ts';
import { errorMaskingPlugin, maskError } from './error-masking.ts';
import { EventLoopMonitor } from './event-loop.ts';
import { executionDeadlinePlugin } from './execution-deadline.ts';
import { healthPlugin } from './health.ts';
import { inputLimitsPlugin } from './input-limits.ts';
import { noIntrospectionPlugin } from './introspection.ts';
import type { Lifecycle } from './lifecycle.ts';
import { ServerMetrics } from './metrics.ts';
import { ClientBudgets, clientAddress, rateLimitPlugin } from './rate-limit.ts';
import { readinessPlugin } from './readiness.ts';
import { requestContextPlugin } from './request-context.ts';
import { requestErrorsPlugin } from './request-errors.ts';
import { responseCachePlugin } from './response-cache.ts';
import { exactRoutesPlugin } from './routes.ts';
import { securityHeadersPlugin } from './security-headers.ts';
import { tracingPlugin } from './tracing.ts';
import { readManifest, trustedDocumentsPlugin } from './trusted-documents.ts';

export const GRAPHQL_PATH = '/graphql';

export interface YogaDeps {
  db: Database;
  config: Pick<
    Config,
    | 'env'
    | 'graphiql'
    | 'introspection'
    | 'corsOrigins'
    | 'limits'
    | 'responseCache'
    | 'metrics'
    | 'trustedDocuments'
  >;
  log: Logger;
  /** The process's start and stop (main.ts): `/ready` answers 503 while it drains. */
  lifecycle?: Lifecycle;
  /** Tracing on: a span per operation (the Cypher spans become its children). */
  tracerProvider?: TracerProvider;
  /** Where the metrics go (main.ts adds the process's own); a registry of this server's otherwise. */
  metricsRegistry?: Registry;
}

export function buildYoga({ db, config, log, lifecycle, tracerProvider, metricsRegistry }: YogaDeps) {
  const { limits } = config;
  const requestIds = new WeakMap<Request, string>();
  const isGraphQLRequest = (request: Request) => new URL(request.url).pathname === GRAPHQL_PATH;
  const { responseCache, trustedDocuments } = config;
  const eventLoop = new EventLoopMonitor();
  const metrics = config.metrics
    ? new ServerMetrics({ path: config.metrics.path, db, eventLoop, registry: metricsRegistry })
    : undefined;
  const access = accessLog({ log, requestIds, isGraphQLRequest, onRecord: metrics?.observe });
  const budgets = limits.rateLimit ? new ClientBudgets(limits.rateLimit) : undefined;

  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: '/health',
    landingPage: false,
    maxRequestBodySize: limits.maxBodyBytes,
    cors: corsOptions(config.corsOrigins),
    logging: log,
    graphiql: config.graphiql ? { title: 'Docker concept graph', defaultQuery: EXAMPLE_OPERATION } : false,
    // GraphiQL from the installed package, not from a CDN: it works offline and behind a strict CSP.
    renderGraphiQL,
    context: (initial) => {
      const { request } = initial;
      const requestId = requestIds.get(request) ?? requestIdOf(request);
      requestIds.set(request, requestId);
      return createContext(db, requestId, {
        maxQueries: limits.maxQueriesPerRequest,
        client: clientAddress(request, initial, limits.trustProxy),
      });
    },
    // For errors raised outside execution; those of execution are masked with the request id below.
    maskedErrors: { isDev: false, maskError: (error) => maskError(error, undefined, log) },
    plugins: [
      access.first,
      healthPlugin(eventLoop),
      useConceptMapPage(),
      ...(lifecycle ? [lifecycle.readinessPlugin('/ready')] : []),
      readinessPlugin(db),
      ...(metrics ? [metrics.plugin()] : []),
      exactRoutesPlugin([GRAPHQL_PATH, '/health', '/ready', ...(metrics ? [metrics.path] : [])]),
      ...(budgets
        ? [
            rateLimitPlugin(budgets, {
              trustProxy: limits.trustProxy,
              isGraphQLRequest,
              onLimited: metrics?.limited,
            }),
          ]
        : []),
      requestContextPlugin(requestIds),
      ...(trustedDocuments.mode === 'off'
        ? []
        : [trustedDocumentsPlugin(readManifest(trustedDocuments.file), trustedDocuments.mode)]),
      inputLimitsPlugin(limits.maxStringLength),
      ...(responseCache
        ? [
            responseCachePlugin(new GraphVersion(db, responseCache.versionMaxAgeMs), isGraphQLRequest, {
              ...responseCache,
              onHit: access.cacheHit,
            }),
          ]
        : []),
      documentLimitsPlugin(limits, { production: config.env === 'production' }),
      ...(config.introspection ? [] : [noIntrospectionPlugin()]),
      argumentCostPlugin(limits.maxCost, limits.heavyCost),
      compiledExecutionPlugin(),
      executionDeadlinePlugin(limits.executionTimeoutMs),
      errorMaskingPlugin(log),
      ...(tracerProvider ? [tracingPlugin(tracerProvider)] : []),
      requestErrorsPlugin({ production: config.env === 'production' }),
      access.last,
      // Last, so that its headers land on the final response whoever replaced it.
      securityHeadersPlugin(GRAPHQL_PATH),
    ],
  });
}

export type Yoga = ReturnType<typeof buildYoga>;
