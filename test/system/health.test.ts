import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/neo4j/database.ts';
import { startLocalNeo4j } from '../../src/neo4j/local-neo4j.ts';
import { testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
afterAll(() => db.close());

describe('/health and /ready', () => {
  it('answer 200 while Neo4j is reachable', async () => {
    const yoga = testYoga(db);
    expect((await yoga.fetch('http://yoga/health')).status).toBe(200);
    const ready = await yoga.fetch('http://yoga/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('/ready turns 503 once the database is stopped, without leaking connection details; /health stays 200', async () => {
    const dir = resolve('.neo4j-local/test-ready');
    rmSync(dir, { recursive: true, force: true });
    const local = await startLocalNeo4j({ dir, heap: '256m', pageCache: '32m', log: () => {} });
    const own = new Database({ uri: local.uri, database: 'neo4j', queryTimeoutMs: 2_000 });
    try {
      const yoga = testYoga(own);
      expect((await yoga.fetch('http://yoga/ready')).status).toBe(200);
      await local.stop();
      const ready = await yoga.fetch('http://yoga/ready');
      expect(ready.status).toBe(503);
      const body = await ready.text();
      expect(body).not.toContain(String(local.port));
      expect(body).not.toContain('127.0.0.1');
      expect((await yoga.fetch('http://yoga/health')).status).toBe(200);

      const query = await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ concept(slug: "runc") { name } }' }),
      });
      const result = (await query.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(result.errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(result.errors[0]?.message).not.toMatch(/127\.0\.0\.1|bolt|ECONNREFUSED/i);
    } finally {
      await own.close();
      await local.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
