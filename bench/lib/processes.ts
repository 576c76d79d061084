/**
 * Every process the bench starts (our server, the peer server, the raw-driver client, the local
 * Neo4j) is registered here and stopped at the end, on error and on SIGINT/SIGTERM, so a bench
 * never leaves one behind. All of them run compiled JavaScript with `node` itself as the process
 * whose CPU time is read (no wrapper process in between).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { createInterface } from 'node:readline';
import { freePort } from '../../src/neo4j/local-neo4j.ts';
import type { RawQuery, ShapeId } from '../shapes.ts';
import type { WindowResult } from './loops.ts';

type Stopper = () => Promise<void>;
const stoppers = new Map<string, Stopper>();
let nextId = 0;

export function onCleanup(stop: Stopper): () => void {
  const id = String(nextId++);
  stoppers.set(id, stop);
  return () => {
    stoppers.delete(id);
  };
}

/** Stops everything registered, newest first; never throws. */
export async function cleanupAll(): Promise<void> {
  const all = [...stoppers.entries()].reverse();
  stoppers.clear();
  for (const [, stop] of all) await stop().catch(() => {});
}

interface Tracked {
  child: ChildProcess;
  pid: number;
  /** The last lines it wrote to stderr and stdout, for error messages. */
  tail: string[];
  exited: Promise<void>;
  stop(): Promise<void>;
}

/** Spawns `node <args>` with `env` added; its stdin stays open, so it can exit when the bench does. */
function spawnNode(name: string, args: string[], env: Record<string, string>): Tracked {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      tail.push(line.slice(0, 500));
      if (tail.length > 30) tail.shift();
    }
  };
  child.stderr?.on('data', keep);
  const halt = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const unregister = onCleanup(halt);
  child.once('error', (error) => tail.push(`${name}: ${error.message}`));
  return {
    child,
    pid: child.pid ?? -1,
    tail,
    exited,
    stop: async () => {
      unregister();
      await halt();
    },
  };
}

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

const httpStatus = (url: string) =>
  new Promise<number>((resolveStatus) => {
    const request = get(url, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    request.on('error', () => resolveStatus(0));
    request.setTimeout(2_000, () => request.destroy());
  });

async function waitFor(name: string, tracked: Tracked, ready: () => Promise<boolean>, seconds = 90) {
  let exited = false;
  void tracked.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + seconds * 1000;
  while (!(await ready())) {
    if (exited) throw new Error(`${name} exited during start-up:\n${tracked.tail.join('\n')}`);
    if (Date.now() > deadline)
      throw new Error(`${name} was not ready within ${seconds} s:\n${tracked.tail.join('\n')}`);
    await new Promise((wake) => setTimeout(wake, 200));
  }
}

/**
 * Our API as production runs it — `node --enable-source-maps dist/main.js`, the command of `npm
 * start` and of the image (compiled by `npm run build`) — configured by the environment, on a free
 * port; ready when `/ready` answers 200.
 */
export async function startOurServer(
  name: string,
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<ServerProcess> {
  const port = await freePort();
  const tracked = spawnNode(name, ['--enable-source-maps', 'dist/main.js'], {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  tracked.child.stdout?.on('data', (chunk: Buffer) => {
    // Drained so that the server never blocks on a full pipe; kept for error messages.
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      tracked.tail.push(line.slice(0, 500));
      if (tracked.tail.length > 30) tracked.tail.shift();
    }
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(name, tracked, async () => (await httpStatus(`${base}/ready`)) === 200);
  log(`${name} listening on ${base} (pid ${tracked.pid})`);
  return { name, pid: tracked.pid, url: `${base}/graphql`, stop: tracked.stop };
}

/** A compiled bench script that prints `listening <port>` once it serves GraphQL. */
export async function startScriptServer(
  name: string,
  script: string,
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<ServerProcess> {
  const tracked = spawnNode(name, [script], env);
  let port: number | undefined;
  let buffer = '';
  tracked.child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const match = /listening (\d+)/.exec(buffer);
    if (match) port = Number(match[1]);
  });
  await waitFor(name, tracked, async () => port !== undefined);
  log(`${name} listening on 127.0.0.1:${port} (pid ${tracked.pid})`);
  return { name, pid: tracked.pid, url: `http://127.0.0.1:${port}/graphql`, stop: tracked.stop };
}

/** The raw-driver client (`raw-client.ts`): one command at a time, answered over its stdout. */
export interface RawClient {
  pid: number;
  answer(shape: ShapeId, raw: RawQuery): Promise<unknown>;
  run(shape: ShapeId, raw: RawQuery, concurrency: number, seconds: number): Promise<WindowResult>;
  stop(): Promise<void>;
}

export async function startRawClient(
  script: string,
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<RawClient> {
  const tracked = spawnNode('raw-driver client', [script], env);
  const pending = new Map<
    number,
    { resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  let ready = false;
  let id = 0;
  createInterface({ input: tracked.child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const message = JSON.parse(line) as Record<string, unknown>;
    if (message.ready) ready = true;
    const waiting = pending.get(message.id as number);
    if (!waiting) return;
    pending.delete(message.id as number);
    if (message.error) waiting.reject(new Error(`raw client: ${message.error}`));
    else waiting.resolve(message);
  });
  void tracked.exited.then(() => {
    for (const waiting of pending.values())
      waiting.reject(new Error(`the raw client exited:\n${tracked.tail.join('\n')}`));
  });
  await waitFor('raw-driver client', tracked, async () => ready);
  log(`raw-driver client ready (pid ${tracked.pid})`);
  const send = (command: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolveReply, reject) => {
      id += 1;
      pending.set(id, { resolve: resolveReply, reject });
      tracked.child.stdin?.write(`${JSON.stringify({ id, ...command })}\n`);
    });
  return {
    pid: tracked.pid,
    answer: async (shape, raw) => (await send({ op: 'answer', shape, raw })).answer,
    run: async (shape, raw, concurrency, seconds) =>
      (await send({ op: 'run', shape, raw, concurrency, seconds })).window as WindowResult,
    stop: tracked.stop,
  };
}

/** User + system CPU time of a process so far, in milliseconds (from /proc/<pid>/stat). */
export function cpuTimeMs(pid: number): number {
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15, in clock
  // ticks (USER_HZ, 100 on Linux x86-64 and arm64).
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
