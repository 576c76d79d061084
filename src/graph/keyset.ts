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

/**
 * The slice of an ordered list one query reads: strictly after `after` and before `before` (sort
 * keys), walked from the start (ascending) or from the end (descending), at most `limit` items.
 */
export interface KeysetWindow {
  after?: KeyValue[];
  before?: KeyValue[];
  descending: boolean;
  limit: number;
}

/**
 * The `WHERE` conditions of a window over `keys`, reading its bounds from the parameters
 * `$after` and `$before`. For an index-backed ordering the first key's own bounds are stated too,
 * so that the planner turns them into an index seek.
 */
export function windowConditions(keys: readonly string[], window: KeysetWindow, indexed = false): string[] {
  const conditions: string[] = [];
  if (window.after) {
    conditions.push(keysetPredicate(keys, 'after', '>'));
    if (indexed) conditions.push(`${keys[0]} >= $after[0]`);
  }
  if (window.before) {
    conditions.push(keysetPredicate(keys, 'before', '<'));
    if (indexed) conditions.push(`${keys[0]} <= $before[0]`);
  }
  return conditions;
}

/** `ORDER BY` items of a window over `keys`. */
export const windowOrder = (keys: readonly string[], window: KeysetWindow) =>
  keys.map((key) => `${key} ${window.descending ? 'DESC' : 'ASC'}`).join(', ');

/** The parameters `windowConditions` refers to. */
export const windowParams = (window: KeysetWindow) => ({
  after: window.after ?? [],
  before: window.before ?? [],
});
