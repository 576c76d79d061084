/**
 * 3. Round trips: how many Bolt queries one GraphQL request costs. Our yoga runs in this process
 * on its own Database, whose `queryCount` is read around each request.
 */
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { Database } from '../../src/neo4j/database.ts';
import { buildYoga } from '../../src/server/yoga.ts';
import type { BenchQuery } from '../queries.ts';

export interface RoundTripRow {
  id: string;
  title: string;
  /** Bolt queries per request (the same on every repetition, or the list of what was seen). */
  queries: number;
  stable: boolean;
}

export async function measureRoundTrips(uri: string, queries: BenchQuery[]): Promise<RoundTripRow[]> {
  const db = new Database({ uri, database: 'neo4j', queryTimeoutMs: 30_000 });
  try {
    const yoga = buildYoga({
      db,
      config: loadConfig({ NODE_ENV: 'production', RATE_LIMIT_MAX: '0' }),
      log: silentLogger,
    });
    const rows: RoundTripRow[] = [];
    for (const query of queries) {
      const counts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const before = db.queryCount;
        const response = await yoga.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(query.ours),
        });
        const body = (await response.json()) as { errors?: unknown[] };
        if (body.errors?.length) throw new Error(`${query.id}: ${JSON.stringify(body.errors).slice(0, 300)}`);
        counts.push(db.queryCount - before);
      }
      rows.push({
        id: query.id,
        title: query.title,
        queries: Math.max(...counts),
        stable: counts.every((c) => c === counts[0]),
      });
    }
    return rows;
  } finally {
    await db.close();
  }
}
