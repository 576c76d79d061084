/**
 * Relay connection arguments → a keyset window, and the items read in that window → a Relay
 * connection. Follows the pagination algorithm of the Relay cursor connections specification:
 * `after`/`before` narrow the list, then `first` keeps its head and `last` its tail; both may be
 * given together.
 */
import { badInput } from '../errors.ts';
import { decodeCursor, encodeCursor, type KeysetWindow, type KeyValue } from '../graph/keyset.ts';
import { LIMITS } from './limits.ts';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageRequest {
  /** The list's name in its cursors: a cursor of one list is refused by another. */
  ordering: string;
  after?: KeyValue[];
  before?: KeyValue[];
  first?: number;
  last?: number;
}

export const DEFAULT_PAGE_SIZE = 20;

function pageSize(argument: 'first' | 'last', value: number | null | undefined): number | undefined {
  if (value == null) return undefined;
  const { min, max } = LIMITS.pageSize;
  if (!Number.isInteger(value) || value < min || value > max)
    throw badInput(argument, `must be an integer from ${min} to ${max} (got ${value})`, { min, max });
  return value;
}

function cursorKey(
  argument: 'after' | 'before',
  cursor: string | null | undefined,
  ordering: string,
  keySize: number,
) {
  if (cursor == null) return undefined;
  const key = decodeCursor(cursor, ordering, keySize);
  if (!key)
    throw badInput(argument, 'is not a cursor of this list (cursors belong to one field and ordering)');
  return key;
}

/** Validates the arguments before any Cypher runs: sizes within the cap, cursors of this list. */
export function pageRequest(args: ConnectionArgs, ordering: string, keySize: number): PageRequest {
  const first = pageSize('first', args.first);
  const last = pageSize('last', args.last);
  return {
    ordering,
    after: cursorKey('after', args.after, ordering, keySize),
    before: cursorKey('before', args.before, ordering, keySize),
    first: first ?? (last === undefined ? DEFAULT_PAGE_SIZE : undefined),
    last,
  };
}

/**
 * What to read for a request: from the start when `first` is given (one item more than asked, to
 * know whether more follow), else from the end.
 */
export function windowOf(request: PageRequest): KeysetWindow {
  const { after, before } = request;
  if (request.first !== undefined) return { after, before, descending: false, limit: request.first + 1 };
  return { after, before, descending: true, limit: (request.last ?? DEFAULT_PAGE_SIZE) + 1 };
}

export interface Connection<N> {
  edges: ({ cursor: string; node: N } & Record<string, unknown>)[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/**
 * The connection for the items read in `windowOf(request)` (in the order read). Beyond the page
 * in the direction read is known exactly; the other direction only to exist when a cursor bounds it.
 */
export function toConnection<T, N = T>(
  read: readonly T[],
  request: PageRequest,
  keyOf: (item: T) => KeyValue[],
  edgeOf: (item: T) => { node: N } & Record<string, unknown> = (item) => ({ node: item as unknown as N }),
): Connection<N> {
  let items: T[];
  let hasNextPage: boolean;
  let hasPreviousPage: boolean;
  if (request.first !== undefined) {
    items = read.slice(0, request.first);
    hasNextPage = read.length > request.first || request.before !== undefined;
    hasPreviousPage = request.after !== undefined;
    if (request.last !== undefined && items.length > request.last) {
      items = items.slice(items.length - request.last);
      hasPreviousPage = true;
    }
  } else {
    const last = request.last ?? DEFAULT_PAGE_SIZE;
    items = read.slice(0, last).reverse();
    hasPreviousPage = read.length > last || request.after !== undefined;
    hasNextPage = request.before !== undefined;
  }
  const edges = items.map((item) => ({
    ...edgeOf(item),
    cursor: encodeCursor(request.ordering, keyOf(item)),
  }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
