/** What every resolver receives: one per request, so loaders and budgets never outlive a request. */
import { randomUUID } from 'node:crypto';
import type { Database } from './neo4j/database.ts';
import { GraphService } from './service/graph-service.ts';

export interface Context {
  /** The questions the API answers, for this request. */
  graph: GraphService;
  /** Echoed in the `x-request-id` response header, the logs and the Neo4j transaction metadata. */
  requestId: string;
}

export interface ContextOptions {
  /** Most Cypher queries one request may send. */
  maxQueries: number;
  /** Who sent the request (its address, see `server/rate-limit.ts`). */
  client: string;
}

/** A client's own request id when it is a short token, else a fresh one. */
export function requestIdOf(request: Request): string {
  const incoming = request.headers.get('x-request-id');
  return incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}

export function createContext(db: Database, requestId: string, options: ContextOptions): Context {
  return { requestId, graph: new GraphService(db, { requestId, ...options }) };
}
