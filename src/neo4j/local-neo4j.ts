/**
 * The embedded default: the real Neo4j 5.26 community engine, built from Maven Central artifacts
 * by `neo4j-local/pom.xml` and run as a child JVM bound to 127.0.0.1. The child watches its stdin
 * and exits when it closes, so it dies with us even when we are killed with SIGKILL.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnAndWaitForLine } from '../process/wait-for-line.ts';

export const LAUNCHER_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../neo4j-local');
const MAIN_CLASS = 'dev.conceptgraph.LocalNeo4j';
const CLASS_FILE = join(LAUNCHER_DIR, 'target/classes/dev/conceptgraph/LocalNeo4j.class');
const LIB_DIR = join(LAUNCHER_DIR, 'target/lib');
/** Written after a successful build; a launcher built before its sources changed is rebuilt. */
const BUILD_STAMP = join(LAUNCHER_DIR, 'target/built.stamp');
const LAUNCHER_SOURCES = [
  join(LAUNCHER_DIR, 'pom.xml'),
  join(LAUNCHER_DIR, 'src/main/java/dev/conceptgraph/LocalNeo4j.java'),
];

export interface LocalNeo4jOptions {
  /** Data directory (created if missing). */
  dir: string;
  /** Bolt port; 0 picks a free one. */
  port?: number;
  heap?: string;
  pageCache?: string;
  /** Server-side cap on the memory of all transactions together. */
  txMemoryMax?: string;
  /** Server-side transaction timeout, in seconds. */
  txTimeoutSeconds?: number;
  /**
   * Extra settings by their neo4j.conf name (`db.transaction.timeout: '60s'`), read under strict
   * validation: a name Neo4j does not declare or a value it cannot parse fails the start with
   * Neo4j's message. They override the options above, never the loopback-only Bolt connector,
   * the disabled auth or the strict validation itself.
   */
  settings?: Readonly<Record<string, string>>;
  /** Where progress lines go (stderr by default). */
  log?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  pid: number;
  /** Resolves once the JVM has exited; idempotent. */
  stop(): Promise<void>;
}

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

const defaultLog = (line: string) => process.stderr.write(`[neo4j-local] ${line}\n`);

/** True when the launcher is built and newer than its sources. */
export function isLauncherBuilt(): boolean {
  if (!existsSync(CLASS_FILE) || !existsSync(LIB_DIR) || !existsSync(BUILD_STAMP)) return false;
  const built = statSync(BUILD_STAMP).mtimeMs;
  return LAUNCHER_SOURCES.every((source) => !existsSync(source) || statSync(source).mtimeMs <= built);
}

