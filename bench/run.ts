/**
 * `npm run bench`: compiles what it runs (our server by `npm run build`, its own child processes
 * with esbuild), starts its own local Neo4j in a scratch directory, then measures — as ratios
 * taken side by side in one run — our API against the raw driver and @neo4j/graphql on the curated
 * graph and synthetic graphs, batched vs naive loading, and traversal latency as graphs grow.
 * Writes `bench/results/latest.json` and renders `docs/benchmarks.md`. Progress goes to stderr;
 * every process it starts is stopped at the end, on error and on Ctrl-C.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { Database } from '../src/neo4j/database.ts';
import { startLocalNeo4j } from '../src/neo4j/local-neo4j.ts';
import { buildForBench } from './lib/build.ts';
import { CypherCost } from './lib/cypher-cost.ts';
import { describeMachine } from './lib/machine.ts';
import { cleanupAll, onCleanup, startOurServer, startRawClient, startScriptServer } from './lib/processes.ts';
import { type ApiResult, measureApi } from './measure/api.ts';
import { measureLoading } from './measure/loading.ts';
import { loadGraph, measureScale } from './measure/scale.ts';
import { renderMarkdown } from './report.ts';
import type { BenchResults } from './results-types.ts';

type Graph = 'curated' | number;

/** A list of graphs: `curated` and synthetic sizes (`10000`, `10_000`, `10k`, `1m`). */
const graphList = (value: string): Graph[] => {
  const list = value.split(',').map((v): Graph => {
    const text = v.trim().toLowerCase().replace(/_/g, '');
    if (text === 'curated') return 'curated';
    const match = /^(\d+)([km]?)$/.exec(text);
    const n = match
      ? Number(match[1]) * (match[2] === 'k' ? 1_000 : match[2] === 'm' ? 1_000_000 : 1)
      : Number.NaN;
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError('expected `curated` or sizes such as 10000, 100k, 1m');
    return n;
  });
  return list;
};
const byGraph = (a: Graph, b: Graph) => (a === 'curated' ? -1 : b === 'curated' ? 1 : a - b);

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
  .option('--sizes <list>', 'graphs for the traversal scale test: `curated` and synthetic sizes', graphList, [
    'curated',
    10_000,
    100_000,
    1_000_000,
  ] as Graph[])
  .option(
    '--api-sizes <list>',
    'graphs the API is compared on (against the raw driver and @neo4j/graphql)',
    graphList,
    ['curated', 10_000, 100_000] as Graph[],
  )
  .option('--duration <seconds>', 'length of one measurement window', positive, 2)
  .option('--warmup <seconds>', 'warm-up of each side before its windows', positive, 1)
  .option('--windows <n>', 'windows per side (interleaved A B C, B C A, …)', positive, 5)
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
  .option('--skip-api', 'do not compare the API (raw driver, peer, cache)')
  .option('--skip-loading', 'do not measure naive vs batched loading')
  .option(
    '--smoke',
    'the curated graph and a tiny synthetic one, short windows: checks the bench in ~2 minutes',
  )
  .option('--out <file>', 'results JSON', 'bench/results/latest.json')
  .option('--docs <file>', 'markdown report to render ("" for none)', 'docs/benchmarks.md')
  .option('--render <json>', 'only render the markdown report from an existing results file')
  .parse();

/** The command line: the settings recorded with the results (under their own names), and the rest. */
interface Options {
  sizes: Graph[];
  apiSizes: Graph[];
  duration: number;
  warmup: number;
  windows: number;
  concurrency: number;
  loadSample: number;
  batchSizes: number[];
  randomStarts: number;
  hubs: number;
  repeats: number;
  heap?: string;
  pageCache?: string;
  skipPeer?: boolean;
  skipApi?: boolean;
  skipLoading?: boolean;
  smoke?: boolean;
  out: string;
  docs: string;
  render?: string;
}

