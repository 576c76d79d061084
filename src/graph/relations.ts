/**
 * A concept's own relationships, batched over many concepts per query so that a page of concepts
 * with their relations costs one round trip per field, whatever the page size.
 */
import neo4j from 'neo4j-driver';
import type { Relation, RelationType } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Reader } from '../neo4j/database.ts';
import { type Direction, typeExpression } from './cypher.ts';
import { type KeysetWindow, type KeyValue, windowConditions, windowOrder, windowParams } from './keyset.ts';
import {
  type ConceptHead,
  compareText,
  conceptHeadProjection,
  conceptProjection,
  relationProjection,
  type StoredConcept,
  toConcept,
  toConceptHead,
  toRelation,
} from './records.ts';

export type { Direction } from './cypher.ts';

/** One relationship seen from a concept: which way it points and the concept at the other end. */
export interface ConceptRelation {
  relation: Relation;
  direction: 'OUTGOING' | 'INCOMING';
  other: StoredConcept;
}

const directionFilter = (direction: Direction) =>
  direction === 'OUTGOING' ? 'AND startNode(r) = c' : direction === 'INCOMING' ? 'AND endNode(r) = c' : '';

/** Sort key of a relation in a concept's list: type, direction, then the other end by name. */
export const RELATION_KEY = ['type(r)', 'dir', 'o.sortName', 'o.slug'] as const;
export const relationKeyOf = (r: ConceptRelation): KeyValue[] => [
  r.relation.type,
  r.direction,
  r.other.sortName,
  r.other.slug,
];

export interface RelationPageQuery {
  direction: Direction;
  types: readonly RelationType[];
  window: KeysetWindow;
}

/** One window of relations for each slug (same arguments for all), in the order read, and each total. */
export async function relationPages(
  db: Reader,
  slugs: readonly string[],
  query: RelationPageQuery,
): Promise<{ total: number; relations: ConceptRelation[] }[]> {
  const bounds = windowConditions(RELATION_KEY, query.window);
  const { records } = await db.read(
    `UNWIND $slugs AS slug
     MATCH (c:Concept {slug: slug})
     RETURN slug,
       COUNT { MATCH (c)-[r]-(o:Concept) WHERE type(r) IN $types ${directionFilter(query.direction)} } AS total,
       COLLECT {
         MATCH (c)-[r]-(o:Concept) WHERE type(r) IN $types ${directionFilter(query.direction)}
         WITH c, r, o, CASE WHEN startNode(r) = c THEN 'OUTGOING' ELSE 'INCOMING' END AS dir
         WITH r, o, dir, startNode(r) AS a, endNode(r) AS b
         WHERE ${['true', ...bounds].join(' AND ')}
         WITH r, o, dir, a, b ORDER BY ${windowOrder(RELATION_KEY, query.window)}
         LIMIT $limit
         RETURN [${relationProjection('r', 'a', 'b')}, dir, ${conceptProjection('o')}]
       } AS page`,
    {
      slugs: [...new Set(slugs)],
      types: query.types,
      ...windowParams(query.window),
      limit: neo4j.int(query.window.limit),
    },
  );
  const bySlug = new Map(
    records.map((record) => {
      const relations = (record.get('page') as unknown[][]).map(([relation, direction, other]) => ({
        relation: toRelation(relation),
        direction: direction as ConceptRelation['direction'],
        other: toConcept(other),
      }));
      return [String(record.get('slug')), { total: toNumber(record.get('total')), relations }] as const;
    }),
  );
  return slugs.map((slug) => bySlug.get(slug) ?? { total: 0, relations: [] });
}

/** Every relationship list of one concept at once: `TYPE|DIRECTION` → concepts by name, and the degree. */
export interface ConceptNeighbours {
  degree: number;
  lists: Map<string, ConceptHead[]>;
}

export const listKey = (type: RelationType, direction: 'OUTGOING' | 'INCOMING') => `${type}|${direction}`;

/**
 * A page's plain relationship lists (`dependsOn`, `requiredBy`, …) and degrees in ONE query: for
 * each slug, its neighbours over `types` grouped by type and direction, by name, at most `limit`
 * per group. Only the types asked for are read (a page that shows `requires` and `uses` does not
 * read PART_OF or MANAGES relationships); with no types, only the degrees.
 */
export async function neighbourLists(
  db: Reader,
  slugs: readonly string[],
  types: readonly RelationType[],
  limit: number,
): Promise<ConceptNeighbours[]> {
  const groups =
    types.length === 0
      ? '[]'
      : `COLLECT {
       MATCH (c)-[r${typeExpression(types)}]-(o:Concept)
       WITH type(r) AS type, CASE WHEN startNode(r) = c THEN 'OUTGOING' ELSE 'INCOMING' END AS dir, o
       ORDER BY o.sortName, o.slug
       WITH type, dir, collect(o)[..$limit] AS others
       RETURN [type, dir, [x IN others | ${conceptHeadProjection('x')}]]
     }`;
  const { records } = await db.read(
    `UNWIND $slugs AS slug
     MATCH (c:Concept {slug: slug})
     // Both counts come from the node's degree store; chapters are the only other neighbours.
     RETURN slug, COUNT { (c)--() } - COUNT { (c)-[:COVERED_IN]-() } AS degree, ${groups} AS groups`,
    { slugs: [...new Set(slugs)], limit: neo4j.int(limit) },
  );
  const bySlug = new Map(
    records.map((record) => {
      const lists = new Map<string, ConceptHead[]>();
      for (const [type, dir, others] of record.get('groups') as [
        RelationType,
        'OUTGOING' | 'INCOMING',
        unknown[],
      ][]) {
        lists.set(listKey(type, dir), others.map(toConceptHead));
      }
      return [String(record.get('slug')), { degree: toNumber(record.get('degree')), lists }] as const;
    }),
  );
  return slugs.map((slug) => bySlug.get(slug) ?? { degree: 0, lists: new Map() });
}

/** One list from `neighbourLists`; for BOTH (symmetric types) the two directions merged by name. */
export function listOf(
  neighbours: ConceptNeighbours,
  type: RelationType,
  direction: Direction,
  limit: number,
): ConceptHead[] {
  if (direction !== 'BOTH') return neighbours.lists.get(listKey(type, direction)) ?? [];
  const merged = new Map<string, ConceptHead>();
  for (const d of ['OUTGOING', 'INCOMING'] as const)
    for (const c of neighbours.lists.get(listKey(type, d)) ?? []) merged.set(c.slug, c);
  return [...merged.values()]
    .sort((a, b) => compareText(a.sortName, b.sortName) || compareText(a.slug, b.slug))
    .slice(0, limit);
}
