/**
 * The peer we measure ourselves against: the same graph served by @neo4j/graphql's generated API
 * on graphql-yoga, in its own process. `NEO4J_URI` names the database; it listens on a free port
 * of 127.0.0.1 (or `PORT`) and prints `listening <port>` on stdout once it is ready.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { PEER_TYPE_DEFS } from './peer-type-defs.ts';

async function main() {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is required');
  const driver = neo4j.driver(uri, undefined, { maxConnectionPoolSize: 50 });
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', logging: 'warn', landingPage: false });
  const server = createServer(yoga);
  await new Promise<void>((done) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', done));
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  const stop = () => {
    server.close();
    void driver.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Exits with the bench even when the bench is killed: it holds our stdin open.
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`peer server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
