/**
 * A concept's own relationships, batched over many concepts per query so that a page of concepts
 * with their relations costs one round trip per field, whatever the page size.
 */
import neo4j from 'neo4j-driver';
import { RELATION_TYPE_NAMES, RELATION_TYPES, type Relation, type RelationType } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Database } from '../neo4j/database.ts';
import { type KeyValue, keysetPredicate } from './keyset.ts';
import {
  conceptProjection,
  relationProjection,
  type StoredConcept,
  toConcept,
  toRelation,
} from './records.ts';

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

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
  cursorKey?: KeyValue[];
  backward: boolean;
  size: number;
}

/** A page of relations for each slug (same arguments for all), plus each concept's total. */
export async function relationPages(
  db: Database,
  slugs: readonly string[],
  query: RelationPageQuery,
): Promise<{ total: number; relations: ConceptRelation[]; more: boolean }[]> {
  const order = query.backward ? 'DESC' : 'ASC';
  const keyset = query.cursorKey
    ? `AND ${keysetPredicate(RELATION_KEY, 'cursor', query.backward ? '<' : '>')}`
    : '';
  const { records } = await db.read(
    `UNWIND $slugs AS slug
     MATCH (c:Concept {slug: slug})
     RETURN slug,
       COUNT { MATCH (c)-[r]-(o:Concept) WHERE type(r) IN $types ${directionFilter(query.direction)} } AS total,
       COLLECT {
         MATCH (c)-[r]-(o:Concept) WHERE type(r) IN $types ${directionFilter(query.direction)}
         WITH c, r, o, CASE WHEN startNode(r) = c THEN 'OUTGOING' ELSE 'INCOMING' END AS dir
         WITH r, o, dir, startNode(r) AS a, endNode(r) AS b
         WHERE true ${keyset}
         WITH r, o, dir, a, b ORDER BY ${RELATION_KEY.map((k) => `${k} ${order}`).join(', ')}
         LIMIT $limit
         RETURN {relation: ${relationProjection('r', 'a', 'b')}, direction: dir, other: ${conceptProjection('o')}}
       } AS page`,
    {
      slugs: [...new Set(slugs)],
      types: query.types,
      cursor: query.cursorKey ?? [],
      limit: neo4j.int(query.size + 1),
    },
  );
  const bySlug = new Map(
    records.map((record) => {
      const page = (record.get('page') as Record<string, unknown>[]).map((row) => ({
        relation: toRelation(row.relation),
        direction: row.direction as ConceptRelation['direction'],
        other: toConcept(row.other),
      }));
      const more = page.length > query.size;
      const relations = page.slice(0, query.size);
      if (query.backward) relations.reverse();
      return [String(record.get('slug')), { total: toNumber(record.get('total')), relations, more }] as const;
    }),
  );
  return slugs.map((slug) => bySlug.get(slug) ?? { total: 0, relations: [], more: false });
}

/** The concepts related to each slug through one type and direction, by name, at most `limit`. */
export async function relatedConcepts(
  db: Database,
  slugs: readonly string[],
  type: RelationType,
  direction: Direction,
  limit: number,
): Promise<StoredConcept[][]> {
  // `type` is checked against the whitelist before it is written into the pattern.
  if (!RELATION_TYPE_NAMES.includes(type)) throw new Error(`not a relationship type: ${type}`);
  const pattern =
    direction === 'OUTGOING'
      ? `(c)-[:${type}]->(o:Concept)`
      : direction === 'INCOMING'
        ? `(c)<-[:${type}]-(o:Concept)`
        : `(c)-[:${type}]-(o:Concept)`;
  const { records } = await db.read(
    `UNWIND $slugs AS slug
     MATCH (c:Concept {slug: slug})
     RETURN slug, COLLECT {
       MATCH ${pattern}
       WITH DISTINCT o ORDER BY o.sortName, o.slug LIMIT $limit
       RETURN ${conceptProjection('o')}
     } AS related`,
    { slugs: [...new Set(slugs)], limit: neo4j.int(limit) },
  );
  const bySlug = new Map(
    records.map((r) => [String(r.get('slug')), (r.get('related') as unknown[]).map(toConcept)]),
  );
  return slugs.map((slug) => bySlug.get(slug) ?? []);
}

/** Number of relationships (both directions, curated types only) of each concept. */
export async function degrees(db: Database, slugs: readonly string[]): Promise<number[]> {
  const { records } = await db.read(
    `UNWIND $slugs AS slug
     MATCH (c:Concept {slug: slug})
     RETURN slug, COUNT { (c)-[]-(:Concept) } AS degree`,
    { slugs: [...new Set(slugs)] },
  );
  const bySlug = new Map(records.map((r) => [String(r.get('slug')), toNumber(r.get('degree'))]));
  return slugs.map((slug) => bySlug.get(slug) ?? 0);
}

export const isSymmetric = (type: RelationType) => RELATION_TYPES[type].symmetric;
