/**
 * Opens the graph the configuration points at: an external Neo4j, or the project's local one —
 * reused when another process of ours already runs it on the same directory, started otherwise.
 */
import type { Config } from '../config.ts';
import { Database } from './database.ts';
import { findRunningLocalNeo4j, type LocalNeo4j, startLocalNeo4j } from './local-neo4j.ts';

export interface OpenGraph {
  db: Database;
  /** Present when this process started the local Neo4j and so must stop it. */
  local?: LocalNeo4j;
  /** Closes the driver, then stops the local Neo4j if we started it. */
  close(): Promise<void>;
}

export async function openGraph(config: Config, log: (line: string) => void): Promise<OpenGraph> {
  const target = config.neo4j;
  if (target.mode === 'external') {
    const db = new Database({ ...target, ...config.driver, queryTimeoutMs: config.queryTimeoutMs });
    return { db, close: () => db.close() };
  }
  const running = await findRunningLocalNeo4j(target.dir);
  let local: LocalNeo4j | undefined;
  let uri: string;
  if (running) {
    log(`using the local Neo4j already running on ${running.uri} (pid ${running.pid})`);
    uri = running.uri;
  } else {
    local = await startLocalNeo4j({
      dir: target.dir,
      port: target.port,
      heap: target.heap,
      pageCache: target.pageCache,
      txTimeoutSeconds: target.txTimeoutSeconds,
      txMemoryMax: target.txMemoryMax,
      log: (line) => log(`[neo4j-local] ${line}`),
    });
    uri = local.uri;
  }
  const db = new Database({
    uri,
    database: target.database,
    ...config.driver,
    queryTimeoutMs: config.queryTimeoutMs,
  });
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
    close: async () => {
      await db.close();
      await local?.stop();
    },
  };
}
