/** `/ready` (readiness): 200 while Neo4j answers, 503 otherwise; only a yes or no reaches the client. */
import { type Plugin, useReadinessCheck } from 'graphql-yoga';
import type { Database } from '../neo4j/database.ts';

const json = { 'content-type': 'application/json', 'cache-control': 'no-store' };

export function readinessPlugin(db: Database): Plugin {
  return useReadinessCheck({
    endpoint: '/ready',
    check: async ({ fetchAPI }) =>
      (await db.isReachable())
        ? new fetchAPI.Response(JSON.stringify({ status: 'ready' }), { headers: json })
        : new fetchAPI.Response(
            JSON.stringify({ status: 'unavailable', reason: 'graph database unreachable' }),
            {
              status: 503,
              headers: json,
            },
          ),
  });
}
