/**
 * Cacheable reads. The graph changes only when a loader commits, so an answer stays right as long
 * as the graph's checksum does. Answers without errors are kept in memory with the checksum read
 * before they were computed; an answer is served again only after the checksum has been read for
 * this request and still matches (see `service/graph-version.ts`): an answer from before a reload
 * is never served after it. The answer's ETag names the checksum and the request: a GET with a
 * current `If-None-Match` gets 304 without executing anything; successful GET answers carry
 * `Cache-Control` (`no-cache` by default: keep, but revalidate).
 *
 * The checksum is read only when needed: for a hit, and for a miss just before the request's
 * first query (so a refused request reads nothing, and the checksum an answer is stored under is
 * never newer than its data); an answer that read nothing is not stored. Written here rather than
 * with yoga's response-cache plugin, which reads the version before it can even compute its key,
 * for every request, and rewrites every document to track entities we never invalidate one by one.
 */
import { createHash } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { Context } from '../context.ts';
import type { GraphVersion } from '../service/graph-version.ts';

export interface ResponseCacheOptions {
  /** Most answers kept (least recently used dropped first). */
  maxEntries: number;
  /** `Cache-Control` of successful GET answers. */
  cacheControl: string;
  /** Called for every answer served from the cache (304s included), with its request. */
  onHit?: (request: Request) => void;
}

interface Entry {
  version: string;
  etag: string;
  result: ExecutionResult;
  /** The answer as sent, serialized when first sent (a page of 50 concepts with full lists: ~250 KB). */
  body?: string;
}

/**
 * The entry's answer for yoga to send, the miss that computed it included. yoga serializes a
 * result with its own `stringify` when it has one (as @envelop/graphql-jit's results do), so each
 * answer is turned into JSON once, however often it is served.
 */
const served = (entry: Entry): ExecutionResult & { stringify: () => string } => ({
  ...entry.result,
  stringify: () => (entry.body ??= JSON.stringify(entry.result)),
});

interface RequestState {
  /** The graph's version, once read for this request; undefined when it could not be read. */
  version?: Promise<string | undefined>;
  key?: string;
  /** Set once the answer is known to be (or have been) cacheable: sent as the ETag. */
  etag?: string;
}

const isSingleResult = (result: unknown): result is ExecutionResult =>
  typeof result === 'object' &&
  result !== null &&
  !Array.isArray(result) &&
  !(Symbol.asyncIterator in result);

const etagOf = (version: string, key: string) => `"${version.slice(0, 16)}-${key.slice(0, 32)}"`;

export function responseCachePlugin(
  version: GraphVersion,
  isGraphQLRequest: (request: Request) => boolean,
  options: ResponseCacheOptions,
): Plugin {
  const cache = new LRUCache<string, Entry>({ max: options.maxEntries });
  const requests = new WeakMap<Request, RequestState>();
  /** The current entry for `key`, if the graph has not changed since it was computed. */
  const versionFor = (state: RequestState) => {
    state.version ??= version.current().catch(() => undefined);
    return state.version;
  };
  const currentEntry = async (state: RequestState, key: string) => {
    const entry = cache.get(key);
    return entry && entry.version === (await versionFor(state)) ? entry : undefined;
  };

  return {
    async onRequest({ request, endResponse, fetchAPI }) {
      if (!isGraphQLRequest(request)) return;
      const state: RequestState = {};
      requests.set(request, state);
      const etag = request.headers.get('if-none-match');
      if (etag === null || request.method !== 'GET') return;
      const url = new URL(request.url);
      const key = keyOf(
        url.searchParams.get('query'),
        parseJson(url.searchParams.get('variables')),
        url.searchParams.get('operationName'),
        parseJson(url.searchParams.get('extensions')),
      );
      const entry = key === undefined ? undefined : await currentEntry(state, key);
      if (!entry || entry.etag !== etag) return;
      options.onHit?.(request);
      endResponse(
        new fetchAPI.Response(null, {
          status: 304,
          headers: { etag: entry.etag, 'cache-control': options.cacheControl },
        }),
      );
    },
    async onParams({ params, request, setResult }) {
      const state = requests.get(request);
      if (!state) return;
      state.key = keyOf(params.query, params.variables, params.operationName, params.extensions);
      if (!state.key) return;
      const entry = await currentEntry(state, state.key);
      if (!entry) return;
      options.onHit?.(request);
      state.etag = entry.etag;
      setResult(served(entry));
    },
    onExecute({ args }) {
      const context = args.contextValue as unknown as Context & { request: Request };
      const state = requests.get(context.request);
      if (state?.key && !state.etag) context.graph.reads.beforeFirstRead = () => versionFor(state);
    },
    async onExecutionResult({ request, result, setResult }) {
      const state = requests.get(request);
      if (!state?.key || state.etag || !isSingleResult(result) || result.errors?.length || !result.data)
        return;
      const current = await state.version;
      if (current === undefined) return;
      const entry: Entry = { version: current, etag: etagOf(current, state.key), result };
      cache.set(state.key, entry);
      state.etag = entry.etag;
      setResult(served(entry));
    },
    onResponse({ request, response }) {
      const etag = requests.get(request)?.etag;
      if (!etag || response.status !== 200) return;
      response.headers.set('etag', etag);
      if (request.method === 'GET') response.headers.set('cache-control', options.cacheControl);
    },
  };
}

/**
 * The cache key of a request: what it asks, whatever the transport; undefined for what cannot be
 * serialized (variables nested too deep: the input limits refuse those anyway).
 */
function keyOf(query: unknown, variables: unknown, operationName: unknown, extensions: unknown) {
  try {
    return createHash('sha256')
      .update(JSON.stringify([query ?? null, variables ?? {}, operationName ?? null, extensions ?? null]))
      .digest('hex');
  } catch {
    return undefined;
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
