/**
 * 4. Scale: the curated graph and a synthetic graph of each size are loaded (timed), then every
 * bounded traversal runs from a sample of start concepts — random ones and the hubs — through the
 * data-access functions the API calls (one query each). Each start is run once to warm up, then
 * measured `repeats` times.
 */
import { resolve } from 'node:path';
import neo4j from 'neo4j-driver';
import { RELATION_TYPE_NAMES } from '../../src/domain.ts';
import { planInputs } from '../../src/graph/learning.ts';
import { closure, neighborhood, shortestPath } from '../../src/graph/traversals.ts';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { syncGraph } from '../../src/loader/sync.ts';
import { clearGraph, loadSyntheticGraph, mulberry32, syntheticSlug } from '../../src/loader/synthetic.ts';
import type { Database } from '../../src/neo4j/database.ts';
import { buildPlan } from '../../src/service/learning-plan.ts';
import { type LatencySummary, round, summarize } from '../lib/stats.ts';

export const TRAVERSALS = ['prerequisites', 'impact', 'neighborhood', 'path', 'learning'] as const;
export type Traversal = (typeof TRAVERSALS)[number];

export const TRAVERSAL_TITLES: Record<Traversal, string> = {
  prerequisites: 'prerequisites (depth 10, limit 500)',
  impact: 'impact (depth 5, limit 500)',
  neighborhood: 'neighbourhood (depth 2, limit 500)',
  path: 'shortest path (≤ 8, all types, both ways)',
  learning: 'learning path (one goal)',
};

export interface TraversalStats extends LatencySummary {
  /** p95 over the random starts only, and over the hubs only. */
  randomP95: number;
  hubP95: number;
  errors: number;
  /** Mean number of concepts returned. */
  meanSize: number;
}

export interface ScaleRow {
  /** `curated`, or the synthetic graph's size. */
  graph: string;
  concepts: number;
  relationships: number;
  loadSeconds: number;
  relationshipsPerSecond: number;
  starts: { random: number; hubs: string[] };
  traversals: Record<Traversal, TraversalStats>;
}

const ALL_TYPES = [...RELATION_TYPE_NAMES];

async function run(db: Database, traversal: Traversal, start: string, other: string): Promise<number> {
  switch (traversal) {
    case 'prerequisites':
      return (
        await closure(db, start, { types: ['REQUIRES'], direction: 'OUTGOING', maxDepth: 10, limit: 500 })
      ).reached.length;
    case 'impact':
      return (
        await closure(db, start, {
          types: ['REQUIRES', 'DEPENDS_ON'],
          direction: 'INCOMING',
          maxDepth: 5,
          limit: 500,
        })
      ).reached.length;
    case 'neighborhood':
      return (await neighborhood(db, start, { types: ALL_TYPES, depth: 2, limit: 500, exclude: [] })).nodes
        .length;
    case 'path':
      return (
        (await shortestPath(db, start, other, { types: ALL_TYPES, direction: 'BOTH', maxLength: 8 })).path
          ?.nodes.length ?? 0
      );
    case 'learning':
      return buildPlan(await planInputs(db, [start], []), [start]).steps.length;
  }
}

/**
 * The `count` concepts with the most relationships: among the oldest ones of a synthetic graph
 * (the generator's hubs), among all of the curated one.
 */
async function findHubs(db: Database, graph: 'curated' | number, count: number): Promise<string[]> {
  const { records } = await db.read(
    `MATCH (c:Concept) WHERE $slugs IS NULL OR c.slug IN $slugs
     WITH c, COUNT { (c)-[]-(:Concept) } AS degree ORDER BY degree DESC, c.slug LIMIT $count
     RETURN c.slug AS slug`,
    {
      slugs: graph === 'curated' ? null : Array.from({ length: 50 }, (_, i) => syntheticSlug(i)),
      count: neo4j.int(count),
    },
  );
  return records.map((r) => String(r.get('slug')));
}

export interface LoadedGraph {
  concepts: number;
  relationships: number;
  seconds: number;
}

