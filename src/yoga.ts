/**
 * Builds the configured graphql-yoga server: schema, per-request context, error masking, health
 * and readiness endpoints. It does not listen; `main.ts` does, and tests call `yoga.fetch`.
 */
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, useReadinessCheck } from 'graphql-yoga';
import { Neo4jError } from 'neo4j-driver';
import type { Config } from './config.ts';
import { type Context, createContext } from './context.ts';
import { ErrorCode } from './errors.ts';
import type { Database } from './neo4j/database.ts';
import { queryLimitsPlugin } from './query-limits.ts';
import { EXAMPLE_OPERATION } from './schema/example-operation.ts';
import { schema } from './schema/index.ts';
import { useConceptMapPage } from './web/serve.ts';

export interface YogaDeps {
  db: Database;
  config: Pick<Config, 'env' | 'graphiql' | 'introspection'>;
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

export function buildYoga({ db, config, log = (line) => process.stderr.write(`${line}\n`) }: YogaDeps) {
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
      useConceptMapPage(),
      queryLimitsPlugin({ production: config.env === 'production' }),
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