const options = program.opts<Options>();
if (options.smoke) {
  Object.assign(options, {
    sizes: ['curated', 1000],
    apiSizes: ['curated'],
    duration: 0.5,
    warmup: 0.3,
    windows: 1,
    concurrency: 4,
    loadSample: 20,
    batchSizes: [100],
    randomStarts: 3,
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

/** The cache variant that trusts a checksum read for this long (`GRAPH_VERSION_MAX_AGE_MS`). */
const VERSION_MAX_AGE_MS = 1000;

/** The environment of our server: production, the bench's Neo4j, no rate limit (all load comes from one address). */
const serverEnv = (uri: string): Record<string, string> => ({
  NODE_ENV: 'production',
  NEO4J_URI: uri,
  NEO4J_AUTH: 'none',
  RATE_LIMIT_MAX: '0',
  RATE_LIMIT_TIME_MS: '0',
  // No access line per request: the peer writes none either.
  LOG_LEVEL: 'warn',
});

async function main(): Promise<void> {
  if (options.render) {
    writeReport(JSON.parse(readFileSync(resolve(options.render), 'utf8')) as BenchResults);
    return;
  }
  const apiSizes = options.skipApi ? [] : [...options.apiSizes].sort(byGraph);
  const allGraphs = [...new Set([...options.sizes, ...apiSizes])].sort(byGraph);
  const largest = Math.max(0, ...allGraphs.map((g) => (g === 'curated' ? 0 : g)));
  const heap = options.heap ?? (largest > 100_000 ? '4g' : '2g');
  const pageCache = options.pageCache ?? (largest > 100_000 ? '3g' : '1g');
  const txMemoryMax = '2g';
  const txTimeoutSeconds = 120;
  const queryTimeoutMs = 60_000;
  const machine = describeMachine();
  log(
    `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.java}; load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  const build = buildForBench(log);

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
      sizes: options.sizes.map(String),
      apiSizes: apiSizes.map(String),
      windows: options.windows,
      windowSeconds: options.duration,
      warmupSeconds: options.warmup,
      concurrency: options.concurrency,
      loadSample: options.loadSample,
      batchSizes: options.batchSizes,
      randomStarts: options.randomStarts,
      hubs: options.hubs,
      repeats: options.repeats,
      serverEnv: serverEnv('bolt://…'),
    },
    api: [],
    scale: [],
  };

  if (!options.skipLoading) {
    results.loading = await measureLoading(db, options.loadSample, options.batchSizes, log);
    log(`loading: batched is ×${results.loading.speedup} the naive import`);
  }

  let sides: Omit<Parameters<typeof measureApi>[2], 'cached' | 'cachedAged'> | undefined;
  if (apiSizes.length > 0) {
    const env = serverEnv(neo4j.uri);
    const [ours, peer, raw] = await Promise.all([
      startOurServer('our server', { ...env, RESPONSE_CACHE: 'false' }, log),
      options.skipPeer
        ? undefined
        : startScriptServer('@neo4j/graphql server', build.peerServer, { NEO4J_URI: neo4j.uri }, log),
      startRawClient(build.rawClient, { NEO4J_URI: neo4j.uri }, log),
    ]);
    const cost = new CypherCost(neo4j.uri);
    onCleanup(() => cost.close());
    sides = { ours, peer, raw, neo4jPid: neo4j.pid, cost };
  }

  const scaleSettings = { randomStarts: options.randomStarts, hubs: options.hubs, repeats: options.repeats };
  for (const graph of allGraphs) {
    const loaded = await loadGraph(db, graph, log);
    if (options.sizes.includes(graph)) {
      log(`scale: traversals on ${graph === 'curated' ? 'the curated graph' : `${graph} concepts`}`);
      results.scale.push(await measureScale(db, graph, loaded, scaleSettings, log));
    }
    if (sides && apiSizes.includes(graph)) {
      // A cached server per graph: its answers must not outlive the graph they were computed on.
      const [cached, cachedAged] = await Promise.all([
        startOurServer('our server (response cache on)', serverEnv(neo4j.uri), log),
        startOurServer(
          `our server (response cache on, GRAPH_VERSION_MAX_AGE_MS=${VERSION_MAX_AGE_MS})`,
          { ...serverEnv(neo4j.uri), GRAPH_VERSION_MAX_AGE_MS: String(VERSION_MAX_AGE_MS) },
          log,
        ),
      ]);
      try {
        const api: ApiResult = await measureApi(
          db,
          graph,
          { ...sides, cached, cachedAged },
          {
            windows: options.windows,
            seconds: options.duration,
            warmupSeconds: options.warmup,
            concurrency: options.concurrency,
          },
          log,
        );
        results.api.push(api);
      } finally {
        await Promise.all([cached.stop(), cachedAged.stop()]);
      }
    }
    writeFileSync(resolve(`${options.out}.partial.tmp.json`), JSON.stringify(results, null, 2));
  }

  results.finishedAt = new Date().toISOString();
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  results.machine.loadAverageAtEnd = loadavg().map((v) => Math.round(v * 100) / 100);
  mkdirSync(dirname(resolve(options.out)), { recursive: true });
  writeFileSync(resolve(options.out), `${JSON.stringify(results, null, 2)}\n`);
  if (!options.out.endsWith('.tmp.json')) formatFiles([options.out]); // git (and so biome) ignores *.tmp.json
  rmSync(resolve(`${options.out}.partial.tmp.json`), { force: true });
  log(`results written to ${options.out}`);
  writeReport(results);
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
