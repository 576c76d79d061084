/**
 * Serves the built concept-map page (`dist/web`) from the same server as the API: `/` is the page,
 * `/assets/*` its content-hashed bundle. Everything else falls through to graphql-yoga.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { pageLayout } from './page-modes.ts';

/** `dist/web` of this checkout, wherever the process was started from (same as `build.ts`). */
export const DEFAULT_WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Assets carry a content hash in their name, so they never change under the same URL.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// The page itself names the current hashes: always revalidate it (cheap, thanks to the ETag).
const REVALIDATE = 'no-cache';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

interface CachedFile {
  mtimeMs: number;
  body: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
  etag: string;
}

export interface ConceptMapPageOptions {
  /** The build output (`npm run web:build`); `dist/web` by default. */
  dir?: string;
}

/** Maps a URL path onto a file under `root`, or `undefined` when it is not ours or tries to escape. */
export function resolveAssetPath(root: string, pathname: string): string | undefined {
  if (pathname === '/' || pathname === '/index.html') return resolve(root, 'index.html');
  if (pathname === '/favicon.svg') return resolve(root, 'favicon.svg');
  if (!pathname.startsWith('/assets/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  const file = resolve(root, `.${decoded}`);
  const assets = resolve(root, 'assets');
  return file.startsWith(assets + sep) ? file : undefined;
}

/**
 * Answers a request for the page or one of its assets; `undefined` means "not ours" (the API,
 * GraphiQL, `/health`, …). Usable from any fetch-style server, and wrapped by `useConceptMapPage`.
 */
export function createConceptMapHandler(options: ConceptMapPageOptions = {}) {
  const root = resolve(options.dir ?? DEFAULT_WEB_DIR);
  const cache = new Map<string, CachedFile>();
  const variants = new Map<string, CachedFile>();

  /**
   * The page with <body> already in the mode the address asks for (`?mode=learn`), so its first
   * paint has that mode's layout and nothing shifts when the script takes over.
   */
  function pageFor(entry: CachedFile, search: string): CachedFile {
    const { mode, presentation } = pageLayout(search);
    if (mode === 'explore' && presentation === 'map') return entry;
    const key = `${entry.etag}|${mode}|${presentation}`;
    const cached = variants.get(key);
    if (cached) return cached;
    const html = new TextDecoder()
      .decode(entry.body)
      .replace(
        '<body data-mode="explore" data-presentation="map">',
        `<body data-mode="${mode}" data-presentation="${presentation}">`,
      );
    const body = new TextEncoder().encode(html) as Uint8Array<ArrayBuffer>;
    const variant: CachedFile = {
      mtimeMs: entry.mtimeMs,
      body,
      gzip: new Uint8Array(gzipSync(body, { level: 9 })),
      etag: entry.etag.replace(/"$/, `-${mode}-${presentation}"`),
    };
    variants.set(key, variant);
    return variant;
  }

  async function load(file: string): Promise<CachedFile | undefined> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
    } catch {
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs) return cached;
    const body = new Uint8Array(await readFile(file));
    const type = CONTENT_TYPES[extname(file)] ?? '';
    const compressible =
      type.startsWith('text/') || type.startsWith('application/json') || type.includes('svg');
    const entry: CachedFile = {
      mtimeMs: info.mtimeMs,
      body,
      gzip: compressible && body.byteLength > 1024 ? new Uint8Array(gzipSync(body, { level: 9 })) : undefined,
      etag: `W/"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`,
    };
    cache.set(file, entry);
    return entry;
  }

  return async function handle(request: Request): Promise<Response | undefined> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const { pathname, search } = new URL(request.url);
    const isPage = pathname === '/' || pathname === '/index.html';
    if (!isPage && pathname !== '/favicon.svg' && !pathname.startsWith('/assets/')) return undefined;

    const file = resolveAssetPath(root, pathname);
    if (!file) return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain' } });
    const loaded = await load(file);
    const entry = loaded && isPage ? pageFor(loaded, search) : loaded;
    if (!entry) {
      if (isPage) {
        return new Response(
          'The concept-map page is not built. Run `npm run web:build` (or `npm start`, which builds it when missing), then reload.\nThe GraphQL API is at /graphql.\n',
          { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' } },
        );
      }
      return new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain' } });
    }

    const headers = new Headers({
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      etag: entry.etag,
      vary: 'accept-encoding',
    });
    if (isPage) headers.set('content-security-policy', PAGE_CSP);
    if (request.headers.get('if-none-match') === entry.etag) {
      return new Response(null, { status: 304, headers });
    }
    const gzip = /\bgzip\b/.test(request.headers.get('accept-encoding') ?? '') ? entry.gzip : undefined;
    const body = gzip ?? entry.body;
    if (gzip) headers.set('content-encoding', 'gzip');
    headers.set('content-length', String(body.byteLength));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

/** graphql-yoga plugin: serves the concept-map page at `/` before yoga routes the request. */
export function useConceptMapPage(options: ConceptMapPageOptions = {}): Plugin {
  const handle = createConceptMapHandler(options);
  return {
    async onRequest({ request, endResponse }) {
      const response = await handle(request);
      if (response) endResponse(response);
    },
  };
}
