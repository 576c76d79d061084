/**
 * 1. The API against the raw driver and @neo4j/graphql, on one loaded graph, shape by shape
 * (`shapes.ts`): first the answers of every side are checked equal and each side's Cypher is
 * profiled (db hits); then, in interleaved windows,
 *   - latency at concurrency 1: ours, the raw driver, and the floor (`{ __typename }`) in rotation;
 *   - throughput at a fixed concurrency: ours, the peer and the raw driver in rotation, with the
 *     CPU time each process and the Neo4j JVM spend per request (/proc) and the load average seen;
 *   - cached repeated reads: the same request to our server with its response cache on, against
 *     the floor on that server.
 */
import { loadavg } from 'node:os';
import type { Database } from '../../src/neo4j/database.ts';
import { chooseInputs } from '../choose-inputs.ts';
import type { CypherCost } from '../lib/cypher-cost.ts';
import { interleave, medianOf, medianRatio, totalErrors } from '../lib/interleave.ts';
import { cannon, postGraphQL, sequential, type WindowResult } from '../lib/load.ts';
import { cpuTimeMs, type RawClient, type ServerProcess } from '../lib/processes.ts';
import { median, round } from '../lib/stats.ts';
import { type GraphQLRequest, SHAPES, type Shape, type ShapeId, type ShapeInputs } from '../shapes.ts';

export interface ApiSettings {
  windows: number;
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
}

/** One side under load: medians over its windows. */
export interface SideFigures {
  rps: number;
  p99: number;
  /** CPU time of the side's own process per request, ms. */
  cpuMs: number;
  /** CPU time of the Neo4j JVM per request, ms. */
  neo4jCpuMs: number;
}

export interface ShapeRow {
  id: ShapeId;
  title: string;
  latencyTarget: boolean;
  /** The sides whose answers were checked equal before timing. */
  checked: string[];
  statements: number;
  oursDbHits: number;
  rawDbHits: number;
  latency: {
    oursP50: number;
    rawP50: number;
    floorP50: number;
    oursP99: number;
    rawP99: number;
    /** Median over windows of ours p50 / (raw p50 + floor p50). */
    targetRatio: number;
  };
  throughput: {
    ours: SideFigures;
    raw: SideFigures;
    peer?: SideFigures;
    /** Medians of per-window ratios. */
    oursVsPeerRps?: number;
    /** Peer CPU / ours CPU per request (> 1: we use less), process and Neo4j. */
    peerVsOursCpu?: number;
    peerVsOursNeo4jCpu?: number;
    oursVsRawRps: number;
    oursVsRawCpu: number;
    oursVsRawNeo4jCpu: number;
  };
  /** Our server with the response cache on (the default: the graph's checksum is read for every hit). */
  cached: CachedFigures;
  /** The same with `GRAPH_VERSION_MAX_AGE_MS` set (a checksum read serves hits for that long). */
  cachedAged: CachedFigures;
  peerUnsupported?: string;
  /**
   * The check by an instrument we did not write: our server's own Prometheus counters over its
   * throughput windows (GraphQL requests answered, Cypher queries sent) against autocannon's
   * count of 2xx answers and our count of statements per request.
   */
  crossCheck: { autocannonRequests: number; serverRequests: number; serverCypherPerRequest: number };
  errors: number;
}

export interface CachedFigures {
  p50: number;
  floorP50: number;
  /** Median over windows of cached p50 / floor p50. */
  ratio: number;
  rps: number;
  floorRps: number;
  neo4jCpuMs: number;
}

export interface ApiResult {
  graph: string;
  concepts: number;
  inputs: Omit<ShapeInputs, 'lucene'>;
  floor: { p50: number; p99: number; rps: number };
  loadAverage: { min: number; median: number; max: number };
  shapes: ShapeRow[];
}

export interface ApiSides {
  ours: ServerProcess;
  /** Our server with its response cache on (started for this graph: the cache outlives no load). */
  cached: ServerProcess;
  /** The same with GRAPH_VERSION_MAX_AGE_MS set. */
  cachedAged: ServerProcess;
  peer?: ServerProcess;
  raw: RawClient;
  neo4jPid: number;
  cost: CypherCost;
}

const FLOOR = JSON.stringify({ query: '{ __typename }' });

