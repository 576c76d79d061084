/**
 * The errors a client can switch on, as GraphQL errors with a documented `extensions.code`.
 * Anything else that escapes a resolver is masked by the server (see `yoga.ts`).
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  /** An argument is out of its allowed range or malformed; `extensions.argument` names it. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** A slug names no concept; `extensions.slugs` and `extensions.suggestions` say more. */
  CONCEPT_NOT_FOUND: 'CONCEPT_NOT_FOUND',
  /** A chapter number names no chapter. */
  CHAPTER_NOT_FOUND: 'CHAPTER_NOT_FOUND',
  /** The graph database cannot be reached right now; retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A query ran longer than the transaction timeout. */
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  /** The document's argument-aware cost is over the limit; `extensions` give the cost and the limit. */
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
  /** This client sent too many requests; retry after `extensions.retryAfterSeconds` (HTTP 429). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Anything else; the message is masked and the server log has the details under the request id. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export function badInput(
  argument: string,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(`Argument "${argument}" ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument, ...extra },
  });
}

export function conceptNotFound(
  missing: { slug: string; suggestions: string[] }[],
  argument: string,
): GraphQLError {
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
