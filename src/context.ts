/** What every resolver receives: one per request, so DataLoader caches never outlive a request. */
import { randomUUID } from 'node:crypto';
import type { Database } from './neo4j/database.ts';

export interface Context {
  db: Database;
  /** Echoed in the `x-request-id` response header and in the log line of a masked error. */
  requestId: string;
}

export function createContext(db: Database, request: Request): Context {
  const incoming = request.headers.get('x-request-id');
  const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  return { db, requestId };
}
