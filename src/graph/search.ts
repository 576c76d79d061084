/**
 * Full-text search over names, aliases and summaries. User text never reaches Lucene as syntax:
 * it is split into plain terms (letters and digits only), each searched exactly (boosted), as a
 * prefix and fuzzily, so "containrd" still finds containerd. The whole text, reduced to its search
 * key, is also matched against each concept's keys (name, slug, aliases: see `searchKey`), so that
 * the concept a user names comes back; the final order is exact name, slug or alias first, then
 * names that start with the text, then the rest, each by Lucene's score.
 */
import neo4j from 'neo4j-driver';
import { searchKey } from '../domain.ts';
import type { Reader } from '../neo4j/database.ts';
import { FULLTEXT_INDEX } from '../neo4j/graph-schema.ts';
import { conceptProjection, type StoredConcept, toConcept } from './records.ts';

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

/** How a concept matches the searched text: 0 exact name/slug/alias, 1 name prefix, 2 otherwise. */
export function matchTier(concept: Pick<StoredConcept, 'name' | 'slug' | 'aliases'>, text: string): number {
  const key = searchKey(text);
  const name = searchKey(concept.name);
  if (key === name || key === searchKey(concept.slug) || concept.aliases.some((a) => searchKey(a) === key))
    return 0;
  return name.startsWith(key) ? 1 : 2;
}

export interface SearchHit {
  concept: StoredConcept;
  score: number;
}

/** Lucene candidates read per hit asked for: room for the exact match to be re-ranked first. */
const CANDIDATES = 3;

export async function searchConcepts(db: Reader, text: string, first: number): Promise<SearchHit[]> {
  const query = luceneQuery(text);
  if (!query) return [];
  const { records } = await db.read(
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $candidates}) YIELD node, score
     RETURN ${conceptProjection('node')} AS concept, score`,
    { index: FULLTEXT_INDEX, query, candidates: neo4j.int(Math.max(first * CANDIDATES, 20)) },
  );
  return records
    .map((r, rank) => {
      const concept = toConcept(r.get('concept'));
      return { concept, score: Number(r.get('score')), tier: matchTier(concept, text), rank };
    })
    .sort((a, b) => a.tier - b.tier || a.rank - b.rank)
    .slice(0, first)
    .map(({ concept, score }) => ({ concept, score }));
}
