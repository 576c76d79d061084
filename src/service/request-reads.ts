/**
 * One request's door to Neo4j: every read is tagged with the request's metadata (so that
 * `SHOW TRANSACTIONS` and the query log say where it came from), counted against the request's
 * budget of queries, and its failures translated into documented errors.
 */
import type { QueryResult, RecordShape } from 'neo4j-driver';
import { fromDriverError, queryBudgetExceeded } from '../errors.ts';
import type { Database, Params, Reader } from '../neo4j/database.ts';

export const APPLICATION_NAME = 'docker-concept-graph';

export interface RequestReadsOptions {
  requestId: string;
  /** Who sent the request (its address): reads of different clients take turns. */
  client: string;
  /** Most queries one request may send; the next one fails with QUERY_TOO_COSTLY. */
  maxQueries: number;
}

export class RequestReads implements Reader {
  /** Queries this request has sent. */
  queries = 0;
  /** The GraphQL operation being executed, once known (set when execution starts). */
  operation: string | undefined;
  /** Set once the request's cost is known: an expensive request's reads take the narrow lane. */
  heavy = false;
  /** Awaited once, before this request's first query (the response cache reads the graph's version). */
  beforeFirstRead: (() => Promise<unknown>) | undefined;
  private firstRead: Promise<unknown> | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: RequestReadsOptions,
  ) {}

  async read<T extends RecordShape = RecordShape>(cypher: string, params?: Params): Promise<QueryResult<T>> {
    if (this.queries >= this.options.maxQueries) throw queryBudgetExceeded(this.options.maxQueries);
    this.queries += 1;
    if (this.beforeFirstRead) {
      this.firstRead ??= this.beforeFirstRead();
      await this.firstRead;
    }
    const metadata = { app: APPLICATION_NAME, requestId: this.options.requestId };
    try {
      return await this.db.read<T>(
        cypher,
        params,
        this.operation ? { ...metadata, operation: this.operation } : metadata,
        { client: this.options.client, heavy: this.heavy },
      );
    } catch (error) {
      throw fromDriverError(error) ?? error;
    }
  }
}
