/**
 * One access-log line per request: request id, operation, HTTP status, duration, Cypher queries
 * sent, the error codes of the answer and whether the response cache answered it. GraphQL
 * requests are logged at `info` (`error` for a 5xx), everything else (the page, `/ready`,
 * `/metrics`) at `debug`; `/health` not at all (yoga answers it before any plugin). The same
 * record feeds the metrics (`onRecord`).
 *
 * Two plugins, because a request is seen in two places: `first` (listed before every other
 * plugin) stamps the arrival and gives the request its id, even when a later plugin refuses it
 * (a rate limit, a body too large); `last` (listed after every other plugin) reads the answer as
 * it is sent, after every other plugin has had its say (codes added, errors masked), and logs.
 */
import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { type Context, requestIdOf } from '../context.ts';
import type { Logger } from '../logger.ts';
import type { RequestReads } from '../service/request-reads.ts';

export interface AccessRecord {
  requestId: string | undefined;
  method: string;
  path: string;
  /** The GraphQL operation's name, when it has one. */
  operation: string | undefined;
  status: number;
  ms: number;
  /** Cypher queries the request sent (its resolvers' reads; 0 when nothing executed). */
  cypher: number;
  /** `extensions.code` of every error in the answer, in order. */
  errors: string[];
  /** Answered from the response cache (a 304 included). */
  cacheHit: boolean;
  graphql: boolean;
}

interface RequestState {
  started: number;
  operation?: string;
  reads?: RequestReads;
  errors?: string[];
  cacheHit: boolean;
}

export interface AccessLogOptions {
  log: Logger;
  /** Shared with the context factory and the `x-request-id` header. */
  requestIds: WeakMap<Request, string>;
  isGraphQLRequest: (request: Request) => boolean;
  onRecord?: (record: AccessRecord) => void;
}

const isSingleResult = (result: unknown): result is ExecutionResult =>
  typeof result === 'object' &&
  result !== null &&
  !Array.isArray(result) &&
  !(Symbol.asyncIterator in result);

/**
 * The operation named in a document that was never parsed here (a cached answer): the first
 * `query|mutation|subscription <Name>`, good enough for a log line.
 */
const OPERATION = /(?:^|[^\w$])(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

const codesOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) =>
  (errors ?? []).map((error) => String(error.extensions?.code ?? 'UNKNOWN'));

export function accessLog(options: AccessLogOptions) {
  const { log, requestIds } = options;
  const states = new WeakMap<Request, RequestState>();

  const first: Plugin = {
    onRequest({ request }) {
      states.set(request, { started: performance.now(), cacheHit: false });
      if (!requestIds.has(request)) requestIds.set(request, requestIdOf(request));
    },
  };

  const last: Plugin<Context> = {
    onParams({ request, params }) {
      const state = states.get(request);
      if (!state) return;
      state.operation =
        params.operationName ??
        (typeof params.query === 'string' ? OPERATION.exec(params.query.slice(0, 2_000))?.[1] : undefined);
    },
    onExecute({ args }) {
      const context = args.contextValue as Context & { request: Request };
      const state = states.get(context.request);
      if (!state) return;
      state.reads = context.graph.reads;
    },
    onResultProcess({ request, result }) {
      const state = states.get(request);
      if (state && isSingleResult(result)) state.errors = codesOf(result.errors);
    },
    async onResponse({ request, response }) {
      const state = states.get(request);
      if (!state) return;
      const url = new URL(request.url);
      let errors = state.errors;
      // Refused before any result was built (a rate limit answers from `onRequest`): the codes
      // are in the small body it sent.
      if (!errors && response.status >= 400 && response.headers.get('content-type')?.includes('json')) {
        const body = (await response
          .clone()
          .json()
          .catch(() => undefined)) as ExecutionResult | undefined;
        errors = codesOf(body?.errors);
      }
      const record: AccessRecord = {
        requestId: requestIds.get(request),
        method: request.method,
        path: url.pathname,
        operation: state.reads?.operation ?? state.operation,
        status: response.status,
        ms: Math.round((performance.now() - state.started) * 10) / 10,
        cypher: state.reads?.queries ?? 0,
        errors: errors ?? [],
        cacheHit: state.cacheHit,
        graphql: options.isGraphQLRequest(request),
      };
      options.onRecord?.(record);
      const { graphql, ...line } = record;
      if (!graphql) log.debug(line, 'request');
      else if (record.status >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    },
  };

  return {
    first,
    last,
    /** The response cache answered `request`. */
    cacheHit(request: Request): void {
      const state = states.get(request);
      if (state) state.cacheHit = true;
    },
  };
}
