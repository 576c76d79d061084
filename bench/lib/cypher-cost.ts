/**
 * What a request costs Neo4j, by Neo4j's own count: the Cypher our API sends for one GraphQL
 * request (recorded around an in-process yoga on a recording Database) and the hand-written
 * Cypher of the raw side, each run under `PROFILE`, their db hits summed over the plan.
 */
import neo4j from 'neo4j-driver';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/logger.ts';
import { Database, type Params } from '../../src/neo4j/database.ts';
import { buildYoga } from '../../src/server/yoga.ts';
import type { GraphQLRequest, RawQuery } from '../shapes.ts';

interface PlanNode {
  dbHits: number;
  children: PlanNode[];
}
const dbHitsOf = (plan: PlanNode): number =>
  plan.dbHits + plan.children.reduce((sum, c) => sum + dbHitsOf(c), 0);

/** A Database that remembers the reads it runs while `recording` is set. */
class RecordingDatabase extends Database {
  recording: { cypher: string; params: Params }[] | undefined;
  override read: Database['read'] = (cypher, params = {}, ...rest) => {
    this.recording?.push({ cypher, params });
    return super.read(cypher, params, ...rest);
  };
}

export interface RequestCost {
  /** Bolt queries (Cypher statements) one request sends. */
  statements: number;
  dbHits: number;
}

export class CypherCost {
  private readonly db: RecordingDatabase;
  private readonly yoga: ReturnType<typeof buildYoga>;

  constructor(uri: string) {
    this.db = new RecordingDatabase({ uri, database: 'neo4j', queryTimeoutMs: 60_000 });
    // The same plugins and configuration as the measured server (uncached).
    this.yoga = buildYoga({
      db: this.db,
      config: loadConfig({
        NODE_ENV: 'production',
        RATE_LIMIT_MAX: '0',
        RATE_LIMIT_TIME_MS: '0',
        RESPONSE_CACHE: 'false',
      }),
      log: silentLogger,
    });
  }

  /** Db hits of one statement under PROFILE (run once unprofiled first, so that it is planned). */
  async profile(cypher: string, params: Params): Promise<number> {
    const session = this.db.driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    try {
      await session.run(cypher, params);
      const result = await session.run(`PROFILE ${cypher}`, params);
      return dbHitsOf(result.summary.profile as unknown as PlanNode);
    } finally {
      await session.close();
    }
  }

  /** The statements one request of ours sends, and their db hits together. */
  async ours(request: GraphQLRequest): Promise<RequestCost> {
    const fetch = async () => {
      const response = await this.yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (body.errors?.length)
        throw new Error(`our API answered errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
    };
    await fetch(); // plans every statement (planning the unrolled traversals takes seconds)
    this.db.recording = [];
    await fetch();
    const sent = this.db.recording;
    this.db.recording = undefined;
    let dbHits = 0;
    for (const { cypher, params } of sent) dbHits += await this.profile(cypher, params);
    return { statements: sent.length, dbHits };
  }

  raw(query: RawQuery): Promise<number> {
    return this.profile(query.cypher, query.params);
  }

  close() {
    return this.db.close();
  }
}
