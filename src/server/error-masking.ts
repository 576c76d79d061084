/**
 * Every error a client sees is documented: errors of the request itself (syntax, validation,
 * limits) and our coded errors pass as they are; anything else becomes INTERNAL_SERVER_ERROR with
 * the request id, and its details go to the log under that id (never to the client).
 */
import { type DocumentNode, GraphQLError, type Source } from 'graphql';
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

/** The offset in `body` of a 1-based line and column, counting line breaks as graphql-js does. */
function offsetOf(body: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = body.slice(offset).search(/\r\n|[\n\r]/);
    if (next < 0) break;
    offset += next + (body.startsWith('\r\n', offset + next) ? 2 : 1);
  }
  return offset + column - 1;
}

/**
 * graphql-jit's errors carry `locations` but not the AST nodes or source positions that yoga
 * rebuilds an error from when it serializes it, so a compiled document's errors would lose their
 * locations. They are rebuilt here on the document's source, so that compiled and interpreted
 * answers are identical.
 */
function withSourcePositions(error: GraphQLError, source: Source | undefined): GraphQLError {
  if (!source || error.nodes || error.positions || !error.locations?.length) return error;
  return new GraphQLError(error.message, {
    source,
    positions: error.locations.map((l) => offsetOf(source.body, l.line, l.column)),
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** Masks the errors of an execution result, with the request's id. */
export function errorMaskingPlugin(log: Logger): Plugin<Context> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (!('errors' in result) || !result.errors?.length) return;
        const requestId = (args.contextValue as Context).requestId;
        const source = (args.document as DocumentNode).loc?.source;
        setResult({
          ...result,
          errors: result.errors.map((error) => withSourcePositions(maskError(error, requestId, log), source)),
        });
      },
    }),
  };
}
