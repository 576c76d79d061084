/**
 * Caps on every size-like argument. They are checked before any Cypher runs and are the only way
 * an argument becomes part of a query text (as a validated integer in a variable-length bound).
 * The schema's descriptions and cost model read the same ranges.
 */
import { badInput } from '../errors.ts';

export interface Range {
  min: number;
  max: number;
}

export const LIMITS = {
  pageSize: { min: 0, max: 100 },
  searchFirst: { min: 1, max: 50 },
  prerequisiteDepth: { min: 1, max: 10 },
  impactDepth: { min: 1, max: 10 },
  pathLength: { min: 1, max: 12 },
  neighborhoodDepth: { min: 1, max: 3 },
  neighborhoodLimit: { min: 1, max: 500 },
  traversalLimit: { min: 1, max: 1000 },
  goals: { min: 1, max: 20 },
  known: { min: 0, max: 500 },
  exclude: { min: 0, max: 2000 },
  nodeIds: { min: 0, max: 100 },
  nextGoals: { min: 0, max: 20 },
  nextFirst: { min: 1, max: 50 },
  bottlenecksFirst: { min: 1, max: 50 },
  chapter: { min: 1, max: 99 },
  searchText: { min: 1, max: 200 },
} as const satisfies Record<string, Range>;

/** `value` if it is an integer within `range`, else a BAD_USER_INPUT naming `argument`. */
export function bounded(argument: string, value: number, range: Range): number {
  if (!Number.isInteger(value) || value < range.min || value > range.max) {
    throw badInput(argument, `must be an integer from ${range.min} to ${range.max} (got ${value})`, {
      min: range.min,
      max: range.max,
    });
  }
  return value;
}

/** Checks the length of a list argument. */
export function boundedList<T>(argument: string, list: readonly T[], range: Range): readonly T[] {
  if (list.length < range.min || list.length > range.max) {
    throw badInput(argument, `must list from ${range.min} to ${range.max} items (got ${list.length})`, {
      min: range.min,
      max: range.max,
    });
  }
  return list;
}
