/**
 * 2. Against the peer: our server and the @neo4j/graphql server (each its own process, same
 * Neo4j, same data) on equivalent queries. Throughput and p99 under autocannon at a fixed
 * concurrency, p50 at concurrency 1, and the CPU time each server process spends per request
 * (utime + stime from /proc/<pid>/stat around each window).
 */
import { interleave, medianOf, medianRatio, totalErrors } from '../lib/interleave.ts';
import { cannon, postGraphQL, sequential, type WindowResult } from '../lib/load.ts';
import { cpuTimeMs, type ServerProcess } from '../lib/processes.ts';
import type { BenchQuery, GraphQLRequest } from '../queries.ts';

export interface PeerRow {
  id: string;
  title: string;
  supported: boolean;
  unsupported?: string;
  oursRps?: number;
  peerRps?: number;
  /** Median of per-window ours/peer throughput ratios. */
  rpsRatio?: number;
  oursP99?: number;
  peerP99?: number;
  oursP50c1?: number;
  peerP50c1?: number;
  oursCpuMs?: number;
  peerCpuMs?: number;
  /** Median of per-window peer/ours CPU-per-request ratios (> 1: we use less). */
  cpuRatio?: number;
  errors?: number;
}

export interface PeerSettings {
  windows: number;
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
}

async function withCpu(server: ServerProcess, run: () => Promise<WindowResult>): Promise<WindowResult> {
  const before = cpuTimeMs(server.pid);
  const result = await run();
  const spent = cpuTimeMs(server.pid) - before;
  return { ...result, cpuMsPerRequest: result.count > 0 ? spent / result.count : Number.NaN };
}

export async function measurePeer(
  ours: ServerProcess,
  peer: ServerProcess,
  queries: BenchQuery[],
  settings: PeerSettings,
  log: (line: string) => void,
): Promise<PeerRow[]> {
  const rows: PeerRow[] = [];
  for (const query of queries) {
    if ('unsupported' in query.peer) {
      rows.push({ id: query.id, title: query.title, supported: false, unsupported: query.peer.unsupported });
      continue;
    }
    const oursBody = JSON.stringify(query.ours);
    const peerBody = JSON.stringify(query.peer as GraphQLRequest);
    await postGraphQL(ours.url, oursBody);
    await postGraphQL(peer.url, peerBody);
    log(`peer: ${query.title}`);
    const warm = async () => {
      await cannon(ours.url, oursBody, settings.concurrency, settings.warmupSeconds);
      await cannon(peer.url, peerBody, settings.concurrency, settings.warmupSeconds);
    };
    const load = await interleave(
      settings.windows,
      warm,
      () => withCpu(ours, () => cannon(ours.url, oursBody, settings.concurrency, settings.seconds)),
      () => withCpu(peer, () => cannon(peer.url, peerBody, settings.concurrency, settings.seconds)),
    );
    const single = await interleave(
      settings.windows,
      async () => {},
      () => sequential(() => postGraphQL(ours.url, oursBody), settings.seconds / 2),
      () => sequential(() => postGraphQL(peer.url, peerBody), settings.seconds / 2),
    );
    const cpu = (w: WindowResult) => w.cpuMsPerRequest ?? Number.NaN;
    const row: PeerRow = {
      id: query.id,
      title: query.title,
      supported: true,
      oursRps: medianOf(load.a, (w) => w.rps),
      peerRps: medianOf(load.b, (w) => w.rps),
      rpsRatio: medianRatio(load.a, load.b, (w) => w.rps),
      oursP99: medianOf(load.a, (w) => w.p99),
      peerP99: medianOf(load.b, (w) => w.p99),
      oursP50c1: medianOf(single.a, (w) => w.p50),
      peerP50c1: medianOf(single.b, (w) => w.p50),
      oursCpuMs: medianOf(load.a, cpu),
      peerCpuMs: medianOf(load.b, cpu),
      cpuRatio: medianRatio(load.b, load.a, cpu),
      errors: totalErrors(load) + totalErrors(single),
    };
    log(
      `  ${row.oursRps} vs ${row.peerRps} req/s (×${row.rpsRatio}), CPU ${row.oursCpuMs} vs ${row.peerCpuMs} ms/request`,
    );
    rows.push(row);
  }
  return rows;
}
