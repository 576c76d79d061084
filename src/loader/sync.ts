/**
 * Writes validated graph data into Neo4j as a sync: afterwards the database holds exactly what the
 * files say (entries removed from the files are removed from the graph). Everything happens in
 * ONE explicit transaction, batched with UNWIND, so a failure at any point rolls back to the graph
 * as it was before the load.
 */
import { createHash } from 'node:crypto';
import { ancestorCounts } from '../digraph.ts';
import { RELATION_TYPE_NAMES, searchKeysOf } from '../domain.ts';
import type { Database } from '../neo4j/database.ts';
import { ensureGraphSchema } from '../neo4j/graph-schema.ts';
import type { GraphData } from './data-files.ts';

/**
 * Rows per UNWIND batch; the whole load is one transaction either way. In the benchmark's sweep
 * (docs/benchmarks.md, section 4) 1,000- and 5,000-row batches load a 1,000-concept sample equally
 * fast and 10 or 100 rows 2-3× slower; the larger size sends fewer queries on big loads.
 */
export const DEFAULT_BATCH_SIZE = 5_000;

export interface SyncOptions {
  batchSize?: number;
  onProgress?: (message: string) => void;
  /** Fault injection for tests: throw after this many batches have been written. */
  failAfterBatches?: number;
  /** Transaction timeout for the whole load, in milliseconds. */
  timeoutMs?: number;
}

export interface SyncReport {
  chapters: number;
  concepts: number;
  relations: number;
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
  checksum: string;
  ms: number;
}

export class InjectedFault extends Error {
  override name = 'InjectedFault';
}

/** Compares strings by UTF-16 code units, the same on every machine and locale. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stable digest of the graph's content, stored in the database to compare loads. */
export function contentChecksum(data: GraphData): string {
  const hash = createHash('sha256');
  // Plain code-unit order: `localeCompare` depends on the machine's locale and ICU version, and
  // the same files must give the same checksum everywhere.
  const concepts = [...data.concepts].sort((a, b) => byCodeUnits(a.slug, b.slug));
  for (const c of concepts)
    hash.update(
      JSON.stringify([
        c.slug,
        c.name,
        c.kind,
        c.summary,
        c.aliases,
        c.tags,
        c.chapters,
        c.background,
        c.estimatedMinutes,
      ]),
    );
  const relations = data.relations
    .map((r) => JSON.stringify([r.from, r.type, r.to, r.note, r.chapter]))
    .sort(byCodeUnits);
  for (const r of relations) hash.update(r);
  for (const ch of [...data.chapters].sort((a, b) => a.number - b.number))
    hash.update(JSON.stringify([ch.number, ch.title, ch.summary]));
  return hash.digest('hex').slice(0, 16);
}

