/**
 * Per-client rate limit on GraphQL requests: a token bucket of `max` requests refilled over
 * `windowMs`, keyed by the socket's address (or the last X-Forwarded-For hop behind a trusted
 * proxy). It runs before parsing, so a flood of rejected documents costs almost nothing. At most
 * 10,000 clients are tracked; the least recently seen is forgotten first.
 *
 * Hand-written: the yoga/envelop rate limiters count per field after parsing and validation,
 * which is the work a flood must not cause.
 */
import type { Plugin } from 'graphql-yoga';
import { ErrorCode } from '../errors.ts';

export interface RateLimit {
  max: number;
  windowMs: number;
}

const MAX_CLIENTS = 10_000;

export function clientAddress(request: Request, serverContext: unknown, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get('x-forwarded-for')?.split(',').pop()?.trim() : undefined;
  const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket
    ?.remoteAddress;
  return forwarded || socket || 'local';
}

export function rateLimitPlugin(
  limit: RateLimit,
  options: { trustProxy: boolean; isGraphQLRequest: (request: Request) => boolean; onLimited?: () => void },
): Plugin {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = limit.max / limit.windowMs;
  return {
    onRequest({ request, serverContext, endResponse, fetchAPI }) {
      if (request.method === 'OPTIONS' || !options.isGraphQLRequest(request)) return;
      const client = clientAddress(request, serverContext, options.trustProxy);
      const now = Date.now();
      const bucket = buckets.get(client) ?? { tokens: limit.max, at: now };
      buckets.delete(client); // re-inserted last: the map stays ordered by last use
      bucket.tokens = Math.min(limit.max, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      if (buckets.size >= MAX_CLIENTS) buckets.delete(buckets.keys().next().value as string);
      buckets.set(client, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      options.onLimited?.();
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      const message = `Too many requests from this client (limit ${limit.max} per ${limit.windowMs / 1000} s); retry in ${retryAfter} s.`;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              { message, extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: retryAfter } },
            ],
          }),
          { status: 429, headers: { 'content-type': 'application/json', 'retry-after': String(retryAfter) } },
        ),
      );
    },
  };
}
