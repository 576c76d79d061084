/**
 * The errors a client can switch on, as GraphQL errors with a documented `extensions.code`, and
 * the translation of the driver's failures into them. Anything else that escapes a resolver is
 * masked by the server (see `server/error-masking.ts`).
 */
import { GraphQLError } from 'graphql';
import { Neo4jError } from 'neo4j-driver';
import { DatabaseBusyError } from './neo4j/read-scheduler.ts';

export const ErrorCode = {
  /** The HTTP request is not a GraphQL request: no query, wrong method, unreadable JSON (400/405). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The request body is larger than the limit (HTTP 413). */
  REQUEST_ENTITY_TOO_LARGE: 'REQUEST_ENTITY_TOO_LARGE',
  /** The document is not valid GraphQL syntax, or has more tokens than allowed (HTTP 400). */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document does not fit the schema, or breaks a depth/alias/directive limit (HTTP 400). */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** A persisted-document hash names no document of the manifest (HTTP 400). */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** The server runs only trusted documents and the request sent a document of its own (HTTP 400). */
  PERSISTED_QUERY_ONLY: 'PERSISTED_QUERY_ONLY',
  /** An argument is out of its allowed range or malformed; `extensions.argument` names it. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A slug names no concept; `extensions.slugs` and `extensions.suggestions` say more. */
  CONCEPT_NOT_FOUND: 'CONCEPT_NOT_FOUND',
  /** A chapter number names no chapter. */
  CHAPTER_NOT_FOUND: 'CHAPTER_NOT_FOUND',
  /** The graph database cannot be reached right now, or is busy; retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A query ran longer than the transaction timeout, or the request past its deadline. */
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  /** The document's cost, or the database work it led to, is over the limit; `extensions` say which. */
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  /** This client sent too many requests; retry after `extensions.retryAfterSeconds` (HTTP 429). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Anything else; the message is masked and the server log has the details under the request id. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badInput(
  argument: string,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(`Argument "${argument}" ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument, ...extra },
  });
}

export interface MissingSlug {
  slug: string;
  suggestions: string[];
}

export function conceptNotFound(missing: MissingSlug[], argument: string): GraphQLError {
  const described = missing
    .map(({ slug, suggestions }) => {
      const hint =
        suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `"${s}"`).join(', ')}?)` : '';
      return `"${slug}"${hint}`;
    })
    .join('; ');
  return new GraphQLError(`No concept has the slug ${described}`, {
    extensions: {
      code: ErrorCode.CONCEPT_NOT_FOUND,
      argument,
      slugs: missing.map((m) => m.slug),
      suggestions: Object.fromEntries(missing.map((m) => [m.slug, m.suggestions])),
    },
  });
}

export function chapterNotFound(number: number): GraphQLError {
  return new GraphQLError(`No chapter has the number ${number}`, {
    extensions: { code: ErrorCode.CHAPTER_NOT_FOUND, number },
  });
}

/** The request has used its budget of database queries: what it asks needs more reads than allowed. */
export function queryBudgetExceeded(maxQueries: number): GraphQLError {
  return new GraphQLError(
    `This request needs more than ${maxQueries} database queries; split it into smaller requests.`,
    { extensions: { code: ErrorCode.QUERY_TOO_COSTLY, maxQueries } },
  );
}

/** A whole-graph question refused because the graph is larger than it may read at once. */
export function graphTooLarge(detail: string): GraphQLError {
  return new GraphQLError(`The graph is too large for this question (${detail}).`, {
    extensions: { code: ErrorCode.QUERY_TOO_COSTLY },
  });
}

export function databaseBusy(): GraphQLError {
  return new GraphQLError('The graph database is busy right now; retry shortly.', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: 'BUSY' },
  });
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/**
 * The documented error for a failure of the driver, or undefined when it is none of ours to
 * explain (a bug: the server masks it as INTERNAL_SERVER_ERROR).
 */
export function fromDriverError(error: unknown): GraphQLError | undefined {
  if (error instanceof DatabaseBusyError) return databaseBusy();
  if (!(error instanceof Neo4jError)) return undefined;
  // The pool's acquisition timeout (rare: the read scheduler keeps reads within the pool) carries
  // no code of its own (the driver says 'N/A'); only its message tells it apart. Checked first:
  // it would pass as unavailable.
  if (error.message.startsWith('Connection acquisition timed out')) return databaseBusy();
  if (error.code.includes('TransactionTimedOut') || error.code.includes('TransactionTimeout'))
    return new GraphQLError(
      'The query took longer than the allowed time; narrow it (smaller depth or limit).',
      { extensions: { code: ErrorCode.QUERY_TIMEOUT } },
    );
  if (UNAVAILABLE_CODES.has(error.code) || error.retriable)
    return new GraphQLError('The graph database is unavailable right now; retry shortly.', {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: 'UNAVAILABLE' },
    });
  return undefined;
}

/** The code of an error as a client sees it, if it has one. */
export const codeOf = (error: GraphQLError): string | undefined =>
  typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
