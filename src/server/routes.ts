/**
 * The server answers at exactly the paths it documents: GraphQL at one path, `/health`, `/ready`
 * (and what the page plugin, listed before this one, serves). Anything else is 404 — in
 * particular GraphQL is not also reachable at `/graphql/`, `//graphql` or `/x/graphql`, where a
 * limit keyed by path would not see it.
 */
import type { Plugin } from 'graphql-yoga';

export function exactRoutesPlugin(paths: readonly string[]): Plugin {
  const served = new Set(paths);
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (served.has(new URL(request.url).pathname)) return;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ error: 'Not found' }), {
          status: 404,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}
