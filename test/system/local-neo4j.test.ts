import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return condition();
}

function waitForLine(child: ChildProcess, stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs: number) {
  return new Promise<RegExpMatchArray>((resolveLine, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${buffer}`)),
      timeoutMs,
    );
    child[stream]?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = buffer.match(pattern);
      if (match) {
        clearTimeout(timer);
        resolveLine(match);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited (${code}) before ${pattern}:\n${buffer}`)));
  });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('the local Neo4j process', () => {
  it('dies with its parent even when the parent is killed with SIGKILL', async () => {
    const dir = resolve('.neo4j-local/test-orphan');
    rmSync(dir, { recursive: true, force: true });
    const parent = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/start-local-neo4j.ts', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(parent);
    const [, pid] = await waitForLine(parent, 'stdout', /java-pid (\d+)/, 90_000);
    const javaPid = Number(pid);
    expect(alive(javaPid)).toBe(true);

    parent.kill('SIGKILL');
    expect(await waitFor(() => !alive(javaPid), 20_000)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('`npm start` serves GraphQL over HTTP, and SIGINT stops the server and Neo4j with exit code 0', async () => {
    const dir = resolve('.neo4j-local/test-start');
    rmSync(dir, { recursive: true, force: true });
    const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        NEO4J_URI: '',
        PORT: '0',
        NEO4J_LOCAL_DIR: dir,
        NEO4J_LOCAL_HEAP: '512m',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(server);
    // The server logs JSON lines on stdout; the start line names the address.
    const [, origin] = await waitForLine(
      server,
      'stdout',
      /GraphQL API on (http:\/\/[^/\s"]+)\/graphql/,
      120_000,
    );
    const url = `${origin}/graphql`;
    const javaPid = JSON.parse(readFileSync(resolve(dir, 'running.json'), 'utf8')).pid as number;

    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ concept(slug: "runc") { slug kind } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/\S+/);
    expect(await response.json()).toEqual({ data: { concept: { slug: 'runc', kind: 'COMPONENT' } } });

    const exited = new Promise<number | null>((r) => server.on('exit', (code) => r(code)));
    server.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(alive(javaPid)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
    // A cold Neo4j start plus the first load of data/.
  }, 240_000);
});
