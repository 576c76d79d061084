/**
 * `LOAD_ON_START`: loads `data/` into the graph as the server starts, unless the graph already
 * holds it. `auto` skips the load when the stored checksum is that of `data/` and the same loader
 * code wrote it (a stamp in the embedded Neo4j's directory): the checksum covers the files, not
 * what the loader derives from them (search keys, bottleneck scores, indexes), so new loader code
 * reloads unchanged data once. `always` loads on every start.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { graphChecksum } from '../graph/health.ts';
import type { Logger } from '../logger.ts';
import { LOADER_QUERY_TIMEOUT_MS, type OpenGraph } from '../neo4j/connect.ts';
import { readAndValidate } from './read-and-validate.ts';
import { contentChecksum, syncGraph } from './sync.ts';
import { formatProblem } from './validate.ts';

/** The modules that decide what a load writes beyond the files' content, relative to this one. */
const LOADER_MODULES = ['./sync', '../domain', '../digraph', '../neo4j/graph-schema'];
const STAMP_FILE = 'loaded-by.json';

export interface LoadOnStartOptions {
  dataDir: string;
  /** Load even when the graph holds this data already (`LOAD_ON_START=always`). */
  reloadUnchanged: boolean;
  /** The embedded Neo4j's directory, where the stamp of the last load is kept; none for an external one. */
  stampDir?: string;
}

export interface LoadOnStartResult {
  loaded: boolean;
  checksum: string;
  ms: number;
}

/** A digest of the loader's own code (this build's sources or compiled files). */
export function loaderFingerprint(): string {
  const hash = createHash('sha256');
  const ext = extname(fileURLToPath(import.meta.url));
  for (const module of LOADER_MODULES)
    hash.update(readFileSync(fileURLToPath(new URL(`${module}${ext}`, import.meta.url))));
  return hash.digest('hex').slice(0, 16);
}

function readStamp(dir: string | undefined): { checksum?: string; loader?: string } {
  if (!dir) return {};
  try {
    return JSON.parse(readFileSync(join(resolve(dir), STAMP_FILE), 'utf8'));
  } catch {
    return {};
  }
}

export async function loadOnStart(
  graph: OpenGraph,
  options: LoadOnStartOptions,
  parent: Logger,
): Promise<LoadOnStartResult> {
  const log = parent.child({ component: 'loader' });
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  log.info(`validating ${options.dataDir}/`);
  const checked = readAndValidate(resolve(options.dataDir));
  for (const problem of [...checked.warnings, ...checked.errors]) log.warn(formatProblem(problem));
  if (checked.errors.length > 0)
    throw new Error(
      `data/ has ${checked.errors.length} error(s); fix them (see above) or set LOAD_ON_START=never`,
    );
  const checksum = contentChecksum(checked.data);
  const loader = loaderFingerprint();
  // The loader's own timeouts, not an API client's QUERY_TIMEOUT_MS (see LOADER_QUERY_TIMEOUT_MS).
  const db = graph.connect(LOADER_QUERY_TIMEOUT_MS);
  try {
    if (!options.reloadUnchanged) {
      const stored = await graphChecksum(db);
      const stamp = readStamp(options.stampDir);
      // Without a stamp (an external Neo4j, or one loaded by `npm run load`) the checksum decides.
      const sameLoader = !options.stampDir || (stamp.checksum === stored && stamp.loader === loader);
      if (stored === checksum && sameLoader) {
        log.info(
          { checksum, ms: elapsed() },
          `data/ unchanged since the last load (checksum ${checksum}): load skipped (LOAD_ON_START=always reloads)`,
        );
        return { loaded: false, checksum, ms: elapsed() };
      }
      log.info(
        { stored, checksum },
        stored === null
          ? 'the graph is empty: loading data/'
          : stored === checksum
            ? 'the loader changed since the last load: loading data/'
            : `data/ changed since the last load (checksum ${stored} → ${checksum}): loading`,
      );
    }
    const report = await syncGraph(db, checked.data, { onProgress: (line) => log.info(line.trim()) });
    if (options.stampDir)
      writeFileSync(join(resolve(options.stampDir), STAMP_FILE), JSON.stringify({ checksum, loader }));
    log.info(
      { checksum, ms: report.ms },
      `${report.concepts} concepts, ${report.relations} relationships loaded in ${report.ms} ms (checksum ${checksum})`,
    );
    return { loaded: true, checksum, ms: elapsed() };
  } finally {
    await db.close();
  }
}