function javaMajorVersion(): number | undefined {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** Checks for Java 17+ and, when the launcher is not built yet, for Maven. */
export function checkToolchain(needMaven: boolean): void {
  const java = javaMajorVersion();
  if (java === undefined) {
    throw new LocalNeo4jError(
      'Java 17 or newer is required to run the local Neo4j, but `java` was not found on PATH.',
    );
  }
  if (java < 17) {
    throw new LocalNeo4jError(`Java 17 or newer is required to run the local Neo4j; found Java ${java}.`);
  }
  if (needMaven && spawnSync('mvn', ['-v'], { encoding: 'utf8' }).error) {
    throw new LocalNeo4jError(
      'Maven is required to build the local Neo4j (first run only), but `mvn` was not found on PATH. ' +
        'Install Maven 3.8+ or point NEO4J_URI at an existing Neo4j 5 instead.',
    );
  }
}

/**
 * Builds the launcher with Maven when it is not built yet (first run downloads ~120 MB of Neo4j
 * jars into ~/.m2). Progress lines from Maven are forwarded to `log`.
 */
export async function buildLauncher(
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<void> {
  const log = options.log ?? defaultLog;
  if (!options.force && isLauncherBuilt()) return;
  checkToolchain(true);
  log('building the local Neo4j with Maven (first run downloads the Neo4j 5.26 jars)...');
  const started = Date.now();
  let downloaded = 0;
  await new Promise<void>((resolvePromise, reject) => {
    const mvn = spawn('mvn', ['-B', 'package'], {
      cwd: LAUNCHER_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      // `-B` output: `[INFO] Downloaded from central: https://…` (one line per file fetched).
      if (/^(\[INFO\] )?Downloaded from /.test(line)) {
        downloaded += 1;
        if (downloaded % 25 === 0) log(`  ${downloaded} artifacts downloaded...`);
      }
    };
    for (const stream of [mvn.stdout, mvn.stderr]) {
      let buffer = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      });
    }
    mvn.on('error', reject);
    mvn.on('exit', (code) => {
      if (code === 0) resolvePromise();
      else
        reject(
          new LocalNeo4jError(
            `Maven build of neo4j-local failed (exit ${code}). Last output:\n${tail.join('\n')}`,
          ),
        );
    });
  });
  writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s (${downloaded} artifacts downloaded)`);
}

export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePromise(address.port);
        else reject(new LocalNeo4jError('could not pick a free port'));
      });
    });
  });
}

/** Builds the launcher if needed, starts Neo4j and resolves once Bolt is listening. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? defaultLog;
  await buildLauncher({ log });
  checkToolchain(false);
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const port = options.port || (await freePort());
  const args = [
    `-Xms${options.heap ?? '1g'}`,
    `-Xmx${options.heap ?? '1g'}`,
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    '-cp',
    `${join(LAUNCHER_DIR, 'target/classes')}:${join(LIB_DIR, '*')}`,
    MAIN_CLASS,
    dir,
    String(port),
    options.pageCache ?? '512m',
    options.txMemoryMax ?? '512m',
    String(options.txTimeoutSeconds ?? 60),
    ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['--setting', `${name}=${value}`]),
  ];
  log(`starting Neo4j 5.26 on bolt://127.0.0.1:${port} (data in ${dir})...`);
  const started = Date.now();
  const { child, exited } = await spawnAndWaitForLine('java', args, {
    pattern: /^neo4j-local: ready/,
    // Start-up is bounded by Neo4j itself; a JVM that hangs is ended by its parent going away.
    timeoutMs: 600_000,
    keepLines: 60,
    label: 'the local Neo4j',
  }).catch((error: unknown) => {
    throw new LocalNeo4jError(error instanceof Error ? error.message : String(error));
  });
  log(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid})`);
  const stateFile = join(dir, STATE_FILE);
  writeFileSync(stateFile, JSON.stringify({ port, pid: child.pid }));
  void exited.then(() => rmSync(stateFile, { force: true }));
  return { uri: `bolt://127.0.0.1:${port}`, port, pid: child.pid ?? -1, stop: stopper(child, exited, log) };
}

const STATE_FILE = 'running.json';

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolvePromise(true);
    });
    socket.once('error', () => resolvePromise(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolvePromise(false);
    });
  });
}

/**
 * The local Neo4j already running on `dir` (started by `npm start`, say), if any. Its store is
 * locked by that process, so a second one could not open it: tools connect to it instead.
 */
export async function findRunningLocalNeo4j(
  dir: string,
): Promise<{ uri: string; port: number; pid: number } | undefined> {
  let state: { port: number; pid: number };
  try {
    state = JSON.parse(readFileSync(join(resolve(dir), STATE_FILE), 'utf8'));
    process.kill(state.pid, 0);
  } catch {
    return undefined;
  }
  return (await portAnswers(state.port)) ? { uri: `bolt://127.0.0.1:${state.port}`, ...state } : undefined;
}

function stopper(child: ChildProcess, exited: Promise<number | null>, log: (line: string) => void) {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.end(); // the launcher shuts Neo4j down cleanly when its stdin closes
      const timer = setTimeout(() => child.kill('SIGTERM'), 20_000);
      const hardTimer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      clearTimeout(hardTimer);
      log('stopped');
    })();
    return stopping;
  };
}
