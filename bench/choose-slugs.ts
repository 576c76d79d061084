/** Picks the concepts the API benchmark queries start from, on a loaded synthetic graph. */
import { syntheticSlug } from '../src/loader/synthetic.ts';
import type { Database } from '../src/neo4j/database.ts';
import type { QuerySlugs } from './queries.ts';

async function firstMatching(
  db: Database,
  candidates: string[],
  condition: string,
  params: Record<string, unknown> = {},
): Promise<string> {
  const { records } = await db.read(
    `UNWIND $candidates AS slug MATCH (c:Concept {slug: slug}) WHERE ${condition} RETURN c.slug AS slug LIMIT 1`,
    { ...params, candidates },
  );
  const found = records[0]?.get('slug');
  if (!found) throw new Error(`no concept among ${candidates[0]}… satisfies ${condition}`);
  return String(found);
}

const range = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => syntheticSlug(Math.max(0, from + i)));

export async function chooseSlugs(db: Database, size: number): Promise<QuerySlugs> {
  // An ordinary concept: ~10 relationships, one of them to a hub, so 500 concepts lie within 2 hops.
  const concept = await firstMatching(
    db,
    range(Math.floor(size / 2), 500),
    `COUNT { (c)-[]-(:Concept) } >= 8 AND COUNT { (c)-[]-(:Concept) } <= 15
     AND COUNT { (c)-[]-(:Concept)-[]-(:Concept) } >= $twoHops`,
    { twoHops: Math.min(2000, Math.floor(size / 2)) },
  );
  // A young concept with a deep prerequisite closure.
  const deep = await firstMatching(
    db,
    range(size - 500, 500).reverse(),
    'COUNT { (c)-[:REQUIRES]->(:Concept) } >= 2 AND COUNT { (c)-[:REQUIRES]->(:Concept)-[:REQUIRES]->(:Concept)-[:REQUIRES]->(:Concept) } >= 4',
  );
  const { records } = await db.read(
    `MATCH (:Concept {slug: $deep})-[:REQUIRES]->(:Concept)-[:REQUIRES]->(k:Concept)
     RETURN DISTINCT k.slug AS slug LIMIT 2`,
    { deep },
  );
  const pathTo = await firstMatching(
    db,
    range(Math.floor(size / 3), 500),
    'COUNT { (c)-[]-(:Concept) } <= 6',
  );
  return {
    concept,
    deep,
    pathFrom: deep,
    pathTo,
    center: concept,
    known: records.map((r) => String(r.get('slug'))),
  };
}
