/**
 * What the bench runs is compiled once at its start, as production runs it: our server by the
 * project's build (`scripts/build.mjs --if-stale`: `npm run build`, skipped when dist/ is up to
 * date), and the bench's own child processes (the @neo4j/graphql server, the raw-driver client)
 * bundled by esbuild with their packages left external — no tsx, no source maps at run time.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildSync } from 'esbuild';

/** Where the bundles go: a cache directory, ignored by git with the rest of node_modules. */
const OUT_DIR = 'node_modules/.cache/bench';

export interface BenchBuild {
  peerServer: string;
  rawClient: string;
}

export function buildForBench(log: (line: string) => void): BenchBuild {
  const started = performance.now();
  const server = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (server.status !== 0) throw new Error(`npm run build failed (exit ${server.status})`);
  buildSync({
    entryPoints: { 'peer-server': 'bench/peer-server.ts', 'raw-client': 'bench/raw-client.ts' },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  log(`compiled in ${((performance.now() - started) / 1000).toFixed(1)} s: dist/ (our server), ${OUT_DIR}/`);
  return {
    peerServer: resolve(OUT_DIR, 'peer-server.mjs'),
    rawClient: resolve(OUT_DIR, 'raw-client.mjs'),
  };
}
