/**
 * Full-text search over names, aliases and summaries. User text never reaches Lucene as syntax:
 * it is split into plain terms (letters and digits only), each searched exactly (boosted), as a
 * prefix and fuzzily, so "containrd" still finds containerd. The whole text, reduced to its search
 * key, is also matched against each concept's keys (name, slug, aliases: see `searchKey`), so that
 * the concept a user names comes back; the final order is exact name, slug or alias first, then
 * names that start with the text, then the rest, each by Lucene's score. The re-ranking runs in
 * Cypher over the stored keys, so only the hits returned are read for what the request shows.
 */
import neo4j from 'neo4j-driver';
import { searchKey } from '../domain.ts';
import type { Reader } from '../neo4j/database.ts';
import { FULLTEXT_INDEX } from '../neo4j/graph-schema.ts';
import type { ConceptRow } from './records.ts';
import {
  type ConceptSelection,
  type SelectedConcept,
  selectionProjection,
  WHOLE_CONCEPT,
} from './selection.ts';

const MAX_TERMS = 8;
/** Longer terms are cut: no concept has a word this long, and Lucene refuses huge terms. */
const MAX_TERM_LENGTH = 40;
/** Terms shorter than this are not searched fuzzily (every short word is one edit from many). */
const MIN_FUZZY_LENGTH = 4;

/** The first `max` characters (code points, not UTF-16 units) of `text`. */
const cut = (text: string, max: number) => Array.from(text).slice(0, max).join('');

/** A safe Lucene query for free text, or '' when the text has no searchable term. */
export function luceneQuery(text: string): string {
  const terms = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, MAX_TERMS)
    .map((term) => cut(term, MAX_TERM_LENGTH));
  if (terms.length === 0) return '';
  // Terms and the key are letters and digits only, so no Lucene operator or escape can survive.
  const words = terms.map((term) => {
    const fuzzy = Array.from(term).length >= MIN_FUZZY_LENGTH ? ` OR ${term}~` : '';
    return `(${term}^4 OR ${term}*^2${fuzzy})`;
  });
  const key = cut(searchKey(text), MAX_TERM_LENGTH * 2);
  return `searchKeys:${key}^100 OR searchKeys:${key}*^20 OR (${words.join(' ')})`;
}

export interface SearchHit {
  concept: ConceptRow;
  score: number;
}

/** A hit as read: the concept with what the selection asked for (its lists, degree), and the score. */
export interface SelectedHit {
  selected: SelectedConcept;
  score: number;
}

/** Lucene candidates read per hit asked for: room for the exact match to be re-ranked first. */
const CANDIDATES = 3;

/**
 * How a candidate matches the text, from its stored search keys (space-separated; the name's key
 * first, then the slug's and the aliases', as the loaders write them) and the text's key `$key`:
 * 0 an exact name, slug or alias, 1 a name that starts with the text, 2 anything else.
 */
const MATCH_TIER = `CASE WHEN $key IN keys THEN 0 WHEN keys[0] STARTS WITH $key THEN 1 ELSE 2 END`;

export async function searchConcepts(
  db: Reader,
  text: string,
  first: number,
  selection: ConceptSelection = WHOLE_CONCEPT,
): Promise<SelectedHit[]> {
  const query = luceneQuery(text);
  if (!query) return [];
  const projection = selectionProjection('node', selection);
  // Lucene's order is kept as `rank` (the procedure yields best first): ties of tier keep it.
  const { records } = await db.read(
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node, score
     WITH collect([node, score]) AS hits
     UNWIND range(0, size(hits) - 1) AS rank
     WITH hits[rank][0] AS node, hits[rank][1] AS score, rank
     WITH node, score, rank, split(node.searchKeys, ' ') AS keys
     WITH node, score, rank, ${MATCH_TIER} AS tier
     ORDER BY tier, rank
     LIMIT $first
     RETURN ${projection.cypher} AS concept, score`,
    {
      index: FULLTEXT_INDEX,
      query,
      key: searchKey(text),
      first: neo4j.int(first),
      candidates: neo4j.int(Math.max(first * CANDIDATES, 20)),
    },
  );
  return records.map((r) => ({ selected: projection.read(r.get('concept')), score: Number(r.get('score')) }));
}
