/**
 * Driver values to plain JavaScript, at the data-access boundary: resolvers never see
 * `neo4j.Integer`, `Node` or `Relationship`.
 */
import neo4j from 'neo4j-driver';

/** A Neo4j integer (or plain number) as a JS number; our counts and depths are far below 2^53. */
export function toNumber(value: unknown): number {
  if (neo4j.isInt(value)) return value.toNumber();
  if (typeof value === 'number') return value;
  if (value === null || value === undefined) return 0;
  throw new TypeError(`expected an integer from Neo4j, got ${typeof value}`);
}

export function toNumberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}

export function toStringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/** Neo4j integer fields of a map, converted recursively (for maps built in Cypher). */
export function plain<T>(value: unknown): T {
  if (neo4j.isInt(value)) return value.toNumber() as T;
  if (Array.isArray(value)) return value.map((v) => plain(v)) as T;
  if (value && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) as T;
  }
  return value as T;
}