/** Runs `run` and adds the CPU time `pid` and Neo4j spent per request, and the load average after. */
async function watched(
  pid: number,
  neo4jPid: number,
  run: () => Promise<WindowResult>,
): Promise<WindowResult> {
  const before = cpuTimeMs(pid);
  const neo4jBefore = cpuTimeMs(neo4jPid);
  const result = await run();
  const count = Math.max(1, result.count);
  return {
    ...result,
    cpuMsPerRequest: (cpuTimeMs(pid) - before) / count,
    neo4jCpuMsPerRequest: (cpuTimeMs(neo4jPid) - neo4jBefore) / count,
    loadAverage: loadavg()[0],
  };
}

const side = (windows: WindowResult[]): SideFigures => ({
  rps: medianOf(windows, (w) => w.rps),
  p99: medianOf(windows, (w) => w.p99),
  cpuMs: medianOf(windows, (w) => w.cpuMsPerRequest ?? Number.NaN),
  neo4jCpuMs: medianOf(windows, (w) => w.neo4jCpuMsPerRequest ?? Number.NaN),
});
const cpu = (w: WindowResult) => w.cpuMsPerRequest ?? Number.NaN;
const neo4jCpu = (w: WindowResult) => w.neo4jCpuMsPerRequest ?? Number.NaN;

const canonical = (value: unknown) => JSON.stringify(value);

