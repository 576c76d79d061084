/**
 * One request's door to Neo4j: every read is tagged with the request's metadata (so that
 * `SHOW TRANSACTIONS` and the query log say where it came from), counted against the request's
 * budget of queries, and its failures translated into documented errors. A question the request
 * has asked already (the same Cypher with the same parameters: 15 aliases of one field, say) is
 * answered from the first read, neither sent nor counted again.
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
  /** This request's reads by Cypher and parameters. */
  private readonly answers = new Map<string, Promise<QueryResult>>();

  constructor(
    private readonly db: Database,
    private readonly options: RequestReadsOptions,
  ) {}

  read<T extends RecordShape = RecordShape>(cypher: string, params?: Params): Promise<QueryResult<T>> {
    const key = `${cypher}\u0000${JSON.stringify(params ?? {}, bigintsAsText)}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.send(cypher, params);
      this.answers.set(key, answer);
    }
    return answer as Promise<QueryResult<T>>;
  }

  private async send(cypher: string, params?: Params): Promise<QueryResult> {
    if (this.queries >= this.options.maxQueries) throw queryBudgetExceeded(this.options.maxQueries);
    this.queries += 1;
    if (this.beforeFirstRead) {
      this.firstRead ??= this.beforeFirstRead();
      await this.firstRead;
    }
    const metadata = { app: APPLICATION_NAME, requestId: this.options.requestId };
    try {
      return await this.db.read(
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

const bigintsAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value);
