/**
 * A response without `data` answers a request that could not run at all: variables that do not
 * coerce, an input, cost or budget limit, a refusal before execution. As GraphQL over HTTP
 * specifies for `application/graphql-response+json`, it gets a 4xx status (400; 503 or 504 when the
 * reason is on our side: the database unavailable, or the execution deadline), and every error
 * in it gets a code: BAD_USER_INPUT where graphql-js gave none (variable coercion). In production,
 * graphql-js's "Did you mean …?" hints are dropped from those messages, as they are from
 * validation errors: the schema is not for guessing.
 */
import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.ts';

const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** Requests that could not run for a reason on our side: not the client's fault, not 400. */
const SERVER_STATUS: Record<string, number> = {
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.QUERY_TIMEOUT]: 504,
};

function asRequestError(error: GraphQLError, production: boolean): GraphQLError {
  const extensions = error.extensions ?? {};
  const http = (extensions.http as { status?: number } | undefined) ?? {};
  const code = (extensions.code as string | undefined) ?? ErrorCode.BAD_USER_INPUT;
  return new GraphQLError(production ? error.message.replace(SUGGESTION, '') : error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: {
      ...extensions,
      code,
      http: { ...http, status: http.status ?? SERVER_STATUS[code] ?? 400 },
    },
  });
}

const isSingleResult = (result: unknown): result is ExecutionResult =>
  typeof result === 'object' &&
  result !== null &&
  !Array.isArray(result) &&
  !(Symbol.asyncIterator in result);

export function requestErrorsPlugin(options: { production: boolean }): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (!isSingleResult(result) || 'data' in result || !result.errors?.length) return;
      setResult({
        ...result,
        errors: result.errors.map((error) => asRequestError(error, options.production)),
      });
    },
  };
}
