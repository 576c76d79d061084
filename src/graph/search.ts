/**
 * Full-text search over names, aliases and summaries. User text never reaches Lucene as syntax:
 * it is split into plain terms, each escaped, and searched exactly (boosted), as a prefix and
 * fuzzily, so "containrd" still finds containerd.
 */
import neo4j from 'neo4j-driver';
import type { Reader } from '../neo4j/database.ts';
import { FULLTEXT_INDEX } from '../neo4j/graph-schema.ts';
import { conceptProjection, type StoredConcept, toConcept } from './records.ts';

const MAX_TERMS = 8;
/** Longer terms are cut: no concept has a word this long, and Lucene refuses huge terms. */
const MAX_TERM_LENGTH = 40;

/** A safe Lucene query for free text, or '' when the text has no searchable term. */
export function luceneQuery(text: string): string {
  const terms = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length > 0)
    .slice(0, MAX_TERMS)
    .map((term) => term.slice(0, MAX_TERM_LENGTH));
  // Terms are letters and digits only, so no Lucene operator or escape can survive.
  return terms
    .map((term) => {
      const fuzzy = term.length >= 4 ? ` OR ${term}~` : '';
      return `(${term}^4 OR ${term}*^2${fuzzy})`;
    })
    .join(' ');
}

export interface SearchHit {
  concept: StoredConcept;
  score: number;
}

export async function searchConcepts(db: Reader, text: string, first: number): Promise<SearchHit[]> {
  const query = luceneQuery(text);
  if (!query) return [];
  const { records } = await db.read(
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $first}) YIELD node, score
     RETURN ${conceptProjection('node')} AS concept, score`,
    { index: FULLTEXT_INDEX, query, first: neo4j.int(first) },
  );
  return records.map((r) => ({ concept: toConcept(r.get('concept')), score: Number(r.get('score')) }));
}
