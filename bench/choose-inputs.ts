/** Picks what the API shapes start from on the loaded graph: fixed concepts on the curated graph, found ones on a synthetic graph. */
import { searchKey } from '../src/domain.ts';
import { luceneQuery } from '../src/graph/search.ts';
import { syntheticSlug } from '../src/loader/synthetic.ts';
import type { Database } from '../src/neo4j/database.ts';
import type { ShapeInputs } from './shapes.ts';

/** On the curated graph: the shim (every list non-empty), overlay networking (the brief's question), containerd. */
const CURATED = { concept: 'containerd-shim', deep: 'overlay-driver', searchText: 'containerd' };

/** Every list the neighbour shapes ask for holds something, and the concept is no hub. */
const ORDINARY = `COUNT { (c)-[:REQUIRES]->() } > 0 AND COUNT { (c)<-[:REQUIRES]-() } > 0
  AND COUNT { (c)-[:DEPENDS_ON]->() } > 0 AND COUNT { (c)<-[:DEPENDS_ON]-() } > 0 AND COUNT { (c)--() } <= 30`;
/** A closure deep enough to be a traversal, small enough not to be truncated at the limit (500). */
const DEEP =
  'COUNT { MATCH (c)-[:REQUIRES|IS_A*1..10]->(x) RETURN DISTINCT x } >= 20 AND COUNT { MATCH (c)-[:REQUIRES|IS_A*1..10]->(x) RETURN DISTINCT x } <= 400';

async function firstMatching(db: Database, candidates: string[], condition: string): Promise<string> {
  const { records } = await db.read(
    `UNWIND $candidates AS slug MATCH (c:Concept {slug: slug}) WHERE ${condition} RETURN c.slug AS slug LIMIT 1`,
    { candidates },
  );
  const found = records[0]?.get('slug');
  if (!found) throw new Error(`no concept among ${candidates[0]}… satisfies ${condition}`);
  return String(found);
}

const range = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => syntheticSlug(Math.max(0, from + i)));

export async function chooseInputs(db: Database, graph: 'curated' | number): Promise<ShapeInputs> {
  let picked: { concept: string; deep: string; searchText: string };
  if (graph === 'curated') {
    await firstMatching(db, [CURATED.concept], ORDINARY);
    await firstMatching(db, [CURATED.deep], DEEP);
    picked = CURATED;
  } else {
    const concept = await firstMatching(db, range(Math.floor(graph / 2), 2000), ORDINARY);
    // The youngest concepts have the deepest closures; walk back until one fits under the limit.
    let deep: string | undefined;
    for (let from = graph - 200; from > 0 && !deep; from -= Math.max(200, Math.floor(graph / 20))) {
      deep = await firstMatching(db, range(from, 200).reverse(), DEEP).catch(() => undefined);
    }
    if (!deep)
      throw new Error(`no concept of the ${graph}-concept graph has a prerequisite closure of 20-400`);
    const { records } = await db.read('MATCH (c:Concept {slug: $slug}) RETURN c.name AS name', {
      slug: concept,
    });
    picked = { concept, deep, searchText: String(records[0]?.get('name')) };
  }
  return { ...picked, lucene: { query: luceneQuery(picked.searchText), key: searchKey(picked.searchText) } };
}
