/**
 * The tests' door to the real Neo4j started by the global setup: a driver per test file, Cypher
 * for checking the database side, the real data loader, and an in-process GraphQL client.
 */
import { resolve } from 'node:path';
import { pino } from 'pino';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../../src/config.ts';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { syncGraph } from '../../src/loader/sync.ts';
import { type Logger, silentLogger } from '../../src/logger.ts';
import { plain } from '../../src/neo4j/convert.ts';
import { Database } from '../../src/neo4j/database.ts';
import { buildYoga, type Yoga } from '../../src/server/yoga.ts';

export function testDatabase(options: { queryTimeoutMs?: number } = {}): Database {
  const target = inject('neo4j');
  return new Database({ ...target, queryTimeoutMs: options.queryTimeoutMs ?? 10_000 });
}

/** Runs Cypher and returns plain rows (integers converted). */
export async function runCypher<T = Record<string, unknown>>(
  db: Database,
  cypher: string,
  params: Record<string, unknown> = {},
): Promise<T[]> {
  const { records } = await db.write(cypher, params);
  return records.map((r) => plain<T>(r.toObject()));
}

export async function graphCounts(
  db: Database,
): Promise<{ nodes: number; relationships: number; checksum: string | null }> {
  const [row] = await runCypher<{ nodes: number; relationships: number; checksum: string | null }>(
    db,
    `CALL () { MATCH (n) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     OPTIONAL MATCH (m:GraphMeta {id: 'graph'})
     RETURN nodes, relationships, m.checksum AS checksum`,
  );
  return row as { nodes: number; relationships: number; checksum: string | null };
}

export const realData = () => readAndValidate(resolve('data')).data;

/** Puts the real `data/` back (after a test changed the graph). */
export async function loadRealData(db: Database): Promise<void> {
  await syncGraph(db, realData());
}

/** The configuration a test server runs with: the documented defaults, plus `env` variables. */
export function testConfig(env: Record<string, string> = {}): Config {
  // No time budget: a test file sends many dear documents from one client in a few seconds.
  return loadConfig({ NODE_ENV: 'test', RATE_LIMIT_TIME_MS: '0', ...env });
}

export function testYoga(db: Database, env: Record<string, string> = {}): Yoga {
  return buildYoga({ db, config: testConfig(env), log: silentLogger });
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export async function gql<T = Record<string, any>>(
  yoga: Yoga,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse<T>> {
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/** A logger that keeps every line it writes (JSON) for a test to inspect. */
export function captureLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: pino({ level: 'debug' }, { write: (line: string) => lines.push(line) }), lines };
}
