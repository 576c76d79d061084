/**
 * Headers on every response: no MIME sniffing (error messages echo client input), and a content
 * security policy that lets a page run only what this server serves. GraphiQL's page needs inline
 * scripts and styles, so its policy allows them for that page alone.
 */
import type { Plugin } from 'graphql-yoga';

export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'referrer-policy': 'no-referrer',
} as const;

const GRAPHIQL_POLICY =
  "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function securityHeadersPlugin(graphqlPath: string): Plugin {
  return {
    onResponse({ request, response }) {
      const graphiql =
        response.headers.get('content-type')?.startsWith('text/html') &&
        new URL(request.url).pathname === graphqlPath;
      if (graphiql) response.headers.set('content-security-policy', GRAPHIQL_POLICY);
      for (const [name, value] of Object.entries(SECURITY_HEADERS))
        if (!response.headers.has(name)) response.headers.set(name, value);
    },
  };
}