function batches<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function syncGraph(
  db: Database,
  data: GraphData,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => {});
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report: SyncReport = {
    chapters: data.chapters.length,
    concepts: data.concepts.length,
    relations: data.relations.length,
    nodesCreated: 0,
    nodesDeleted: 0,
    relationshipsCreated: 0,
    relationshipsDeleted: 0,
    propertiesSet: 0,
    checksum: contentChecksum(data),
    ms: 0,
  };

  progress('ensuring constraints and indexes');
  await ensureGraphSchema(db);

  let batchesWritten = 0;
  await db.inWriteTransaction(async (runInTx) => {
    const run = async (cypher: string, params: Record<string, unknown>) => {
      const result = await runInTx(cypher, params);
      const counters = result.summary.counters.updates();
      report.nodesCreated += counters.nodesCreated;
      report.nodesDeleted += counters.nodesDeleted;
      report.relationshipsCreated += counters.relationshipsCreated;
      report.relationshipsDeleted += counters.relationshipsDeleted;
      report.propertiesSet += counters.propertiesSet;
    };
    const runBatches = async <T>(label: string, rows: T[], cypher: string) => {
      const all = batches(rows, batchSize);
      for (const [index, rowsOfBatch] of all.entries()) {
        await run(cypher, { rows: rowsOfBatch });
        batchesWritten += 1;
        if (options.failAfterBatches !== undefined && batchesWritten >= options.failAfterBatches) {
          throw new InjectedFault(`injected failure after ${batchesWritten} batches`);
        }
        if (all.length > 1) progress(`  ${label}: batch ${index + 1}/${all.length}`);
      }
    };

    // A first load (nothing stored yet) has nothing to remove: it skips the removal scans.
    const stored = await runInTx('RETURN COUNT { (:Concept) } + COUNT { (:Chapter) } AS nodes');
    const firstLoad = Number(stored.records[0]?.get('nodes') ?? 0) === 0;

    progress(`writing ${data.chapters.length} chapters`);
    await runBatches(
      'chapters',
      data.chapters.map(({ number, title, summary }) => ({ number, title, summary })),
      `UNWIND $rows AS row
       MERGE (ch:Chapter {number: row.number})
       SET ch.title = row.title, ch.summary = row.summary`,
    );

    // The bottleneck score: how many concepts transitively REQUIRE or DEPEND_ON each one.
    const bottleneck = ancestorCounts(
      data.concepts.map((c) => c.slug),
      data.relations.filter((r) => r.type === 'REQUIRES' || r.type === 'DEPENDS_ON'),
    );
    progress(`writing ${data.concepts.length} concepts`);
    await runBatches(
      'concepts',
      data.concepts.map((c) => ({
        slug: c.slug,
        name: c.name,
        sortName: c.name.toLowerCase(),
        kind: c.kind,
        summary: c.summary,
        aliases: c.aliases,
        aliasText: c.aliases.join(' ; '),
        searchKeys: searchKeysOf(c),
        tags: c.tags,
        chapters: c.chapters,
        firstChapter: c.chapters[0] ?? null,
        background: c.background,
        estimatedMinutes: c.estimatedMinutes,
        bottleneck: bottleneck.get(c.slug) ?? 0,
      })),
      `UNWIND $rows AS row
       MERGE (c:Concept {slug: row.slug})
       SET c.name = row.name, c.sortName = row.sortName, c.kind = row.kind, c.summary = row.summary,
           c.aliases = row.aliases, c.aliasText = row.aliasText, c.searchKeys = row.searchKeys, c.tags = row.tags,
           c.chapters = row.chapters, c.firstChapter = row.firstChapter, c.background = row.background,
           c.estimatedMinutes = row.estimatedMinutes, c.bottleneck = row.bottleneck
       WITH c, row
       MATCH (ch:Chapter) WHERE ch.number IN row.chapters
       MERGE (c)-[:COVERED_IN]->(ch)`,
    );

    if (!firstLoad) {
      progress('removing concepts, chapters and chapter links no longer in the files');
      await run('MATCH (c:Concept) WHERE NOT c.slug IN $slugs DETACH DELETE c', {
        slugs: data.concepts.map((c) => c.slug),
      });
      await run('MATCH (ch:Chapter) WHERE NOT ch.number IN $numbers DETACH DELETE ch', {
        numbers: data.chapters.map((ch) => ch.number),
      });
      await run(
        'MATCH (c:Concept)-[r:COVERED_IN]->(ch:Chapter) WHERE NOT ch.number IN c.chapters DELETE r',
        {},
      );
    }

    for (const type of RELATION_TYPE_NAMES) {
      const rows = data.relations
        .filter((r) => r.type === type)
        .map((r) => ({ from: r.from, to: r.to, note: r.note, chapter: r.chapter }));
      if (rows.length === 0) continue;
      progress(`writing ${rows.length} ${type} relationships`);
      // `type` comes from the RELATION_TYPES whitelist, never from input.
      await runBatches(
        type,
        rows,
        `UNWIND $rows AS row
         MATCH (a:Concept {slug: row.from})
         MATCH (b:Concept {slug: row.to})
         MERGE (a)-[r:${type}]->(b)
         SET r.note = row.note, r.chapter = row.chapter`,
      );
    }

    if (!firstLoad) {
      progress('removing relationships no longer in the files');
      const keys = data.relations.map((r) => `${r.from}|${r.type}|${r.to}`);
      await run(
        `MATCH (a:Concept)-[r]->(b:Concept)
         WHERE NOT a.slug + '|' + type(r) + '|' + b.slug IN $keys
         DELETE r`,
        { keys },
      );
    }

    await run(
      `MERGE (m:GraphMeta {id: 'graph'})
       SET m.checksum = $checksum, m.loadedAt = datetime(), m.concepts = $concepts, m.relations = $relations`,
      { checksum: report.checksum, concepts: report.concepts, relations: report.relations },
    );

    progress('committing');
  }, options.timeoutMs ?? 300_000);
  report.ms = Date.now() - started;
  return report;
}
