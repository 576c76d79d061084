/**
 * `npm run bench`: starts its own local Neo4j in a scratch directory, then measures — as ratios
 * taken side by side in one run — our API against the raw driver and against @neo4j/graphql,
 * round trips per request, batched vs naive loading, and traversal latency on synthetic graphs of
 * growing size. Writes `bench/results/latest.json` and renders `docs/benchmarks.md`. Progress goes
 * to stderr; every process it starts is stopped at the end, on error and on Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { Database } from '../src/neo4j/database.ts';
import { startLocalNeo4j } from '../src/neo4j/local-neo4j.ts';
import { chooseSlugs } from './choose-slugs.ts';
import { postGraphQL, sequential } from './lib/load.ts';
import { describeMachine } from './lib/machine.ts';
import { cleanupAll, onCleanup, startServer } from './lib/processes.ts';
import { measureLoading } from './measure/loading.ts';
import { measureOverhead } from './measure/overhead.ts';
import { measurePeer } from './measure/peer.ts';
import { measureRoundTrips } from './measure/round-trips.ts';
import { measureScale, type ScaleRow } from './measure/scale.ts';
import { benchQueries } from './queries.ts';
import { renderMarkdown } from './report.ts';
import type { BenchResults } from './results-types.ts';

const intList = (value: string) => {
  const list = value.split(',').map((v) => Number(v.replace(/_/g, '').trim()));
  if (list.some((n) => !Number.isInteger(n) || n < 1))
    throw new InvalidArgumentError('expected a comma-separated list of positive integers');
  return list;
};
const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
};
const size = (value: string) => {
  if (!/^\d+[kmg]$/i.test(value)) throw new InvalidArgumentError('expected a size such as 512m or 4g');
  return value;
};

const program = new Command('bench')
  .description('Benchmark the API against the raw driver and @neo4j/graphql, loading, and scale')
  .option('--sizes <list>', 'synthetic graph sizes, in concepts', intList, [10_000, 100_000, 1_000_000])
  .option(
    '--api-size <n>',
    'graph size for the API, peer and round-trip measurements (default: the smallest)',
    positive,
  )
  .option('--duration <seconds>', 'length of one measurement window', positive, 3)
  .option('--warmup <seconds>', 'warm-up before each pair of windows', positive, 2)
  .option('--windows <n>', 'windows per side (interleaved A B A B …)', positive, 5)
  .option('--concurrency <n>', 'concurrent requests for throughput', positive, 8)
  .option('--load-sample <n>', 'concepts in the loading sample (the naive import is slow)', positive, 1000)
  .option('--batch-sizes <list>', 'batch sizes of the loader sweep', intList, [10, 100, 1000, 5000])
  .option('--random-starts <n>', 'random start concepts per traversal and size', positive, 20)
  .option('--hubs <n>', 'hub start concepts per traversal and size', positive, 3)
  .option('--repeats <n>', 'measured runs per start (after one warm-up run)', positive, 2)
  .option('--heap <size>', 'Neo4j heap (default: 4g for graphs over 100k concepts, else 2g)', size)
  .option(
    '--page-cache <size>',
    'Neo4j page cache (default: 3g for graphs over 100k concepts, else 1g)',
    size,
  )
  .option('--skip-peer', 'do not measure @neo4j/graphql')
  .option('--skip-api', 'do not measure the API (overhead, peer, round trips)')
  .option('--skip-loading', 'do not measure naive vs batched loading')
  .option('--smoke', 'tiny sizes and short windows: exercises the bench in about a minute')
  .option('--out <file>', 'results JSON', 'bench/results/latest.json')
  .option('--docs <file>', 'markdown report to render ("" for none)', 'docs/benchmarks.md')
  .option('--render <json>', 'only render the markdown report from an existing results file')
  .parse();

/** The command line: the settings recorded with the results (under their own names), and the rest. */
type Options = Pick<
  BenchResults['settings'],
  'sizes' | 'windows' | 'concurrency' | 'loadSample' | 'batchSizes' | 'randomStarts' | 'hubs' | 'repeats'
> & {
  apiSize?: number;
  duration: number;
  warmup: number;
  heap?: string;
  pageCache?: string;
  skipPeer?: boolean;
  skipApi?: boolean;
  skipLoading?: boolean;
  smoke?: boolean;
  out: string;
  docs: string;
  render?: string;
};

const options = program.opts<Options>();
if (options.smoke) {
  Object.assign(options, {
    sizes: [1000, 2000],
    duration: 1,
    warmup: 0.3,
    windows: 1,
    loadSample: 50,
    batchSizes: [100, 1000],
    randomStarts: 4,
    hubs: 1,
    repeats: 1,
  });
  if (options.out === 'bench/results/latest.json') options.out = 'bench/results/smoke.tmp.json';
  if (options.docs === 'docs/benchmarks.md') options.docs = '';
}

const started = Date.now();
const log = (line: string) =>
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

/** Formats what the bench wrote the way the repository's formatter would (so `npm run lint` stays green). */
function formatFiles(files: string[]) {
  const biome = spawnSync(resolve('node_modules/.bin/biome'), ['format', '--write', ...files], {
    encoding: 'utf8',
  });
  if (biome.status !== 0)
    log(`biome could not format ${files.join(', ')}: ${biome.stderr.trim().split('\n')[0]}`);
}

function writeReport(results: BenchResults) {
  if (!options.docs) return;
  mkdirSync(dirname(resolve(options.docs)), { recursive: true });
  const { markdown, svg, svgPath } = renderMarkdown(results, options.docs);
  writeFileSync(resolve(svgPath), svg);
  writeFileSync(resolve(options.docs), markdown);
  formatFiles([options.docs]);
  log(`rendered ${options.docs} and ${svgPath}`);
}

