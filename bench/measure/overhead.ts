/**
 * 1. API overhead: each benchmark query as a GraphQL request over HTTP to our server (its own
 * process) vs the raw driver running the same Cypher in this process. The Cypher is what our
 * resolvers send, recorded once, then replayed with `driver.executeQuery` — the driver's own
 * one-call API — and its records left unconverted. A third side, our data-access functions called
 * in this process (the same Cypher through `Database`, results converted), shows how much of the
 * difference is HTTP + GraphQL and how much is the driver call. Latency at concurrency 1 (own
 * timer: sub-millisecond) and throughput at a fixed concurrency (autocannon for HTTP).
 */
import neo4j from 'neo4j-driver';
import { Database, type Params } from '../../src/neo4j/database.ts';
import { interleave, medianOf, medianRatio, totalErrors } from '../lib/interleave.ts';
import { cannon, concurrent, postGraphQL, sequential } from '../lib/load.ts';
import type { BenchQuery } from '../queries.ts';

export interface OverheadRow {
  id: string;
  title: string;
  traversal: boolean;
  /** Bolt queries one request sends (replayed in the same order on the raw side). */
  queries: number;
  apiP50: number;
  rawP50: number;
  /** Our data-access functions, in this process. */
  layerP50: number;
  apiP99: number;
  rawP99: number;
  /** Median of per-window api/raw p50 ratios. */
  p50Ratio: number;
  p99Ratio: number;
  /** Median of per-window api/data-layer p50 ratios: what HTTP + GraphQL add. */
  layerRatio: number;
  apiRps: number;
  rawRps: number;
  /** Median of per-window api/raw throughput ratios. */
  rpsRatio: number;
  errors: number;
}

export interface OverheadSettings {
  windows: number;
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
}

/** A Database that remembers every read it is asked for. */
class RecordingDatabase extends Database {
  readonly sent: { cypher: string; params: Params }[] = [];
  override read: Database['read'] = (cypher, params = {}) => {
    this.sent.push({ cypher, params });
    return super.read(cypher, params);
  };
}

/** The Cypher (and parameters) `query.raw` sends, in order. */
async function recordCypher(uri: string, query: BenchQuery) {
  const recorder = new RecordingDatabase({ uri, database: 'neo4j', queryTimeoutMs: 60_000 });
  try {
    await query.raw(recorder);
    return recorder.sent;
  } finally {
    await recorder.close();
  }
}

export async function measureOverhead(
  db: Database,
  uri: string,
  serverUrl: string,
  queries: BenchQuery[],
  settings: OverheadSettings,
  log: (line: string) => void,
): Promise<OverheadRow[]> {
  const rows: OverheadRow[] = [];
  for (const query of queries) {
    const body = JSON.stringify(query.ours);
    await postGraphQL(serverUrl, body); // fails loudly if the request itself is wrong
    const sent = await recordCypher(uri, query);
    const api = () => postGraphQL(serverUrl, body);
    const raw = async () => {
      for (const { cypher, params } of sent)
        await db.driver.executeQuery(cypher, params, { database: db.name, routing: neo4j.routing.READ });
    };
    const layer = () => query.raw(db);
    const warm = async () => {
      for (const call of [api, raw, layer]) await sequential(call, settings.warmupSeconds);
    };
    log(`overhead: ${query.title} — latency at concurrency 1`);
    const latency = await interleave(
      settings.windows,
      warm,
      () => sequential(api, settings.seconds),
      () => sequential(raw, settings.seconds),
      () => sequential(layer, settings.seconds),
    );
    log(`overhead: ${query.title} — throughput at concurrency ${settings.concurrency}`);
    const throughput = await interleave(
      settings.windows,
      async () => {},
      () => cannon(serverUrl, body, settings.concurrency, settings.seconds),
      () => concurrent(raw, settings.concurrency, settings.seconds),
    );
    const row: OverheadRow = {
      id: query.id,
      title: query.title,
      traversal: query.traversal,
      queries: sent.length,
      apiP50: medianOf(latency.a, (w) => w.p50),
      rawP50: medianOf(latency.b, (w) => w.p50),
      layerP50: medianOf(latency.c, (w) => w.p50),
      apiP99: medianOf(latency.a, (w) => w.p99),
      rawP99: medianOf(latency.b, (w) => w.p99),
      p50Ratio: medianRatio(latency.a, latency.b, (w) => w.p50),
      p99Ratio: medianRatio(latency.a, latency.b, (w) => w.p99),
      layerRatio: medianRatio(latency.a, latency.c, (w) => w.p50),
      apiRps: medianOf(throughput.a, (w) => w.rps),
      rawRps: medianOf(throughput.b, (w) => w.rps),
      rpsRatio: medianRatio(throughput.a, throughput.b, (w) => w.rps),
      errors: totalErrors(latency) + totalErrors(throughput),
    };
    log(
      `  p50 ${row.apiP50} ms vs raw ${row.rawP50} ms (×${row.p50Ratio}) vs data layer ${row.layerP50} ms (×${row.layerRatio}), ` +
        `${row.apiRps} vs ${row.rawRps} req/s (×${row.rpsRatio})`,
    );
    rows.push(row);
  }
  return rows;
}
