/**
 * Builds the concept-map page into `dist/web`: esbuild bundles `src/web/app/main.ts` (with
 * Cytoscape) and its CSS into content-hashed files under `assets/`, and `index.html` is written
 * with their names. `npm run web:build` runs it; `npm start` calls `buildWebIfMissing()`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
export const WEB_OUT_DIR = resolve(SOURCE_DIR, '../../dist/web');

export interface WebBuildResult {
  outDir: string;
  files: { path: string; bytes: number; gzipBytes: number }[];
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
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });

  // Loaded lazily: the API must start even where esbuild is unavailable (see buildWebIfMissing).
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: { app: join(SOURCE_DIR, 'app/main.ts'), style: join(SOURCE_DIR, 'app/style.css') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify,
    sourcemap: minify ? false : 'linked',
    entryNames: '[name]-[hash]',
    outdir: join(outDir, 'assets'),
    metafile: true,
    legalComments: 'linked',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });

  const outputs = Object.keys(result.metafile.outputs).map((path) => resolve(path));
  const script = outputs.find((path) => basename(path).startsWith('app-') && path.endsWith('.js'));
  const style = outputs.find((path) => basename(path).startsWith('style-') && path.endsWith('.css'));
  if (!script || !style) throw new Error('esbuild produced no app bundle or stylesheet');

  const html = readFileSync(join(SOURCE_DIR, 'index.html'), 'utf8')
    .replace('%APP_JS%', `/assets/${basename(script)}`)
    .replace('%APP_CSS%', `/assets/${basename(style)}`);
  writeFileSync(join(outDir, 'index.html'), html);
  writeFileSync(join(outDir, 'favicon.svg'), readFileSync(join(SOURCE_DIR, 'favicon.svg')));

  const files = [join(outDir, 'index.html'), script, style].map((path) => {
    const body = readFileSync(path);
    return {
      path: relative(outDir, path),
      bytes: body.byteLength,
      gzipBytes: gzipSync(body, { level: 9 }).byteLength,
    };
  });
  return { outDir, files, ms: Math.round(performance.now() - started) };
}

/** True when `dist/web` is missing or older than any page source. */
export function webBuildIsStale(outDir = WEB_OUT_DIR): boolean {
  const index = join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(SOURCE_DIR, 'index.html'), join(SOURCE_DIR, 'favicon.svg')];
  const appDir = join(SOURCE_DIR, 'app');
  for (const name of readdirNames(appDir)) sources.push(join(appDir, name));
  return sources.some((path) => existsSync(path) && statSync(path).mtimeMs > built);
}

function readdirNames(dir: string): string[] {
  try {
    return readdirSync(dir);
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
          `  ${file.path.padEnd(36)} ${kb(file.bytes).padStart(10)}  ${kb(file.gzipBytes).padStart(9)} gzip\n`,
        );
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`web build failed: ${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    });
}