async function main(): Promise<void> {
  if (options.render) {
    writeReport(JSON.parse(readFileSync(resolve(options.render), 'utf8')) as BenchResults);
    return;
  }
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const apiSize = options.apiSize ?? (sizes[0] as number);
  const largest = Math.max(...sizes, apiSize);
  const heap = options.heap ?? (largest > 100_000 ? '4g' : '2g');
  const pageCache = options.pageCache ?? (largest > 100_000 ? '3g' : '1g');
  const txMemoryMax = '2g';
  const txTimeoutSeconds = 120;
  const queryTimeoutMs = 60_000;
  const machine = describeMachine();
  log(
    `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.java}; load average ${machine.loadAverageAtStart.join(' ')}`,
  );

  const dir = resolve(`.neo4j-local/bench-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  onCleanup(async () => rmSync(dir, { recursive: true, force: true }));
  const neo4j = await startLocalNeo4j({
    dir,
    heap,
    pageCache,
    txMemoryMax,
    txTimeoutSeconds,
    log: (line) => log(`[neo4j] ${line}`),
  });
  onCleanup(() => neo4j.stop());
  const db = new Database({ uri: neo4j.uri, database: 'neo4j', queryTimeoutMs });
  onCleanup(() => db.close());
  await db.waitUntilReachable(30_000);

  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    finishedAt: '',
    totalSeconds: 0,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
    machine: { ...machine, loadAverageAtEnd: [] },
    neo4j: {
      version: '5.26 community (embedded launcher, neo4j-local/)',
      heap,
      pageCache,
      txMemoryMax,
      txTimeoutSeconds,
      queryTimeoutMs,
    },
    settings: {
      sizes,
      apiSize,
      windows: options.windows,
      windowSeconds: options.duration,
      warmupSeconds: options.warmup,
      concurrency: options.concurrency,
      loadSample: options.loadSample,
      batchSizes: options.batchSizes,
      randomStarts: options.randomStarts,
      hubs: options.hubs,
      repeats: options.repeats,
    },
    scale: [],
  };

  if (!options.skipLoading) {
    results.loading = await measureLoading(db, options.loadSample, options.batchSizes, log);
    log(`loading: batched is ×${results.loading.speedup} the naive import`);
  }

  const scaleSettings = { randomStarts: options.randomStarts, hubs: options.hubs, repeats: options.repeats };
  const allSizes = sizes.includes(apiSize) ? sizes : [...sizes, apiSize].sort((a, b) => a - b);
  for (const graphSize of allSizes) {
    const row: ScaleRow = await measureScale(db, graphSize, scaleSettings, log);
    if (sizes.includes(graphSize)) results.scale.push(row);
    if (graphSize === apiSize && !options.skipApi) results.api = await measureApi(neo4j.uri, db, graphSize);
    writeFileSync(resolve(`${options.out}.partial.tmp.json`), JSON.stringify(results, null, 2));
  }

  results.finishedAt = new Date().toISOString();
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  results.machine.loadAverageAtEnd = loadavg().map((v) => Math.round(v * 100) / 100);
  mkdirSync(dirname(resolve(options.out)), { recursive: true });
  writeFileSync(resolve(options.out), `${JSON.stringify(results, null, 2)}\n`);
  formatFiles([options.out]);
  rmSync(resolve(`${options.out}.partial.tmp.json`), { force: true });
  log(`results written to ${options.out}`);
  writeReport(results);
}

async function measureApi(uri: string, db: Database, concepts: number): Promise<BenchResults['api']> {
  const slugs = await chooseSlugs(db, concepts);
  log(`api: graph of ${concepts} concepts; start concepts ${JSON.stringify(slugs)}`);
  const queries = benchQueries(slugs);
  const roundTrips = await measureRoundTrips(uri, queries);
  log(`round trips: ${roundTrips.map((r) => `${r.id} ${r.queries}`).join(', ')}`);

  const env = { NEO4J_URI: uri, NEO4J_AUTH: 'none', RATE_LIMIT_MAX: '0' };
  const ours = await startServer('our server', 'bench/our-server.ts', env, log);
  const settings = {
    windows: options.windows,
    seconds: options.duration,
    warmupSeconds: options.warmup,
    concurrency: options.concurrency,
  };
  try {
    // The floor: what a request costs that touches no data (HTTP, yoga, its plugins, Pothos).
    const floorBody = JSON.stringify({ query: '{ __typename }' });
    await sequential(() => postGraphQL(ours.url, floorBody), options.warmup);
    const floor = await sequential(() => postGraphQL(ours.url, floorBody), options.duration);
    log(`api floor ({ __typename }): p50 ${floor.p50} ms, p99 ${floor.p99} ms`);
    const overhead = await measureOverhead(db, uri, ours.url, queries, settings, log);
    let peer: NonNullable<BenchResults['api']>['peer'];
    if (!options.skipPeer) {
      const peerServer = await startServer('@neo4j/graphql server', 'bench/peer-server.ts', env, log);
      try {
        peer = await measurePeer(ours, peerServer, queries, settings, log);
      } finally {
        await peerServer.stop();
      }
    }
    return { concepts, slugs, roundTrips, floor: { p50: floor.p50, p99: floor.p99 }, overhead, peer };
  } finally {
    await ours.stop();
  }
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the servers and Neo4j`);
    void cleanupAll().finally(() => process.exit(130));
  });
}

main().then(
  async () => {
    await cleanupAll();
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.exit(0);
  },
  async (error: unknown) => {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanupAll();
    process.exit(1);
  },
);
