/** Lookups of concepts by slug, and the suggestions offered for a slug that does not exist. */

import neo4j from 'neo4j-driver';
import type { Reader } from '../neo4j/database.ts';
import { FULLTEXT_INDEX } from '../neo4j/graph-schema.ts';
import { conceptProjection, type StoredConcept, toConcept } from './records.ts';
import { luceneQuery } from './search.ts';
import { type ConceptSelection, type SelectedConcept, selectionProjection } from './selection.ts';

/** The concepts with these slugs, in the order asked; `undefined` where a slug is unknown. */
export async function findConceptsBySlugs(
  db: Reader,
  slugs: readonly string[],
): Promise<(StoredConcept | undefined)[]> {
  const { records } = await db.read(
    `UNWIND $slugs AS slug
     MATCH (c:Concept {slug: slug})
     RETURN ${conceptProjection('c')} AS concept`,
    { slugs: [...new Set(slugs)] },
  );
  const bySlug = new Map(
    records.map((r) => {
      const concept = toConcept(r.get('concept'));
      return [concept.slug, concept] as const;
    }),
  );
  return slugs.map((slug) => bySlug.get(slug));
}

/** The concepts with these slugs as `selection` reads them, in the order asked; `undefined` where a slug is unknown. */
export async function findSelectedConcepts(
  db: Reader,
  slugs: readonly string[],
  selection: ConceptSelection,
): Promise<(SelectedConcept | undefined)[]> {
  const projection = selectionProjection('c', selection);
  const { records } = await db.read(
    `UNWIND $slugs AS slug
     MATCH (c:Concept {slug: slug})
     RETURN ${projection.cypher} AS selected`,
    { slugs: [...new Set(slugs)] },
  );
  const bySlug = new Map(
    records.map((r) => {
      const selected = projection.read(r.get('selected'));
      return [selected.row.slug, selected] as const;
    }),
  );
  return slugs.map((slug) => bySlug.get(slug));
}

/**
 * Up to `limit` existing slugs that look like each of `slugs` (full-text fuzzy match on its
 * words), for all of them in ONE query: a request naming many unknown slugs costs one read.
 */
export async function suggestSlugs(
  db: Reader,
  slugs: readonly string[],
  limit = 3,
): Promise<Map<string, string[]>> {
  const searches = slugs
    .map((slug) => ({ slug, query: luceneQuery(slug.replace(/[-_]+/g, ' ')) }))
    .filter((search) => search.query !== '');
  const suggestions = new Map<string, string[]>(slugs.map((slug) => [slug, []]));
  if (searches.length === 0) return suggestions;
  const { records } = await db.read(
    `UNWIND $searches AS search
     CALL (search) {
       CALL db.index.fulltext.queryNodes($index, search.query, {limit: $limit}) YIELD node
       RETURN collect(node.slug) AS similar
     }
     RETURN search.slug AS slug, similar`,
    { index: FULLTEXT_INDEX, searches, limit: neo4j.int(limit) },
  );
  for (const record of records)
    suggestions.set(String(record.get('slug')), (record.get('similar') as unknown[]).map(String));
  return suggestions;
}
