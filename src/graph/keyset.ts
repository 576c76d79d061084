/**
 * Keyset pagination: a cursor carries the sort key of the last item seen, and the next page is
 * "everything after that key" — so a page never repeats or skips items because others were added
 * or removed meanwhile (unlike an offset).
 */

export type KeyValue = string | number | boolean | null;

/** Opaque cursor: base64url of the ordering's name and the key values. */
export function encodeCursor(ordering: string, key: KeyValue[]): string {
  return Buffer.from(JSON.stringify([ordering, ...key]), 'utf8').toString('base64url');
}

/** The key values of a cursor made for `ordering` with `size` parts, or undefined if it is not one. */
export function decodeCursor(cursor: string, ordering: string, size: number): KeyValue[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed[0] !== ordering || parsed.length !== size + 1) return undefined;
    const key = parsed.slice(1);
    return key.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
      ? (key as KeyValue[])
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A Cypher predicate "tuple(expressions) > tuple($param[0], …)" (or `<`), written out as
 * nested comparisons. `expressions` come from code, never from input; values are parameters.
 */
export function keysetPredicate(expressions: readonly string[], param: string, op: '>' | '<'): string {
  const clauses = expressions.map((expression, i) => {
    const equal = expressions.slice(0, i).map((e, j) => `${e} = $${param}[${j}]`);
    return [...equal, `${expression} ${op} $${param}[${i}]`].join(' AND ');
  });
  return `(${clauses.map((c) => `(${c})`).join(' OR ')})`;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}