/** Replaces the graph with the curated data (`data/`, through the loader) or a synthetic graph of `graph` concepts. */
export async function loadGraph(
  db: Database,
  graph: 'curated' | number,
  log: (line: string) => void,
  batchSize?: number,
): Promise<LoadedGraph> {
  if (graph === 'curated') {
    log('loading the curated graph (data/)');
    const checked = readAndValidate(resolve('data'));
    if (checked.errors.length > 0)
      throw new Error(`data/ is invalid (${checked.errors.length} problems): run npm run load -- --check`);
    await clearGraph(db);
    const started = performance.now();
    await syncGraph(db, checked.data);
    const seconds = (performance.now() - started) / 1000;
    const { records } = await db.read(
      'MATCH (c:Concept) RETURN count(c) AS concepts, COUNT { MATCH (:Concept)-[r]->(:Concept) } AS relationships',
    );
    const concepts = Number(records[0]?.get('concepts'));
    const relationships = Number(records[0]?.get('relationships'));
    log(`  loaded in ${seconds.toFixed(1)} s (${concepts} concepts, ${relationships} relationships)`);
    return { concepts, relationships, seconds };
  }
  log(`loading a synthetic graph of ${graph.toLocaleString('en')} concepts`);
  const report = await loadSyntheticGraph(db, {
    concepts: graph,
    seed: 42,
    batchSize,
    onProgress: (line) => log(`  ${line.trim()}`),
  });
  log(`  loaded in ${(report.ms / 1000).toFixed(1)} s (${report.relations} relationships)`);
  return { concepts: report.concepts, relationships: report.relations, seconds: report.ms / 1000 };
}

/** Every concept's slug, for random starts on the curated graph. */
async function allSlugs(db: Database): Promise<string[]> {
  const { records } = await db.read('MATCH (c:Concept) RETURN c.slug AS slug ORDER BY slug');
  return records.map((r) => String(r.get('slug')));
}

export interface ScaleSettings {
  randomStarts: number;
  hubs: number;
  repeats: number;
}

/** Traversal latency on the graph `loadGraph` loaded. */
export async function measureScale(
  db: Database,
  graph: 'curated' | number,
  loaded: LoadedGraph,
  settings: ScaleSettings,
  log: (line: string) => void,
): Promise<ScaleRow> {
  const size = loaded.concepts;
  const random = mulberry32(size);
  const slugs = graph === 'curated' ? await allSlugs(db) : undefined;
  const randomStarts = Array.from({ length: settings.randomStarts }, () => {
    const i = Math.floor(random() * size);
    return slugs ? (slugs[i % slugs.length] as string) : syntheticSlug(i);
  });
  const hubs = await findHubs(db, graph, settings.hubs);
  const starts = [
    ...randomStarts.map((slug) => ({ slug, hub: false })),
    ...hubs.map((slug) => ({ slug, hub: true })),
  ];
  const traversals = {} as Record<Traversal, TraversalStats>;
  for (const traversal of TRAVERSALS) {
    const all: number[] = [];
    const byRandom: number[] = [];
    const byHub: number[] = [];
    let errors = 0;
    let sizes = 0;
    for (const [i, start] of starts.entries()) {
      // Paths go from each start to a random concept.
      const other = randomStarts[(i + 1) % randomStarts.length] as string;
      for (let r = 0; r <= settings.repeats; r++) {
        const t0 = performance.now();
        try {
          const found = await run(db, traversal, start.slug, other);
          const ms = performance.now() - t0;
          if (r === 0) continue; // warm-up run of this start
          sizes += found;
          all.push(ms);
          (start.hub ? byHub : byRandom).push(ms);
        } catch (error) {
          errors += 1;
          log(
            `  ${traversal} from ${start.slug} failed: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
          );
          break;
        }
      }
    }
    traversals[traversal] = {
      ...summarize(all),
      randomP95: summarize(byRandom).p95,
      hubP95: byHub.length ? summarize(byHub).p95 : Number.NaN,
      errors,
      meanSize: round(sizes / Math.max(1, all.length), 1),
    };
    const s = traversals[traversal];
    log(`  ${traversal}: p50 ${s.p50} ms, p95 ${s.p95} ms (hubs p95 ${s.hubP95} ms), ${errors} errors`);
  }
  return {
    graph: String(graph),
    concepts: loaded.concepts,
    relationships: loaded.relationships,
    loadSeconds: round(loaded.seconds, 1),
    relationshipsPerSecond: Math.round(loaded.relationships / loaded.seconds),
    starts: { random: randomStarts.length, hubs },
    traversals,
  };
}
