/**
 * A generated graph of any size for scale tests and benchmarks. Its shape imitates the curated
 * one: ~5 outgoing relationships per concept, every edge pointing from a newer concept to an older
 * one (so the acyclic types stay a DAG), targets drawn with a strong bias toward old concepts (a
 * few hubs with huge in-degree, most with few). Deterministic for a given seed. It is streamed in
 * batches, one transaction each: a scale load replaces the graph and is not atomic.
 */
import { CONCEPT_KIND_NAMES, type RelationType } from '../domain.ts';
import type { Database } from '../neo4j/database.ts';
import { ensureGraphSchema, FULLTEXT_INDEX } from '../neo4j/graph-schema.ts';

export interface SyntheticOptions {
  concepts: number;
  seed?: number;
  /** Mean outgoing relationships per concept. */
  degree?: number;
  batchSize?: number;
  onProgress?: (message: string) => void;
}

const TYPE_WEIGHTS: [RelationType, number][] = [
  ['REQUIRES', 0.35],
  ['DEPENDS_ON', 0.2],
  ['USES', 0.15],
  ['PART_OF', 0.1],
  ['RELATED_TO', 0.1],
  ['IMPLEMENTS', 0.05],
  ['MANAGES', 0.05],
];

/** A small seeded PRNG: the same seed gives the same graph (and the same benchmark samples). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const syntheticSlug = (i: number) => `syn-${i}`;

/** Concepts and outgoing relationships of concepts [start, end). */
export function* syntheticBatches(options: SyntheticOptions) {
  const random = mulberry32(options.seed ?? 42);
  const degree = options.degree ?? 5;
  const size = options.batchSize ?? 10_000;
  for (let start = 0; start < options.concepts; start += size) {
    const end = Math.min(options.concepts, start + size);
    const concepts = [];
    const relations = new Map<RelationType, { from: string; to: string }[]>();
    for (let i = start; i < end; i++) {
      const kind = CONCEPT_KIND_NAMES[Math.floor(random() * CONCEPT_KIND_NAMES.length)];
      const chapter = 1 + (i % 16);
      concepts.push({
        slug: syntheticSlug(i),
        name: `Synthetic concept ${i}`,
        sortName: `synthetic concept ${String(i).padStart(8, '0')}`,
        kind,
        summary: `Generated concept number ${i} of a synthetic graph used for scale tests.`,
        aliasText: '',
        searchKeys: `syntheticconcept${i} ${syntheticSlug(i).replace(/-/g, '')}`,
        chapters: [chapter],
        firstChapter: chapter,
      });
      if (i === 0) continue;
      const count = Math.min(i, Math.max(1, Math.round(degree * (0.4 + random() * 1.2))));
      const targets = new Set<number>();
      for (let k = 0; k < count * 2 && targets.size < count; k++) targets.add(Math.floor(i * random() ** 3));
      for (const target of targets) {
        let pick = random();
        let type: RelationType = 'RELATED_TO';
        for (const [candidate, weight] of TYPE_WEIGHTS) {
          if (pick < weight) {
            type = candidate;
            break;
          }
          pick -= weight;
        }
        const list = relations.get(type) ?? [];
        list.push({ from: syntheticSlug(i), to: syntheticSlug(target) });
        relations.set(type, list);
      }
    }
    yield { start, end, concepts, relations };
  }
}

/** Deletes every concept, chapter and the graph's metadata, in batches (any size of graph). */
export async function clearGraph(db: Database): Promise<void> {
  const session = db.driver.session({ database: db.name });
  try {
    await session.run(
      `MATCH (n) WHERE n:Concept OR n:Chapter OR n:GraphMeta
       CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
    );
  } finally {
    await session.close();
  }
}

/** Transaction timeout of one batch of a synthetic load. */
const BATCH_TIMEOUT_MS = 300_000;

export async function loadSyntheticGraph(db: Database, options: SyntheticOptions) {
  const started = Date.now();
  const progress = options.onProgress ?? (() => {});
  progress('removing the current graph');
  await clearGraph(db);
  await ensureGraphSchema(db);
  // Lucene would index every concept as it is written; building the full-text index once at the
  // end, from the finished graph, is several times cheaper (see docs/benchmarks.md).
  await db.write(`DROP INDEX ${FULLTEXT_INDEX} IF EXISTS`);
  await db.write(
    `UNWIND range(1, 16) AS number
     MERGE (ch:Chapter {number: number}) SET ch.title = 'Synthetic chapter ' + number, ch.summary = 'Generated.'`,
  );

  const batchSize = options.batchSize ?? 10_000;
  let relationCount = 0;
  for (const batch of syntheticBatches({ ...options, batchSize })) {
    // One transaction per batch: its concepts, then their relationships (to older concepts,
    // committed already or created just before in this transaction).
    await db.inWriteTransaction(async (run) => {
      await run(
        `UNWIND $rows AS row
           CREATE (c:Concept)
           SET c = row, c.aliases = [], c.tags = ['synthetic'], c.background = false
           WITH c, row
           MATCH (ch:Chapter {number: row.firstChapter})
           CREATE (c)-[:COVERED_IN]->(ch)`,
        { rows: batch.concepts },
      );
      for (const [type, rows] of batch.relations) {
        // `type` comes from the RELATION_TYPES whitelist.
        await run(
          `UNWIND $rows AS row
             MATCH (a:Concept {slug: row.from}) MATCH (b:Concept {slug: row.to})
             CREATE (a)-[:${type}]->(b)`,
          { rows },
        );
      }
    }, BATCH_TIMEOUT_MS);
    for (const rows of batch.relations.values()) relationCount += rows.length;
    const done = batch.end;
    if (done === options.concepts || (done / batchSize) % 10 === 0) {
      const rate = Math.round(relationCount / ((Date.now() - started) / 1000));
      progress(
        `  ${done}/${options.concepts} concepts, ${relationCount} relationships (${rate} relationships/s)`,
      );
    }
  }
  progress('building the full-text index');
  await ensureGraphSchema(db);
  await db.write(
    `MERGE (m:GraphMeta {id: 'graph'})
     SET m.checksum = $checksum, m.loadedAt = datetime(), m.concepts = $concepts, m.relations = $relations`,
    {
      checksum: `synthetic-${options.concepts}-${options.seed ?? 42}`,
      concepts: options.concepts,
      relations: relationCount,
    },
  );
  return { concepts: options.concepts, relations: relationCount, ms: Date.now() - started };
}
