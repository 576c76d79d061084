/**
 * Opens the graph the configuration points at: an external Neo4j, or the project's local one —
 * reused when another process of ours already runs it on the same directory, started otherwise.
 */
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { Database } from './database.ts';
import { findRunningLocalNeo4j, type LocalNeo4j, startLocalNeo4j } from './local-neo4j.ts';

/**
 * The loader's reads (the schema check before a load) get a longer timeout than an API client's
 * QUERY_TIMEOUT_MS, whether the loader runs as `npm run load` or at start: on a cold database on a
 * busy machine the first read can take several seconds (three loads in a row failed on the 5 s
 * default; with a longer timeout the same loads took 49, 12 and 3 s, and a start failed the same
 * way in `ensuring constraints and indexes`). The load's writes are one transaction with the
 * loader's own timeout (`syncGraph`, 300 s), never QUERY_TIMEOUT_MS.
 */
export const LOADER_QUERY_TIMEOUT_MS = 120_000;

export interface OpenGraph {
  /** The driver every read of the API goes through (QUERY_TIMEOUT_MS on each read). */
  db: Database;
  /** Present when this process started the local Neo4j and so must stop it. */
  local?: LocalNeo4j;
  /**
   * Another driver on the same server, with its own read timeout (the loader at start); the
   * caller closes it.
   */
  connect(queryTimeoutMs: number): Database;
  /** Closes the driver, then stops the local Neo4j if we started it. */
  close(): Promise<void>;
}

export async function openGraph(config: Config, log: Logger): Promise<OpenGraph> {
  const target = config.neo4j;
  if (target.mode === 'external') {
    const connect = (queryTimeoutMs: number) => new Database({ ...target, ...config.driver, queryTimeoutMs });
    const db = connect(config.queryTimeoutMs);
    return { db, connect, close: () => db.close() };
  }
  const running = await findRunningLocalNeo4j(target.dir);
  let local: LocalNeo4j | undefined;
  let uri: string;
  if (running) {
    log.info(`using the local Neo4j already running on ${running.uri} (pid ${running.pid})`);
    uri = running.uri;
  } else {
    const launcher = log.child({ component: 'neo4j-local' });
    local = await startLocalNeo4j({
      dir: target.dir,
      port: target.port,
      heap: target.heap,
      pageCache: target.pageCache,
      txTimeoutSeconds: target.txTimeoutSeconds,
      txMemoryMax: target.txMemoryMax,
      log: (line) => launcher.info(line),
    });
    uri = local.uri;
  }
  const connect = (queryTimeoutMs: number) =>
    new Database({ uri, database: target.database, ...config.driver, queryTimeoutMs });
  const db = connect(config.queryTimeoutMs);
  try {
    await db.waitUntilReachable(30_000);
  } catch (error) {
    await db.close();
    await local?.stop();
    throw error;
  }
  return {
    db,
    local,
    connect,
    close: async () => {
      await db.close();
      await local?.stop();
    },
  };
}
