#!/usr/bin/env node
/**
 * `npm run build`: the concept-map page (`npm run web:build`, into dist/web), then the server
 * (`tsc -p tsconfig.build.json`, src/ into dist/ at the same depths). The page goes first because
 * its build empties dist/web, where the server's own src/web modules are compiled too.
 *
 *   --if-stale    build only what is missing or older than its sources (npm start, npm run load)
 *   --page-only   the page alone (npm run dev, which runs the server from source)
 *
 * Plain JavaScript, so that it runs before anything is compiled; TypeScript (a devDependency) lists
 * the server's files from tsconfig.build.json, so that list is written once.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = join(ROOT, 'tsconfig.build.json');
const PAGE_SOURCES = join(ROOT, 'src/web');
const PAGE_INDEX = join(ROOT, 'dist/web/index.html');

const args = new Set(process.argv.slice(2));
const ifStale = args.has('--if-stale');
const pageOnly = args.has('--page-only');
const log = (line) => process.stderr.write(`[build] ${line}\n`);
const require = createRequire(import.meta.url);

function loadTypeScript() {
  try {
    return require('typescript');
  } catch {
    return undefined;
  }
}

/** The server's source files and the .js each compiles to, as tsconfig.build.json says. */
function serverFiles(ts) {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    CONFIG,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!parsed) throw new Error(`cannot read ${relative(ROOT, CONFIG)}`);
  const { rootDir, outDir } = parsed.options;
  return parsed.fileNames
    .filter((file) => !file.endsWith('.d.ts'))
    .map((source) => ({
      source,
      output: join(outDir, relative(rootDir, source)).replace(/\.[cm]?ts$/, '.js'),
    }));
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : undefined);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Why the server must be compiled, or undefined when dist/ is up to date. */
function serverStaleness(files) {
  const configs = Math.max(mtime(CONFIG) ?? 0, mtime(join(ROOT, 'tsconfig.json')) ?? 0);
  for (const { source, output } of files) {
    const built = mtime(output);
    if (built === undefined) return `${relative(ROOT, output)} is missing`;
    if (built < (mtime(source) ?? 0) || built < configs) return `${relative(ROOT, source)} changed`;
  }
  return undefined;
}

/** Why the page must be bundled: its sources are src/web minus the server modules compiled by tsc. */
function pageStaleness(files) {
  const built = mtime(PAGE_INDEX);
  if (built === undefined) return 'dist/web/index.html is missing';
  const server = new Set(files.map((f) => f.source));
  const changed = walk(PAGE_SOURCES).find((file) => !server.has(file) && (mtime(file) ?? 0) > built);
  return changed ? `${relative(ROOT, changed)} changed` : undefined;
}

function run(what, command, commandArgs) {
  const started = performance.now();
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    log(`${what} failed${result.error ? `: ${result.error.message}` : ''}`);
    process.exit(result.status ?? 1);
  }
  log(`${what} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const buildPage = () => run('concept-map page bundled', 'npm', ['run', '--silent', 'web:build']);
const buildServer = () =>
  run('server compiled into dist/', process.execPath, [
    join(dirname(require.resolve('typescript/package.json')), 'bin/tsc'),
    '-p',
    relative(ROOT, CONFIG),
  ]);

const ts = loadTypeScript();
if (!ts) {
  // A production install (npm ci --omit=dev) cannot build, but can run what is built.
  if (ifStale && existsSync(join(ROOT, 'dist/main.js')) && existsSync(PAGE_INDEX)) process.exit(0);
  log('TypeScript is not installed: run `npm ci` (with devDependencies), then `npm run build`');
  process.exit(1);
}
const files = serverFiles(ts);

if (!ifStale) {
  // A clean build: nothing left over from sources that no longer exist.
  if (!pageOnly) rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  buildPage();
  if (!pageOnly) buildServer();
} else {
  const page = pageStaleness(files);
  if (page) {
    log(`bundling the concept-map page (${page})`);
    buildPage();
  }
  const server = pageOnly ? undefined : serverStaleness(files);
  if (server) {
    log(`compiling the server (${server})`);
    buildServer();
  }
  if (!page && !server) log('dist/ is up to date');
}
