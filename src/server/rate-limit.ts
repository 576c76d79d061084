/**
 * Per-client rate limits on GraphQL requests, keyed by the socket's address (or the last
 * X-Forwarded-For hop behind a trusted proxy), each a bucket refilled over `windowMs`:
 * - `max` requests;
 * - `maxMs` milliseconds of the server's time (0: no such budget): each answered request is
 *   charged the time from its arrival to its response. The request limit alone let one client
 *   keep Neo4j and the event loop busy with the dearest documents every limit accepts, and the
 *   static cost (`argument-cost.ts`) is an estimate that can be off by an order of magnitude for
 *   some shapes; time is what the other clients lose. A client may go into debt with the requests
 *   it has in flight, and is refused until the refill has paid it. An answer that is only
 *   SERVICE_UNAVAILABLE (Neo4j down, or no read slot free) is not charged: the time went on
 *   waiting for us, not on work for the client.
 * Both are checked before parsing, so refused requests cost almost nothing. At most 10,000 clients
 * are tracked; the least recently seen is forgotten first.
 *
 * Hand-written: the yoga/envelop rate limiters count per field after parsing and validation,
 * which is the work a flood must not cause, and none meters time.
 */
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RateLimit } from '../config.ts';
import { ErrorCode } from '../errors.ts';

const MAX_CLIENTS = 10_000;

export function clientAddress(request: Request, serverContext: unknown, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',').pop()?.trim() : undefined;
  const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket
    ?.remoteAddress;
  return forwarded || socket || 'local';
}

interface Bucket {
  requests: number;
  ms: number;
  at: number;
}

/** A refusal: why, and when the client may try again. */
export interface Refusal {
  message: string;
  retryAfterSeconds: number;
}

export class ClientBudgets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(readonly limit: RateLimit) {}

  /** Takes one request from the client's budget, or says why not. */
  admit(client: string): Refusal | undefined {
    const { max, maxMs, windowMs } = this.limit;
    const bucket = this.bucket(client);
    const window = `${windowMs / 1000} s`;
    if (bucket.requests < 1)
      return this.refusal(
        (1 - bucket.requests) / max,
        (s) => `Too many requests from this client (limit ${max} per ${window}); retry in ${s} s.`,
      );
    if (maxMs > 0 && bucket.ms <= 0)
      return this.refusal(
        (1 - bucket.ms) / maxMs,
        (s) =>
          `This client's requests have used their share of the server (${maxMs} ms per ${window}); ` +
          `retry in ${s} s, or ask for less per request.`,
      );
    bucket.requests -= 1;
    return undefined;
  }

  /** Charges the client `ms` of the server's time. */
  charge(client: string, ms: number): void {
    if (this.limit.maxMs > 0) this.bucket(client).ms -= ms;
  }

  private bucket(client: string): Bucket {
    const now = Date.now();
    const { max, maxMs, windowMs } = this.limit;
    const bucket = this.buckets.get(client) ?? { requests: max, ms: maxMs, at: now };
    this.buckets.delete(client); // re-inserted last: the map stays ordered by last use
    const refill = (now - bucket.at) / windowMs;
    bucket.requests = Math.min(max, bucket.requests + refill * max);
    bucket.ms = Math.min(maxMs, bucket.ms + refill * maxMs);
    bucket.at = now;
    if (this.buckets.size >= MAX_CLIENTS) this.buckets.delete(this.buckets.keys().next().value as string);
    this.buckets.set(client, bucket);
    return bucket;
  }

  /** `windows`: how many windows until the client has what it lacks. */
  private refusal(windows: number, message: (seconds: number) => string): Refusal {
    const retryAfterSeconds = Math.max(1, Math.ceil((windows * this.limit.windowMs) / 1000));
    return { message: message(retryAfterSeconds), retryAfterSeconds };
  }
}

export function rateLimitPlugin(
  budgets: ClientBudgets,
  options: { trustProxy: boolean; isGraphQLRequest: (request: Request) => boolean; onLimited?: () => void },
): Plugin {
  const admitted = new WeakMap<Request, { client: string; started: number }>();
  const unavailable = new WeakSet<Request>();
  return {
    onRequest({ request, serverContext, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS' || !options.isGraphQLRequest(request)) return;
      const client = clientAddress(request, serverContext, options.trustProxy);
      const refusal = budgets.admit(client);
      if (!refusal) {
        admitted.set(request, { client, started: performance.now() });
        return;
      }
      options.onLimited?.();
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: refusal.message,
                extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: refusal.retryAfterSeconds },
              },
            ],
          }),
          {
            status: 429,
            headers: { 'content-type': 'application/json', 'retry-after': String(refusal.retryAfterSeconds) },
          },
        ),
      );
    },
    onResultProcess({ request, result }) {
      const errors = Array.isArray(result)
        ? []
        : ((result as { errors?: readonly GraphQLError[] }).errors ?? []);
      if (errors.length > 0 && errors.every((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE))
        unavailable.add(request);
    },
    onResponse({ request }) {
      const seen = admitted.get(request);
      if (seen && !unavailable.has(request)) budgets.charge(seen.client, performance.now() - seen.started);
    },
  };
}