/** Our server's own counters (`/metrics`, prom-client): GraphQL requests answered and Cypher queries sent. */
async function serverCounters(graphqlUrl: string): Promise<{ requests: number; cypher: number }> {
  const text = await (await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'))).text();
  const total = (pattern: RegExp) =>
    text
      .split('\n')
      .filter((line) => pattern.test(line))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
  return {
    requests: total(/^graphql_yoga_http_duration_count\{.*statusCode="200"/),
    cypher: total(/^graphql_request_cypher_queries_sum\{/),
  };
}

/** Throws, naming the first difference, unless every side gave the same answer. */
function checkSame(shape: Shape, answers: Record<string, unknown>) {
  const [[firstSide, first], ...rest] = Object.entries(answers) as [
    [string, unknown],
    ...[string, unknown][],
  ];
  if (first === null || (Array.isArray(first) && first.length === 0))
    throw new Error(`${shape.id}: ${firstSide} answered nothing; the inputs do not exercise the shape`);
  for (const [name, answer] of rest) {
    if (canonical(answer) === canonical(first)) continue;
    const a = canonical(first);
    const b = canonical(answer);
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    throw new Error(
      `${shape.id}: ${name} answers differently from ${firstSide} at character ${i}:\n  ${firstSide}: …${a.slice(Math.max(0, i - 80), i + 120)}\n  ${name}: …${b.slice(Math.max(0, i - 80), i + 120)}`,
    );
  }
}

const dataOf = (text: string) => (JSON.parse(text) as { data: unknown }).data;

/** Repeated reads of one request on a server with its cache on, against the floor on that server. */
async function measureCached(
  server: ServerProcess,
  body: string,
  settings: ApiSettings,
  neo4jPid: number,
  windows = settings.windows,
) {
  const { seconds, warmupSeconds, concurrency } = settings;
  const latency = await interleave(
    windows,
    () => sequential(() => postGraphQL(server.url, body), warmupSeconds).then(() => {}),
    () => sequential(() => postGraphQL(server.url, body), seconds),
    () => sequential(() => postGraphQL(server.url, FLOOR), seconds),
  );
  const load = await interleave(
    Math.max(1, Math.ceil(windows / 2)),
    async () => {},
    () => watched(server.pid, neo4jPid, () => cannon(server.url, body, concurrency, seconds)),
    () => watched(server.pid, neo4jPid, () => cannon(server.url, FLOOR, concurrency, seconds)),
  );
  const figures: CachedFigures = {
    p50: medianOf(latency.a, (w) => w.p50),
    floorP50: medianOf(latency.b, (w) => w.p50),
    ratio: medianRatio(latency.a, latency.b, (w) => w.p50),
    rps: medianOf(load.a, (w) => w.rps),
    floorRps: medianOf(load.b, (w) => w.rps),
    neo4jCpuMs: medianOf(load.a, neo4jCpu),
  };
  return { figures, errors: totalErrors(latency) + totalErrors(load) };
}

export async function measureApi(
  db: Database,
  graph: 'curated' | number,
  sides: ApiSides,
  settings: ApiSettings,
  log: (line: string) => void,
): Promise<ApiResult> {
  const inputs = await chooseInputs(db, graph);
  const { records } = await db.read('MATCH (c:Concept) RETURN count(c) AS concepts');
  const concepts = Number(records[0]?.get('concepts'));
  log(
    `api on ${graph === 'curated' ? 'the curated graph' : `${graph} concepts`}: ${JSON.stringify({ ...inputs, lucene: undefined })}`,
  );
  const { ours, cached, cachedAged, peer, raw, neo4jPid, cost } = sides;
  const { windows, seconds, warmupSeconds, concurrency } = settings;
  const loads: number[] = [];

  const floorLatency = await interleave(
    1,
    () => sequential(() => postGraphQL(ours.url, FLOOR), warmupSeconds).then(() => {}),
    () => sequential(() => postGraphQL(ours.url, FLOOR), seconds),
    () => watched(ours.pid, neo4jPid, () => cannon(ours.url, FLOOR, concurrency, seconds)),
  );
  const floor = {
    p50: medianOf(floorLatency.a, (w) => w.p50),
    p99: medianOf(floorLatency.a, (w) => w.p99),
    rps: medianOf(floorLatency.b, (w) => w.rps),
  };
  log(`  floor { __typename }: p50 ${floor.p50} ms, ${floor.rps} req/s at c=${concurrency}`);

  const rows: ShapeRow[] = [];
  for (const shape of SHAPES) {
    const request = shape.ours(inputs);
    const body = JSON.stringify(request);
    const rawQuery = shape.raw(inputs);
    const peerRequest: GraphQLRequest | undefined =
      'request' in shape.peer ? shape.peer.request(inputs) : undefined;
    const peerBody = peerRequest ? JSON.stringify(peerRequest) : undefined;

    // Neo4j's count first: it also plans every statement, which the timed windows must not pay for.
    const oursCost = await cost.ours(request);
    const rawDbHits = await cost.raw(rawQuery);
    const answers: Record<string, unknown> = {
      ours: shape.oursAnswer(dataOf(await postGraphQL(ours.url, body))),
      raw: await raw.answer(shape.id, rawQuery),
    };
    if (peer && peerBody && 'answer' in shape.peer)
      answers.peer = shape.peer.answer(dataOf(await postGraphQL(peer.url, peerBody)));
    answers['ours, cache on (miss)'] = shape.oursAnswer(dataOf(await postGraphQL(cached.url, body)));
    answers['ours, cache on (hit)'] = shape.oursAnswer(dataOf(await postGraphQL(cached.url, body)));
    answers['ours, cache on, version max age (miss)'] = shape.oursAnswer(
      dataOf(await postGraphQL(cachedAged.url, body)),
    );
    answers['ours, cache on, version max age (hit)'] = shape.oursAnswer(
      dataOf(await postGraphQL(cachedAged.url, body)),
    );
    checkSame(shape, answers);
    log(
      `${shape.id}: same answer from ${Object.keys(answers).join(', ')}; ours ${oursCost.statements} statement(s), ${oursCost.dbHits} db hits, hand-written ${rawDbHits}`,
    );

    const api = () => postGraphQL(ours.url, body);
    const latency = await interleave(
      windows,
      async () => {
        await sequential(api, warmupSeconds);
        await raw.run(shape.id, rawQuery, 1, warmupSeconds);
      },
      () => sequential(api, seconds),
      () => raw.run(shape.id, rawQuery, 1, seconds),
      () => sequential(() => postGraphQL(ours.url, FLOOR), seconds),
    );

    const counted = { autocannon: 0, requests: 0, cypher: 0 };
    const oursWindow = async () => {
      const before = await serverCounters(ours.url);
      const window = await watched(ours.pid, neo4jPid, () => cannon(ours.url, body, concurrency, seconds));
      const after = await serverCounters(ours.url);
      counted.autocannon += window.count;
      counted.requests += after.requests - before.requests;
      counted.cypher += after.cypher - before.cypher;
      return window;
    };
    const throughput = await interleave(
      windows,
      async () => {
        await cannon(ours.url, body, concurrency, warmupSeconds);
        if (peer && peerBody) await cannon(peer.url, peerBody, concurrency, warmupSeconds);
        await raw.run(shape.id, rawQuery, concurrency, warmupSeconds);
      },
      oursWindow,
      () => watched(raw.pid, neo4jPid, () => raw.run(shape.id, rawQuery, concurrency, seconds)),
      peer && peerBody
        ? () => watched(peer.pid, neo4jPid, () => cannon(peer.url, peerBody, concurrency, seconds))
        : undefined,
    );
    loads.push(
      ...[...throughput.a, ...throughput.b, ...throughput.c].map((w) => w.loadAverage ?? Number.NaN),
    );

    const cachedFigures = await measureCached(cached, body, settings, neo4jPid);
    // The variant is there to show the lever: half the windows.
    const cachedAgedFigures = await measureCached(
      cachedAged,
      body,
      settings,
      neo4jPid,
      Math.ceil(settings.windows / 2),
    );

    const peerWindows = throughput.c;
    const row: ShapeRow = {
      id: shape.id,
      title: shape.title,
      latencyTarget: shape.latencyTarget,
      checked: Object.keys(answers),
      statements: oursCost.statements,
      oursDbHits: oursCost.dbHits,
      rawDbHits,
      latency: {
        oursP50: medianOf(latency.a, (w) => w.p50),
        rawP50: medianOf(latency.b, (w) => w.p50),
        floorP50: medianOf(latency.c, (w) => w.p50),
        oursP99: medianOf(latency.a, (w) => w.p99),
        rawP99: medianOf(latency.b, (w) => w.p99),
        targetRatio: round(
          median(latency.a.map((w, i) => w.p50 / ((latency.b[i]?.p50 ?? 0) + (latency.c[i]?.p50 ?? 0)))),
        ),
      },
      throughput: {
        ours: side(throughput.a),
        raw: side(throughput.b),
        ...(peerWindows.length
          ? {
              peer: side(peerWindows),
              oursVsPeerRps: medianRatio(throughput.a, peerWindows, (w) => w.rps),
              peerVsOursCpu: medianRatio(peerWindows, throughput.a, cpu),
              peerVsOursNeo4jCpu: medianRatio(peerWindows, throughput.a, neo4jCpu),
            }
          : {}),
        oursVsRawRps: medianRatio(throughput.a, throughput.b, (w) => w.rps),
        oursVsRawCpu: medianRatio(throughput.a, throughput.b, cpu),
        oursVsRawNeo4jCpu: medianRatio(throughput.a, throughput.b, neo4jCpu),
      },
      cached: cachedFigures.figures,
      cachedAged: cachedAgedFigures.figures,
      ...('unsupported' in shape.peer ? { peerUnsupported: shape.peer.unsupported } : {}),
      crossCheck: {
        autocannonRequests: counted.autocannon,
        serverRequests: counted.requests,
        serverCypherPerRequest: round(counted.cypher / Math.max(1, counted.requests), 2),
      },
      errors:
        totalErrors(latency) + totalErrors(throughput) + cachedFigures.errors + cachedAgedFigures.errors,
    };
    const t = row.throughput;
    log(
      `  c=1 p50: ours ${row.latency.oursP50} ms, raw ${row.latency.rawP50} ms, floor ${row.latency.floorP50} ms (target ratio ${row.latency.targetRatio}); ` +
        `c=${concurrency}: ours ${t.ours.rps} req/s (${t.ours.cpuMs.toFixed(2)} + Neo4j ${t.ours.neo4jCpuMs.toFixed(2)} ms CPU/req), ` +
        `raw ${t.raw.rps} (${t.raw.cpuMs.toFixed(2)} + ${t.raw.neo4jCpuMs.toFixed(2)})` +
        (t.peer
          ? `, peer ${t.peer.rps} (${t.peer.cpuMs.toFixed(2)} + ${t.peer.neo4jCpuMs.toFixed(2)}), ours/peer ×${t.oursVsPeerRps}`
          : '') +
        `; cached p50 ${row.cached.p50} ms vs floor ${row.cached.floorP50} (×${row.cached.ratio}), with version max age ×${row.cachedAged.ratio}; errors ${row.errors}`,
    );
    for (const w of [...latency.a, ...latency.b, ...throughput.a, ...throughput.b, ...throughput.c])
      if (w.firstError) log(`  error seen: ${w.firstError}`);
    rows.push(row);
  }
  const finite = loads.filter(Number.isFinite).sort((x, y) => x - y);
  return {
    graph: graph === 'curated' ? 'curated' : String(graph),
    concepts,
    inputs: { concept: inputs.concept, searchText: inputs.searchText, deep: inputs.deep },
    floor,
    loadAverage: {
      min: round(finite[0] ?? Number.NaN, 2),
      median: round(median(finite), 2),
      max: round(finite.at(-1) ?? Number.NaN, 2),
    },
    shapes: rows,
  };
}
