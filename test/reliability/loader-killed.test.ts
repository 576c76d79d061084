/**
 * Property 7: Neo4j killed (SIGKILL) in the middle of a load. The loader CLI exits non-zero, and
 * once Neo4j is back the graph — node and relationship counts and the content checksum in
 * (:GraphMeta) — is exactly the one before the load. Fault injection at batch N and two loaders
 * at once are covered in test/loader/sync.test.ts.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { syncGraph } from '../../src/loader/sync.ts';
import { Database } from '../../src/neo4j/database.ts';
import { graphCounts } from '../helpers/graph.ts';
import { privateNeo4j, report } from './helpers.ts';

let neo4j: Awaited<ReturnType<typeof privateNeo4j>>;

beforeAll(async () => {
  neo4j = await privateNeo4j('loader-kill', { heap: '512m', pageCache: '64m' });
}, 180_000);
afterAll(async () => {
  await neo4j?.dispose();
});

describe('Neo4j killed with SIGKILL in the middle of `npm run load`', () => {
  it('the loader exits non-zero and, after restart, the graph is exactly the previous one', async () => {
    const uri = neo4j.local.uri;
    const db = new Database({ uri, database: 'neo4j', queryTimeoutMs: 30_000 });
    const base = readAndValidate(resolve('test/fixtures/data/sync-base')).data;
    await syncGraph(db, base);
    const before = await graphCounts(db);
    await db.close();

    // One row per batch makes the real data/ a load of thousands of round trips: plenty of time.
    const loader = spawn(process.execPath, ['--import', 'tsx', 'src/cli/load.ts', '--batch-size', '1'], {
      env: { PATH: process.env.PATH ?? '', NEO4J_URI: uri, NEO4J_AUTH: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((done) => loader.on('exit', (code) => done(code)));
    const midLoad = new Promise<void>((done) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/concepts: batch 100\//.test(output)) done();
      };
      loader.stdout.on('data', onData);
      loader.stderr.on('data', onData);
    });
    await Promise.race([midLoad, exited]);
    const killedAt = /concepts: batch (\d+)\/(\d+)/g;
    const progress = [...output.matchAll(killedAt)].pop();
    process.kill(neo4j.local.pid, 'SIGKILL');
    const code = await exited;
    expect(code, output.slice(-2_000)).not.toBe(0);
    expect(output).toMatch(/load failed, the graph is unchanged/);

    const started = Date.now();
    await neo4j.restart();
    const recovered = new Database({ uri, database: 'neo4j', queryTimeoutMs: 30_000 });
    try {
      await recovered.waitUntilReachable(60_000);
      expect(await graphCounts(recovered)).toEqual(before);
    } finally {
      await recovered.close();
    }
    report('loader killed: killed at concept batch', progress?.slice(1).join('/') ?? 'unknown');
    report('loader killed: loader exit code', code);
    report('loader killed: graph before = after restart', before);
    report('loader killed: restart + recovery ms', Date.now() - started);
  });
});
