/** Relay connection arguments → a keyset page request, and a page → a Relay connection. */
import { badInput } from '../errors.ts';
import { decodeCursor, encodeCursor, type KeyValue } from '../graph/keyset.ts';
import { LIMITS } from './limits.ts';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageRequest {
  backward: boolean;
  size: number;
  cursorKey?: KeyValue[];
}

export const DEFAULT_PAGE_SIZE = 20;

/** Validates the arguments before any Cypher runs: sizes within the cap, cursors of this list. */
export function pageRequest(args: ConnectionArgs, ordering: string, keySize: number): PageRequest {
  if (args.first != null && args.last != null)
    throw badInput('last', 'cannot be combined with "first"; page one way at a time');
  if (args.after != null && args.before != null) throw badInput('before', 'cannot be combined with "after"');
  const backward = args.last != null || args.before != null;
  const argument = backward ? 'last' : 'first';
  const size = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const { min, max } = LIMITS.pageSize;
  if (!Number.isInteger(size) || size < min || size > max) {
    throw badInput(argument, `must be an integer from ${min} to ${max} (got ${size})`, { min, max });
  }
  const cursor = backward ? args.before : args.after;
  if (cursor == null) return { backward, size };
  const cursorKey = decodeCursor(cursor, ordering, keySize);
  if (!cursorKey) {
    throw badInput(
      backward ? 'before' : 'after',
      'is not a cursor of this list (cursors belong to one field and ordering)',
    );
  }
  return { backward, size, cursorKey };
}

export interface Connection<T> {
  edges: ({ cursor: string; node: T } & Record<string, unknown>)[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/**
 * Builds the connection for one page. `more` says whether the query found an item beyond the page
 * (in the paging direction); the other direction is known only to exist when a cursor was given.
 */
export function toConnection<T, N = T>(
  items: T[],
  request: PageRequest,
  ordering: string,
  keyOf: (item: T) => KeyValue[],
  more: boolean,
  edgeOf: (item: T) => { node: N } & Record<string, unknown> = (item) => ({ node: item as unknown as N }),
): Connection<N> {
  const edges = items.map((item) => ({ ...edgeOf(item), cursor: encodeCursor(ordering, keyOf(item)) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: request.backward ? request.cursorKey !== undefined : more,
      hasPreviousPage: request.backward ? more : request.cursorKey !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
