/**
 * Builds the concept-map page into `dist/web`: esbuild bundles `src/web/app/main.ts` with code
 * splitting (Cytoscape, the study plan, routes, the roadmap and the table are chunks loaded when
 * first needed) into content-hashed files under `assets/`, and writes `index.html` with the
 * stylesheet inlined (no render-blocking request) and the first view's chunks preloaded.
 * `npm run web:build` runs it; `npm start` calls `buildWebIfMissing()`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { kindFiltersHtml, typeFiltersHtml } from './filters-html.ts';

const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
export const WEB_OUT_DIR = resolve(SOURCE_DIR, '../../dist/web');

export interface WebBuildFile {
  path: string;
  bytes: number;
  gzipBytes: number;
  /** Loaded by the first view (the entry and what it imports statically), or only on demand. */
  initial: boolean;
}

export interface WebBuildResult {
  outDir: string;
  files: WebBuildFile[];
  ms: number;
}

export interface WebBuildOptions {
  outDir?: string;
  /** Minify and drop source maps (default true); false for a debuggable build. */
  minify?: boolean;
}

export async function buildWeb(options: WebBuildOptions = {}): Promise<WebBuildResult> {
  const started = performance.now();
  const outDir = resolve(options.outDir ?? WEB_OUT_DIR);
  const minify = options.minify ?? true;
  // Only what this build writes: `dist/web` may also hold the compiled server modules.
  for (const name of ['assets', 'index.html', 'favicon.svg'])
    rmSync(join(outDir, name), { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });

  // Loaded lazily: the API must start even where esbuild is unavailable (see buildWebIfMissing).
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { app: join(SOURCE_DIR, 'app/main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify,
    sourcemap: minify ? false : 'linked',
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    outdir: join(outDir, 'assets'),
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const css = await build({
    entryPoints: [join(SOURCE_DIR, 'app/style.css')],
    bundle: true,
    minify,
    write: false,
    logLevel: 'warning',
  });
  const styleText = css.outputFiles[0]?.text ?? '';

  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint?.endsWith('app/main.ts'));
  if (!entry) throw new Error('esbuild produced no app bundle');
  const initial = new Set<string>([resolve(entry)]);
  const walk = (path: string) => {
    for (const imported of outputs[path]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || initial.has(resolve(imported.path))) continue;
      initial.add(resolve(imported.path));
      walk(imported.path);
    }
  };
  walk(entry);
  const preloads = [...initial]
    .filter((path) => path !== resolve(entry))
    .map((path) => `<link rel="modulepreload" href="/assets/${basename(path)}" />`)
    .join('\n    ');

  const html = readFileSync(join(SOURCE_DIR, 'index.html'), 'utf8')
    .replace('%APP_JS%', `/assets/${basename(entry)}`)
    .replace('%APP_CSS%', `<style>${styleText.trim()}</style>`)
    .replace('%PRELOADS%', preloads)
    .replace('%TYPE_FILTERS%', typeFiltersHtml())
    .replace('%KIND_FILTERS%', kindFiltersHtml());
  writeFileSync(join(outDir, 'index.html'), html);
  writeFileSync(join(outDir, 'favicon.svg'), readFileSync(join(SOURCE_DIR, 'favicon.svg')));

  const scripts = Object.keys(outputs)
    .filter((path) => path.endsWith('.js'))
    .map((path) => resolve(path));
  const files = [join(outDir, 'index.html'), ...scripts].map((path) => {
    const body = readFileSync(path);
    return {
      path: relative(outDir, path),
      bytes: body.byteLength,
      gzipBytes: gzipSync(body, { level: 9 }).byteLength,
      initial: path.endsWith('.html') || initial.has(path),
    };
  });
  return { outDir, files, ms: Math.round(performance.now() - started) };
}

/** True when `dist/web` is missing or older than any page source. */
export function webBuildIsStale(outDir = WEB_OUT_DIR): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [
    join(SOURCE_DIR, 'index.html'),
    join(SOURCE_DIR, 'favicon.svg'),
    join(SOURCE_DIR, 'filters-html.ts'),
  ];
  sources.push(...filesUnder(join(SOURCE_DIR, 'app')));
  return sources.some((path) => existsSync(path) && statSync(path).mtimeMs > built);
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  } catch {
    return [];
  }
}

/** Builds the page when it is missing or out of date; a no-op otherwise. */
export async function buildWebIfMissing(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  outDir = WEB_OUT_DIR,
): Promise<void> {
  if (!webBuildIsStale(outDir)) return;
  try {
    const result = await buildWeb({ outDir });
    log(`[web] built the concept-map page in ${result.ms} ms (${describe(result)})`);
  } catch (error) {
    // A read-only install or a missing bundler must not take the API down: `/` then explains.
    log(
      `[web] could not build the concept-map page (${error instanceof Error ? error.message : error}); the API is unaffected`,
    );
  }
}

function describe(result: WebBuildResult): string {
  return result.files.map((f) => `${f.path} ${kb(f.bytes)} / ${kb(f.gzipBytes)} gzip`).join(', ');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const minify = !process.argv.includes('--dev');
  buildWeb({ minify })
    .then((result) => {
      process.stdout.write(`concept-map page built into ${result.outDir} in ${result.ms} ms\n`);
      for (const file of result.files) {
        process.stdout.write(
          `  ${file.path.padEnd(40)} ${kb(file.bytes).padStart(10)}  ${kb(file.gzipBytes).padStart(9)} gzip${file.initial ? '  (first view)' : ''}\n`,
        );
      }
      const first = result.files.filter((f) => f.initial && f.path.endsWith('.js'));
      const all = result.files.filter((f) => f.path.endsWith('.js'));
      const sum = (list: typeof all) => kb(list.reduce((n, f) => n + f.gzipBytes, 0));
      process.stdout.write(`  JavaScript gzip: ${sum(first)} for the first view, ${sum(all)} in all\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`web build failed: ${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    });
}
