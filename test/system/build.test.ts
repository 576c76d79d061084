/**
 * Production runs compiled JavaScript. This does what the Dockerfile does, without Docker: a build
 * stage (the sources, `npm run build`) and a runtime directory holding only dist/, data/, schema/
 * and the production dependencies (no TypeScript, tsx or esbuild), from which `node dist/main.js`
 * serves the API and the concept-map page against the test Neo4j.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../src/neo4j/local-neo4j.ts';

const ROOT = resolve('.');
const work = mkdtempSync(join(tmpdir(), 'concept-graph-build-'));
const buildDir = join(work, 'build');
const runtimeDir = join(work, 'runtime');

/** Top-level packages of a production install (`npm ci --omit=dev`), read from the lockfile. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; link?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !entry.dev)
    .map(([path]) => path)
    .filter((path) => existsSync(join(ROOT, path)));
}

let server: ChildProcess | undefined;
let output = '';
let base = '';

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null)
      throw new Error(`node dist/main.js exited (${server?.exitCode}):\n${output}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`node dist/main.js was not ready within ${timeoutMs} ms:\n${output}`);
}

beforeAll(async () => {
  // Build stage: the files the Dockerfile copies, with this checkout's installed node_modules.
  mkdirSync(buildDir);
  for (const path of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'scripts',
    'src',
  ]) {
    cpSync(join(ROOT, path), join(buildDir, path), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(buildDir, 'node_modules'), 'dir');
  const build = spawnSync('npm', ['run', 'build'], { cwd: buildDir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);

  // Runtime image: dist/, data/, schema/, package.json and production packages only.
  mkdirSync(join(runtimeDir, 'node_modules'), { recursive: true });
  cpSync(join(buildDir, 'dist'), join(runtimeDir, 'dist'), { recursive: true, preserveTimestamps: true });
  for (const path of ['package.json', 'data', 'schema']) {
    cpSync(join(ROOT, path), join(runtimeDir, path), { recursive: true });
  }
  for (const path of productionPackages()) {
    mkdirSync(dirname(join(runtimeDir, path)), { recursive: true });
    symlinkSync(join(ROOT, path), join(runtimeDir, path), 'dir');
  }

  const neo4j = inject('neo4j');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: runtimeDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOAD_ON_START: 'never',
      NEO4J_URI: neo4j.uri,
      NEO4J_DATABASE: neo4j.database,
      ...(neo4j.password
        ? { NEO4J_USER: neo4j.user ?? 'neo4j', NEO4J_PASSWORD: neo4j.password }
        : { NEO4J_AUTH: 'none' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  server.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await waitUntilReady(`${base}/ready`, 60_000);
}, 300_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server?.once('exit', done));
    server.kill('SIGTERM');
    const hard = setTimeout(() => server?.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(hard);
  }
  rmSync(work, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('compiles the server into dist/ at the depths of src/ and bundles the page into dist/web', () => {
    expect(existsSync(join(buildDir, 'dist/main.js'))).toBe(true);
    expect(existsSync(join(buildDir, 'dist/cli/load.js'))).toBe(true);
    expect(existsSync(join(buildDir, 'dist/web/index.html'))).toBe(true);
    expect(existsSync(join(buildDir, 'dist/web/app'))).toBe(false); // browser code is bundled, not compiled
    const compiled = readdirSync(join(buildDir, 'dist'), { recursive: true }).map(String);
    expect(compiled.filter((file) => file.endsWith('.test.js'))).toEqual([]); // unit tests stay out
  });

  it('leaves no TypeScript import specifier in the compiled code', () => {
    const main = readFileSync(join(buildDir, 'dist/main.js'), 'utf8');
    expect(main).toMatch(/from '\.\/[^']+\.js'|from "\.\/[^"]+\.js"/);
    expect(main).not.toMatch(/from ['"][^'"]+\.ts['"]/);
  });
});

describe('node dist/main.js with production dependencies only', () => {
  it('answers a GraphQL query', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: /* GraphQL */ '{ concept(slug: "runc") { slug name } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      data: { concept: { slug: 'runc', name: expect.any(String) } },
    });
  });

  it('serves the concept-map page and its bundle', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(`${base}${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  });

  it('cannot reach the build tools (they are devDependencies)', () => {
    for (const tool of ['tsx', 'esbuild', 'typescript', 'cytoscape']) {
      expect(existsSync(join(runtimeDir, 'node_modules', tool))).toBe(false);
    }
  });
});
