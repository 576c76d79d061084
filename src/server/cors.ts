/** CORS for browser front ends: only the configured origins (`*` for any; none by default). */
import type { CORSOptions } from 'graphql-yoga';

export function corsOptions(origins: readonly string[]): CORSOptions | false {
  if (origins.length === 0) return false;
  const common = {
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'accept', 'x-request-id', 'if-none-match'],
    exposedHeaders: ['x-request-id', 'retry-after', 'etag'],
    credentials: false,
    maxAge: 600,
  };
  return origins.includes('*') ? { ...common, origin: '*' } : { ...common, origin: [...origins] };
}
