/**
 * Starts the real local Neo4j once for the whole run (or uses NEO4J_URI when set: the tests then
 * own that database and replace its graph) and loads the real `data/` into it.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { readAndValidate } from '../src/loader/read-and-validate.ts';
import { syncGraph } from '../src/loader/sync.ts';
import { formatProblem } from '../src/loader/validate.ts';
import { Database } from '../src/neo4j/database.ts';
import { type LocalNeo4j, startLocalNeo4j } from '../src/neo4j/local-neo4j.ts';

export interface TestNeo4j {
  uri: string;
  user?: string;
  password?: string;
  database: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

interface SharedNeo4j {
  target: Promise<TestNeo4j>;
  users: number;
  stop: () => Promise<void>;
}

/**
 * Every Neo4j-backed project (api, writes, system, browser) runs this setup; they share one
 * Neo4j, started by the first and stopped after the last. The count lives on `globalThis`
 * because each project may load this module anew.
 */
const registry = globalThis as typeof globalThis & { __testNeo4j?: SharedNeo4j };

export default async function setup(project: TestProject) {
  if (!registry.__testNeo4j) {
    let stop = async () => {};
    const target = startAndLoad((stopper) => {
      stop = stopper;
    });
    registry.__testNeo4j = { target, users: 0, stop: () => stop() };
  }
  const shared = registry.__testNeo4j;
  shared.users += 1;
  project.provide('neo4j', await shared.target);
  return async () => {
    shared.users -= 1;
    if (shared.users === 0) {
      registry.__testNeo4j = undefined;
      await shared.stop();
    }
  };
}

async function startAndLoad(onStop: (stop: () => Promise<void>) => void): Promise<TestNeo4j> {
  let local: LocalNeo4j | undefined;
  let dir: string | undefined;
  let target: TestNeo4j;
  if (process.env.NEO4J_URI) {
    target = {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD,
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
    };
  } else {
    // One directory per run, so that two runs on one machine never share (and break) a store.
    dir = resolve(`.neo4j-local/test-run-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    local = await startLocalNeo4j({ dir, heap: '1g', pageCache: '256m' });
    target = { uri: local.uri, database: 'neo4j' };
  }
  const stop = async () => {
    await local?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  onStop(stop);

  const checked = readAndValidate(resolve('data'));
  if (checked.errors.length > 0) {
    await stop();
    throw new Error(`data/ is invalid, tests cannot run:\n${checked.errors.map(formatProblem).join('\n')}`);
  }
  const db = new Database({ ...target, queryTimeoutMs: 30_000 });
  try {
    await db.waitUntilReachable(30_000);
    await syncGraph(db, checked.data);
  } finally {
    await db.close();
  }
  return target;
}
