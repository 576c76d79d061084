/**
 * Builds the configured graphql-yoga server. It does not listen: `main.ts` does, and tests call
 * `yoga.fetch`. The plugins, in the order a request meets them, are listed below.
 */
import { createYoga } from 'graphql-yoga';
import type { Config } from '../config.ts';
import { type Context, createContext, requestIdOf } from '../context.ts';
import type { Logger } from '../logger.ts';
import type { Database } from '../neo4j/database.ts';
import { EXAMPLE_OPERATION } from '../schema/example-operation.ts';
import { schema } from '../schema/index.ts';
import { useConceptMapPage } from '../web/serve.ts';
import { argumentCostPlugin } from './argument-cost.ts';
import { compiledExecutionPlugin } from './compiled-execution.ts';
import { corsOptions } from './cors.ts';
import { documentLimitsPlugin } from './document-limits.ts';
import { errorMaskingPlugin, maskError } from './error-masking.ts';
import { EventLoopMonitor } from './event-loop.ts';
import { executionDeadlinePlugin } from './execution-deadline.ts';
import { healthPlugin } from './health.ts';
import { noIntrospectionPlugin } from './introspection.ts';
import { rateLimitPlugin } from './rate-limit.ts';
import { readinessPlugin } from './readiness.ts';
import { requestContextPlugin } from './request-context.ts';
import { stringLengthPlugin } from './string-length.ts';

export const GRAPHQL_PATH = '/graphql';

export interface YogaDeps {
  db: Database;
  config: Pick<Config, 'env' | 'graphiql' | 'introspection' | 'corsOrigins' | 'limits'>;
  log: Logger;
}

export function buildYoga({ db, config, log }: YogaDeps) {
  const { limits } = config;
  const requestIds = new WeakMap<Request, string>();
  const isGraphQLRequest = (request: Request) => new URL(request.url).pathname === GRAPHQL_PATH;

  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: '/health',
    landingPage: false,
    maxRequestBodySize: limits.maxBodyBytes,
    cors: corsOptions(config.corsOrigins),
    logging: log,
    graphiql: config.graphiql ? { title: 'Docker concept graph', defaultQuery: EXAMPLE_OPERATION } : false,
    context: ({ request }) => {
      const requestId = requestIdOf(request);
      requestIds.set(request, requestId);
      return createContext(db, requestId, { maxQueries: limits.maxQueriesPerRequest });
    },
    // For errors raised outside execution; those of execution are masked with the request id below.
    maskedErrors: { isDev: false, maskError: (error) => maskError(error, undefined, log) },
    plugins: [
      healthPlugin(new EventLoopMonitor()),
      ...(limits.rateLimit
        ? [rateLimitPlugin(limits.rateLimit, { trustProxy: limits.trustProxy, isGraphQLRequest })]
        : []),
      useConceptMapPage(),
      readinessPlugin(db),
      requestContextPlugin(requestIds),
      documentLimitsPlugin(limits, { production: config.env === 'production' }),
      ...(config.introspection ? [] : [noIntrospectionPlugin()]),
      stringLengthPlugin(limits.maxStringLength),
      argumentCostPlugin(limits.maxCost),
      compiledExecutionPlugin(),
      executionDeadlinePlugin(limits.executionTimeoutMs),
      errorMaskingPlugin(log),
    ],
  });
}

export type Yoga = ReturnType<typeof buildYoga>;
