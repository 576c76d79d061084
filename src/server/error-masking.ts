/**
 * Every error a client sees is documented: errors of the request itself (syntax, validation,
 * limits) and our coded errors pass as they are; anything else becomes INTERNAL_SERVER_ERROR with
 * the request id, and its details go to the log under that id (never to the client).
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Context } from '../context.ts';
import { codeOf, ErrorCode } from '../errors.ts';

/** Codes that say something went wrong on our side, worth a warning in the log. */
const SERVER_SIDE = new Set<string>([ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.QUERY_TIMEOUT]);

/** Maps an error that escaped a resolver onto the documented, masked form. */
export function maskError(error: unknown, requestId: string | undefined, log: Logger): GraphQLError {
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  if (graphQLError && (!graphQLError.originalError || graphQLError.originalError instanceof GraphQLError)) {
    const code = codeOf(
      graphQLError.originalError instanceof GraphQLError ? graphQLError.originalError : graphQLError,
    );
    if (code && SERVER_SIDE.has(code))
      log.warn({ requestId, code, path: graphQLError.path }, graphQLError.message);
    return graphQLError;
  }
  const original = graphQLError?.originalError ?? error;
  log.error({ requestId, path: graphQLError?.path, err: original }, 'internal error');
  return new GraphQLError(`Internal server error (request id ${requestId ?? 'unknown'}).`, {
    path: graphQLError?.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, requestId },
  });
}

/** Masks the errors of an execution result, with the request's id. */
export function errorMaskingPlugin(log: Logger): Plugin<Context> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors?.length) return;
        const requestId = (args.contextValue as Context).requestId;
        setResult({ ...result, errors: result.errors.map((error) => maskError(error, requestId, log)) });
      },
    }),
  };
}
