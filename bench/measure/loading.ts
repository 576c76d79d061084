/**
 * 4. Loading: the batched, atomic loader (`syncGraph`) vs a naive import that writes one row per
 * transaction, on the same sample; then the loader's batch-size sweep.
 */

import { searchKeysOf } from '../../src/domain.ts';
import type { GraphData } from '../../src/loader/data-files.ts';
import { DEFAULT_BATCH_SIZE, syncGraph } from '../../src/loader/sync.ts';
import { clearGraph, syntheticBatches } from '../../src/loader/synthetic.ts';
import type { Database } from '../../src/neo4j/database.ts';
import { ensureGraphSchema } from '../../src/neo4j/graph-schema.ts';
import { round } from '../lib/stats.ts';

export interface LoadRow {
  method: string;
  batchSize: number | null;
  seconds: number;
  relationshipsPerSecond: number;
  transactions: number;
}

export interface LoadingResult {
  sample: { concepts: number; relationships: number; chapters: number };
  rows: LoadRow[];
  /** The batch size the speedup is taken at (the loader's default, when the sweep has it). */
  referenceBatchSize?: number;
  /** Batched (the loader's default batch size) relationships/s over naive relationships/s. */
  speedup: number;
}

/** A synthetic sample as the loader's input (what `data/` files validate into). */
export function syntheticSample(concepts: number, seed = 7): GraphData {
  const source = { file: 'synthetic' };
  const data: GraphData = {
    chapters: Array.from({ length: 16 }, (_, i) => ({
      number: i + 1,
      title: `Synthetic chapter ${i + 1}`,
      summary: 'Generated.',
      source,
    })),
    concepts: [],
    relations: [],
  };
  for (const batch of syntheticBatches({ concepts, seed })) {
    for (const c of batch.concepts)
      data.concepts.push({
        slug: c.slug,
        name: c.name,
        kind: c.kind ?? 'CONCEPT',
        summary: c.summary,
        aliases: [],
        tags: ['synthetic'],
        chapters: c.chapters,
        background: false,
        estimatedMinutes: null,
        source,
      });
    for (const [type, rows] of batch.relations)
      for (const r of rows)
        data.relations.push({ type, from: r.from, to: r.to, note: 'synthetic', chapter: null, source });
  }
  return data;
}

/** What a first import script looks like: every chapter, concept and relationship in its own transaction. */
async function naiveImport(db: Database, data: GraphData): Promise<number> {
  let transactions = 0;
  for (const ch of data.chapters) {
    await db.write('MERGE (ch:Chapter {number: $number}) SET ch.title = $title, ch.summary = $summary', {
      number: ch.number,
      title: ch.title,
      summary: ch.summary,
    });
    transactions += 1;
  }
  for (const c of data.concepts) {
    await db.write(
      `MERGE (c:Concept {slug: $slug})
       SET c.name = $name, c.sortName = toLower($name), c.kind = $kind, c.summary = $summary,
           c.aliases = $aliases, c.aliasText = '', c.searchKeys = $searchKeys, c.tags = $tags, c.chapters = $chapters,
           c.firstChapter = $chapters[0], c.background = $background
       WITH c MATCH (ch:Chapter) WHERE ch.number IN $chapters MERGE (c)-[:COVERED_IN]->(ch)`,
      { ...c, searchKeys: searchKeysOf(c), source: undefined },
    );
    transactions += 1;
  }
  for (const r of data.relations) {
    // `r.type` comes from the generator's whitelist.
    await db.write(
      `MATCH (a:Concept {slug: $from}) MATCH (b:Concept {slug: $to})
       MERGE (a)-[rel:${r.type}]->(b) SET rel.note = $note, rel.chapter = $chapter`,
      { from: r.from, to: r.to, note: r.note, chapter: r.chapter },
    );
    transactions += 1;
  }
  return transactions;
}

const BATCHED_RUNS = 3;

export async function measureLoading(
  db: Database,
  sampleConcepts: number,
  batchSizes: number[],
  log: (line: string) => void,
): Promise<LoadingResult> {
  const data = syntheticSample(sampleConcepts);
  const relationships = data.relations.length;
  const rows: LoadRow[] = [];
  await clearGraph(db);
  await ensureGraphSchema(db);

  log(`loading: naive import of ${data.concepts.length} concepts, ${relationships} relationships`);
  let started = performance.now();
  const transactions = await naiveImport(db, data);
  let seconds = (performance.now() - started) / 1000;
  rows.push({
    method: 'naive (one row per transaction)',
    batchSize: null,
    seconds: round(seconds),
    relationshipsPerSecond: Math.round(relationships / seconds),
    transactions,
  });
  log(`  ${rows[0]?.relationshipsPerSecond} relationships/s`);

  // One untimed load first, so that every query shape of the loader is planned and compiled
  // (the naive import plans each of its few shapes on its first row, a negligible part of it).
  await clearGraph(db);
  await syncGraph(db, data, { batchSize: batchSizes[0] });
  for (const batchSize of batchSizes) {
    // One batched load takes about a second: the median of three, so one hiccup does not decide it.
    const times: number[] = [];
    for (let run = 0; run < BATCHED_RUNS; run++) {
      await clearGraph(db);
      started = performance.now();
      await syncGraph(db, data, { batchSize });
      times.push((performance.now() - started) / 1000);
    }
    seconds = times.sort((x, y) => x - y)[Math.floor(BATCHED_RUNS / 2)] as number;
    rows.push({
      method: 'batched loader (syncGraph, one transaction)',
      batchSize,
      seconds: round(seconds),
      relationshipsPerSecond: Math.round(relationships / seconds),
      transactions: 1,
    });
    log(`  batch ${batchSize}: ${rows.at(-1)?.relationshipsPerSecond} relationships/s`);
  }
  const naive = rows[0] as LoadRow;
  const reference = rows.find((r) => r.batchSize === DEFAULT_BATCH_SIZE) ?? (rows[1] as LoadRow);
  return {
    sample: { concepts: data.concepts.length, relationships, chapters: data.chapters.length },
    rows,
    referenceBatchSize: reference.batchSize ?? undefined,
    speedup: round(reference.relationshipsPerSecond / naive.relationshipsPerSecond, 1),
  };
}
