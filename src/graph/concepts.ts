/** Lookups of concepts by slug, and the suggestions offered for a slug that does not exist. */

import { FULLTEXT_INDEX } from '../loader/graph-schema.ts';
import type { Database } from '../neo4j/database.ts';
import { conceptProjection, type StoredConcept, toConcept } from './records.ts';
import { luceneQuery } from './search.ts';

/** The concepts with these slugs, in the order asked; `undefined` where a slug is unknown. */
export async function findConceptsBySlugs(
  db: Database,
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

/** Up to `limit` existing slugs that look like `slug` (full-text fuzzy match on its words). */
export async function suggestSlugs(db: Database, slug: string, limit = 3): Promise<string[]> {
  const query = luceneQuery(slug.replace(/[-_]+/g, ' '));
  if (!query) return [];
  const { records } = await db.read(
    `CALL db.index.fulltext.queryNodes($index, $query, {limit: $limit}) YIELD node
     RETURN node.slug AS slug`,
    { index: FULLTEXT_INDEX, query, limit },
  );
  return records.map((r) => String(r.get('slug')));
}
