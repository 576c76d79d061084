/**
 * A concept's own relationships, batched over many concepts per query so that a page of concepts
 * with their relations costs one round trip per field, whatever the page size: the `relations`
 * pages, and the plain lists (their Cypher is in `selection.ts`, shared with the queries that
 * read lists together with the concepts they return).
 */
import neo4j from 'neo4j-driver';
import type { Relation, RelationType } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Reader } from '../neo4j/database.ts';
import { findSelectedConcepts } from './concepts.ts';
import type { Direction } from './cypher.ts';
import { type KeysetWindow, type KeyValue, windowConditions, windowOrder, windowParams } from './keyset.ts';
import {
  conceptProjection,
  relationProjection,
  type StoredConcept,
  toConcept,
  toRelation,
} from './records.ts';
import type { ConceptSelection, SelectedConcept } from './selection.ts';

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

/**
 * The plain relation lists of a concept (`dependsOn`, `requiredBy`, …): the field, the type and
 * direction it follows from the concept, and what it answers. The schema defines one field per
 * entry; a request's selection names entries by field.
 */
export const PLAIN_LISTS: readonly [
  field: string,
  type: RelationType,
  direction: Direction,
  description: string,
][] = [
  ['dependsOn', 'DEPENDS_ON', 'OUTGOING', 'What this concept needs to work (DEPENDS_ON).'],
  ['dependents', 'DEPENDS_ON', 'INCOMING', 'What needs this concept to work (incoming DEPENDS_ON).'],
  ['requires', 'REQUIRES', 'OUTGOING', 'Direct learning prerequisites: study these first (REQUIRES).'],
  ['requiredBy', 'REQUIRES', 'INCOMING', 'Concepts for which this one is a direct prerequisite.'],
  ['isA', 'IS_A', 'OUTGOING', 'The more general concepts this one is a kind of (IS_A); also prerequisites.'],
  ['specializations', 'IS_A', 'INCOMING', 'More specific concepts that are a kind of this one.'],
  ['partOf', 'PART_OF', 'OUTGOING', 'What this concept is a component of.'],
  ['parts', 'PART_OF', 'INCOMING', 'The components of this concept.'],
  ['implements', 'IMPLEMENTS', 'OUTGOING', 'Specifications or models this concept implements.'],
  ['implementedBy', 'IMPLEMENTS', 'INCOMING', 'What implements this specification or model.'],
  ['uses', 'USES', 'OUTGOING', 'What this concept makes use of.'],
  ['usedBy', 'USES', 'INCOMING', 'What makes use of this concept.'],
  ['manages', 'MANAGES', 'OUTGOING', 'What this concept manages the lifecycle of.'],
  ['managedBy', 'MANAGES', 'INCOMING', 'What manages the lifecycle of this concept.'],
  ['operatesOn', 'OPERATES_ON', 'OUTGOING', 'What this command acts on.'],
  ['operatedOnBy', 'OPERATES_ON', 'INCOMING', 'Commands that act on this concept.'],
  ['evolvedFrom', 'EVOLVED_FROM', 'OUTGOING', 'What this concept succeeded.'],
  ['evolvedInto', 'EVOLVED_FROM', 'INCOMING', 'What succeeded this concept.'],
  ['alternatives', 'ALTERNATIVE_TO', 'BOTH', 'Alternatives to this concept.'],
  ['related', 'RELATED_TO', 'BOTH', 'Loosely related concepts.'],
];

/**
 * The plain lists and degrees of many concepts in ONE query (a level of a request whose concepts
 * came from elsewhere: list items, a relation's ends): `selection` says which lists, which item
 * columns, and whether the degree; only the types and directions asked for are expanded.
 */
export function neighbourLists(
  db: Reader,
  slugs: readonly string[],
  selection: Omit<ConceptSelection, 'columns'>,
): Promise<(SelectedConcept | undefined)[]> {
  return findSelectedConcepts(db, slugs, { ...selection, columns: [] });
}
