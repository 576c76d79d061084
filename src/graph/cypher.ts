/**
 * The only pieces of query text built from arguments: relationship-type expressions from the
 * whitelist, arrows for a direction, and integer bounds already checked against their caps.
 */
import { RELATION_TYPE_NAMES, type RelationType } from '../domain.ts';

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** `:A|B|C` for whitelisted types. */
export function typeExpression(types: readonly RelationType[]): string {
  if (types.length === 0) throw new Error('no relationship type given');
  for (const type of types)
    if (!RELATION_TYPE_NAMES.includes(type)) throw new Error(`not a relationship type: ${type}`);
  return `:${types.join('|')}`;
}

/** A relationship pattern with `inner` (e.g. `r:REQUIRES`) pointing the given way. */
export const arrow = (direction: Direction, inner: string) =>
  direction === 'OUTGOING' ? `-[${inner}]->` : direction === 'INCOMING' ? `<-[${inner}]-` : `-[${inner}]-`;

/** `value` when it is an integer from 1 to `max`: the guard before a number is written into Cypher. */
export function assertBound(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} out of range: ${value}`);
  return value;
}
