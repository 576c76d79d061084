/** The filtered, ordered, keyset-paginated list of concepts behind `concepts(...)`. */
import neo4j from 'neo4j-driver';
import { toNumber } from '../neo4j/convert.ts';
import type { Reader } from '../neo4j/database.ts';
import { type KeysetWindow, type KeyValue, windowConditions, windowOrder, windowParams } from './keyset.ts';
import type { ConceptColumn, StoredConcept } from './records.ts';
import {
  type ConceptSelection,
  type SelectedConcept,
  selectionProjection,
  WHOLE_CONCEPT,
} from './selection.ts';

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

/** The columns of a concept that its place in an ordering is made of (read with every page). */
const SORT_COLUMNS: Record<ConceptOrdering, ConceptColumn[]> = {
  NAME: ['sortName', 'slug'],
  SLUG: ['slug'],
  CHAPTER: ['firstChapter', 'sortName', 'slug'],
};

type SortColumns = Pick<StoredConcept, 'slug'> & Partial<Pick<StoredConcept, 'sortName' | 'firstChapter'>>;

export function sortKeyOf(concept: SortColumns, ordering: ConceptOrdering): KeyValue[] {
  if (ordering === 'SLUG') return [concept.slug];
  if (ordering === 'CHAPTER') return [concept.firstChapter ?? null, concept.sortName ?? '', concept.slug];
  return [concept.sortName ?? '', concept.slug];
}

export interface ConceptListQuery {
  filter: ConceptFilter;
  ordering: ConceptOrdering;
  window: KeysetWindow;
  /** Count the matches too (a scan when filtered): false when the request does not show it. */
  total?: boolean;
}

/**
 * The concepts of one window of the ordered, filtered list, in the order read (as `selection`
 * reads them, with their sort keys), and how many match.
 */
export async function listConcepts(
  db: Reader,
  query: ConceptListQuery,
  selection: ConceptSelection = WHOLE_CONCEPT,
): Promise<{ total: number | null; concepts: SelectedConcept[] }> {
  const conditions = ['true'];
  const { filter, window } = query;
  if (filter.kinds?.length) conditions.push('c.kind IN $kinds');
  if (filter.chapter !== undefined && filter.chapter !== null) conditions.push('$chapter IN c.chapters');
  if (filter.tags?.length) conditions.push('all(tag IN $tags WHERE tag IN c.tags)');
  if (filter.background !== undefined && filter.background !== null)
    conditions.push('c.background = $background');
  const where = conditions.join(' AND ');
  const keys = CONCEPT_ORDERINGS[query.ordering];
  const indexed = INDEXED_ORDERINGS[query.ordering];
  const bounds = [...(indexed ? [indexed] : []), ...windowConditions(keys, window, indexed !== undefined)];
  const projection = selectionProjection('c', selection, SORT_COLUMNS[query.ordering]);
  // One row per concept, not the page as one list: neo4j-driver decodes every string of a record
  // that spans several Bolt chunks through a new StringDecoder (a page of 50 with full lists is one
  // ~250 KB record), which took a quarter of the server's CPU for that page at 10k concepts.
  const { records } = await db.read(
    `WITH ${query.total === false ? 'null' : `COUNT { MATCH (c:Concept) WHERE ${where} }`} AS total
     OPTIONAL CALL () {
       MATCH (c:Concept) WHERE ${[where, ...bounds].join(' AND ')}
       WITH c ORDER BY ${windowOrder(keys, window)}
       LIMIT $limit
       RETURN ${projection.cypher} AS concept
     }
     RETURN total, concept`,
    {
      kinds: filter.kinds ?? [],
      chapter: filter.chapter ?? null,
      tags: filter.tags ?? [],
      background: filter.background ?? null,
      ...windowParams(window),
      limit: neo4j.int(window.limit),
    },
  );
  const concepts = records.map((record) => record.get('concept')).filter((concept) => concept !== null);
  return {
    total: query.total === false ? null : toNumber(records[0]?.get('total')),
    concepts: concepts.map(projection.read),
  };
}
