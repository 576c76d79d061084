/**
 * 1. API overhead: each benchmark query as a GraphQL request over HTTP to our server (its own
 * process) vs the data-access functions its resolvers call, run with the raw driver in this process
 * — the same Cypher. Latency at concurrency 1 (own timer: sub-millisecond) and throughput at a
 * fixed concurrency (autocannon for HTTP).
 */
import type { Database } from '../../src/neo4j/database.ts';
import { interleave, medianOf, medianRatio, totalErrors } from '../lib/interleave.ts';
import { cannon, concurrent, postGraphQL, sequential } from '../lib/load.ts';
import type { BenchQuery } from '../queries.ts';

export interface OverheadRow {
  id: string;
  title: string;
  traversal: boolean;
  apiP50: number;
  rawP50: number;
  apiP99: number;
  rawP99: number;
  /** Median of per-window api/raw p50 ratios. */
  p50Ratio: number;
  p99Ratio: number;
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

export async function measureOverhead(
  db: Database,
  serverUrl: string,
  queries: BenchQuery[],
  settings: OverheadSettings,
  log: (line: string) => void,
): Promise<OverheadRow[]> {
  const rows: OverheadRow[] = [];
  for (const query of queries) {
    const body = JSON.stringify(query.ours);
    await postGraphQL(serverUrl, body); // fails loudly if the request itself is wrong
    const api = () => postGraphQL(serverUrl, body);
    const raw = () => query.raw(db);
    const warm = async () => {
      await sequential(api, settings.warmupSeconds);
      await sequential(raw, settings.warmupSeconds);
    };
    log(`overhead: ${query.title} — latency at concurrency 1`);
    const latency = await interleave(
      settings.windows,
      warm,
      () => sequential(api, settings.seconds),
      () => sequential(raw, settings.seconds),
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
      apiP50: medianOf(latency.a, (w) => w.p50),
      rawP50: medianOf(latency.b, (w) => w.p50),
      apiP99: medianOf(latency.a, (w) => w.p99),
      rawP99: medianOf(latency.b, (w) => w.p99),
      p50Ratio: medianRatio(latency, (w) => w.p50),
      p99Ratio: medianRatio(latency, (w) => w.p99),
      apiRps: medianOf(throughput.a, (w) => w.rps),
      rawRps: medianOf(throughput.b, (w) => w.rps),
      rpsRatio: medianRatio(throughput, (w) => w.rps),
      errors: totalErrors(latency) + totalErrors(throughput),
    };
    log(
      `  p50 ${row.apiP50} ms vs ${row.rawP50} ms (×${row.p50Ratio}), ${row.apiRps} vs ${row.rawRps} req/s (×${row.rpsRatio})`,
    );
    rows.push(row);
  }
  return rows;
}
