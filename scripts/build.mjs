#!/usr/bin/env node
/**
 * `npm run build`: the concept-map page (`npm run web:build`, into dist/web), then the server
 * (`tsc -p tsconfig.build.json`, src/ into dist/ at the same depths). The page goes first because
 * its build empties dist/web, where the server's own src/web modules are compiled too.
 *
 *   --if-stale    build only what is missing or older than its sources (npm start, npm run load)
 *   --page-only   the page alone (npm run dev, which runs the server from source)
 *
 * Plain JavaScript, so that it runs before anything is compiled. Which files make the server is
 * tsc's answer (tsconfig.build.json names the entry points), kept in dist/.server-build.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = join(ROOT, 'tsconfig.build.json');
const SOURCES = join(ROOT, 'src');
const PAGE_SOURCES = join(ROOT, 'src/web');
const PAGE_INDEX = join(ROOT, 'dist/web/index.html');
/** What the last server build read and wrote, as tsc listed them (--listFiles --listEmittedFiles). */
const MANIFEST = join(ROOT, 'dist/.server-build.json');

const args = new Set(process.argv.slice(2));
const ifStale = args.has('--if-stale');
const pageOnly = args.has('--page-only');
const log = (line) => process.stderr.write(`[build] ${line}\n`);
const require = createRequire(import.meta.url);

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : undefined);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function readManifest() {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why the server must be compiled, or undefined when dist/ is up to date. */
function serverStaleness(manifest) {
  if (!manifest) return 'never built';
  const built = mtime(MANIFEST);
  const changed = [CONFIG, join(ROOT, 'tsconfig.json'), ...manifest.sources].find(
    (file) => (mtime(file) ?? Number.POSITIVE_INFINITY) > built,
  );
  if (changed) return `${relative(ROOT, changed)} changed`;
  const missing = manifest.outputs.find((file) => !existsSync(file));
  return missing ? `${relative(ROOT, missing)} is missing` : undefined;
}

/**
 * Why the page must be bundled: anything under src/web changed since (its build helpers and the
 * server's src/web modules included: a spare 1-3 s bundle beats a stale page).
 */
function pageStaleness() {
  const built = mtime(PAGE_INDEX);
  if (built === undefined) return 'dist/web/index.html is missing';
  const changed = walk(PAGE_SOURCES).find((file) => (mtime(file) ?? 0) > built);
  return changed ? `${relative(ROOT, changed)} changed` : undefined;
}

function report(what, started) {
  log(`${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

function buildPage() {
  const started = performance.now();
  const result = spawnSync('npm', ['run', '--silent', 'web:build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`bundling the concept-map page failed${result.error ? `: ${result.error.message}` : ''}`);
    process.exit(result.status ?? 1);
  }
  report('concept-map page bundled', started);
}

function buildServer() {
  let tsc;
  try {
    tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
  } catch {
    log('TypeScript is not installed: run `npm ci` (with devDependencies), then `npm run build`');
    process.exit(1);
  }
  const started = performance.now();
  rmSync(MANIFEST, { force: true });
  const result = spawnSync(
    process.execPath,
    [tsc, '-p', relative(ROOT, CONFIG), '--listFiles', '--listEmittedFiles'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const lines = result.stdout.split('\n').filter(Boolean);
  const outputs = lines.filter((line) => line.startsWith('TSFILE: ')).map((line) => line.slice(8));
  const sources = lines.map((line) => resolve(ROOT, line)).filter((file) => file.startsWith(`${SOURCES}/`));
  const diagnostics = lines.filter(
    (line) => !line.startsWith('TSFILE: ') && !existsSync(resolve(ROOT, line)),
  );
  if (diagnostics.length > 0) process.stderr.write(`${diagnostics.join('\n')}\n`);
  if (result.status !== 0) {
    log(`compiling the server failed${result.error ? `: ${result.error.message}` : ''}`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(MANIFEST, `${JSON.stringify({ sources, outputs }, null, 2)}\n`);
  report(`server compiled into dist/ (${sources.length} modules)`, started);
}

if (!ifStale) {
  // A clean build: nothing left over from sources that no longer exist.
  if (!pageOnly) rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  buildPage();
  if (!pageOnly) buildServer();
} else {
  const page = pageStaleness();
  if (page) {
    log(`bundling the concept-map page (${page})`);
    buildPage();
  }
  const server = pageOnly ? undefined : serverStaleness(readManifest());
  if (server) {
    log(`compiling the server (${server})`);
    buildServer();
  }
  if (!page && !server) log('dist/ is up to date');
}
