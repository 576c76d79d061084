/**
 * Every process the bench starts (server processes, the local Neo4j) is registered here and
 * stopped at the end, on error and on SIGINT/SIGTERM, so a bench never leaves one behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

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

export interface ServerProcess {
  name: string;
  pid: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * Spawns `script` (a TypeScript file run with tsx) with `env`, and resolves once it prints
 * `listening <port>`. Its stdin stays open: the server exits when the bench does.
 */
export async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<ServerProcess> {
  // Run node directly (not through the tsx wrapper process) so that the pid we watch for CPU
  // time is the process serving the requests.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const unregister = onCleanup(stop);
  const tail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      tail.push(line);
      if (tail.length > 30) tail.shift();
    }
  });
  const port = await new Promise<number>((done, fail) => {
    let buffer = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      const match = /listening (\d+)/.exec(buffer);
      if (match) done(Number(match[1]));
    });
    child.once('exit', (code) =>
      fail(new Error(`${name} exited during start-up (exit ${code}):\n${tail.join('\n')}`)),
    );
    setTimeout(() => fail(new Error(`${name} did not start within 60 s:\n${tail.join('\n')}`)), 60_000);
  });
  log(`${name} listening on 127.0.0.1:${port} (pid ${child.pid})`);
  return {
    name,
    pid: child.pid ?? -1,
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      unregister();
      await stop();
    },
  };
}

let clockTicks: number | undefined;

/** User + system CPU time of a process so far, in milliseconds (from /proc/<pid>/stat). */
export function cpuTimeMs(pid: number): number {
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  clockTicks ??= 100; // USER_HZ is 100 on Linux x86-64 and arm64
  return (ticks * 1000) / clockTicks;
}
