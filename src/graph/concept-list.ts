/** The filtered, ordered, keyset-paginated list of concepts behind `concepts(...)`. */
import neo4j from 'neo4j-driver';
import { toNumber } from '../neo4j/convert.ts';
import type { Database } from '../neo4j/database.ts';
import { type KeyValue, keysetPredicate } from './keyset.ts';
import { conceptProjection, type StoredConcept, toConcept } from './records.ts';

export interface ConceptFilter {
  kinds?: readonly string[] | null;
  chapter?: number | null;
  tags?: readonly string[] | null;
  background?: boolean | null;
}

/** Orderings and the properties of their keys (whitelist: these strings are written into Cypher). */
export const CONCEPT_ORDERINGS = {
  NAME: ['c.sortName', 'c.slug'],
  SLUG: ['c.slug'],
  CHAPTER: ['c.firstChapter', 'c.sortName', 'c.slug'],
} as const;
export type ConceptOrdering = keyof typeof CONCEPT_ORDERINGS;

/**
 * Orderings an index can deliver (`concept_sort` on (sortName, slug), the slug constraint), with
 * the predicates that let the planner walk that index in order and stop after one page. Without
 * them Neo4j reads the sort keys of every concept and sorts: 30-45 ms a page at 10k concepts,
 * growing with the graph. Every concept has a slug and a sortName (the loaders set both).
 */
const INDEXED_ORDERINGS: Partial<Record<ConceptOrdering, string>> = {
  NAME: 'c.sortName IS NOT NULL AND c.slug IS NOT NULL',
  SLUG: 'c.slug IS NOT NULL',
};

export function sortKeyOf(concept: StoredConcept, ordering: ConceptOrdering): KeyValue[] {
  if (ordering === 'SLUG') return [concept.slug];
  if (ordering === 'CHAPTER') return [concept.firstChapter, concept.sortName, concept.slug];
  return [concept.sortName, concept.slug];
}

export interface ConceptListQuery {
  filter: ConceptFilter;
  ordering: ConceptOrdering;
  /** Key to start after (forward) or before (backward). */
  cursorKey?: KeyValue[];
  backward: boolean;
  /** Items wanted; one more is fetched to know whether more follow. */
  size: number;
}

export async function listConcepts(
  db: Database,
  query: ConceptListQuery,
): Promise<{ total: number; concepts: StoredConcept[]; more: boolean }> {
  const conditions = ['true'];
  const { filter } = query;
  if (filter.kinds?.length) conditions.push('c.kind IN $kinds');
  if (filter.chapter !== undefined && filter.chapter !== null) conditions.push('$chapter IN c.chapters');
  if (filter.tags?.length) conditions.push('all(tag IN $tags WHERE tag IN c.tags)');
  if (filter.background !== undefined && filter.background !== null)
    conditions.push('c.background = $background');
  const where = conditions.join(' AND ');
  const keys = CONCEPT_ORDERINGS[query.ordering];
  const direction = query.backward ? 'DESC' : 'ASC';
  const indexed = INDEXED_ORDERINGS[query.ordering];
  const op = query.backward ? '<' : '>';
  // The first key's bound is implied by the keyset predicate; stated alone, it becomes an index seek.
  const keyset = query.cursorKey
    ? `AND ${keysetPredicate(keys, 'cursor', op)}${indexed ? ` AND ${keys[0]} ${op}= $cursor[0]` : ''}`
    : '';
  const scan = indexed ? `AND ${indexed}` : '';
  const { records } = await db.read(
    `RETURN COUNT { MATCH (c:Concept) WHERE ${where} } AS total,
            COLLECT {
              MATCH (c:Concept) WHERE ${where} ${scan} ${keyset}
              WITH c ORDER BY ${keys.map((k) => `${k} ${direction}`).join(', ')}
              LIMIT $limit
              RETURN ${conceptProjection('c')}
            } AS page`,
    {
      kinds: filter.kinds ?? [],
      chapter: filter.chapter ?? null,
      tags: filter.tags ?? [],
      background: filter.background ?? null,
      cursor: query.cursorKey ?? [],
      limit: neo4j.int(query.size + 1),
    },
  );
  const record = records[0];
  const page = ((record?.get('page') as unknown[]) ?? []).map(toConcept);
  const more = page.length > query.size;
  const concepts = page.slice(0, query.size);
  if (query.backward) concepts.reverse();
  return { total: toNumber(record?.get('total')), concepts, more };
}
