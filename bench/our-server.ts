/**
 * Our API in its own process, configured as deployed — `loadConfig()` reads the environment the
 * bench passes (NODE_ENV=production, NEO4J_URI of the bench's Neo4j, RATE_LIMIT_MAX=0: every
 * request of a load test comes from one client). Listens on a free port of 127.0.0.1 and prints
 * `listening <port>` on stdout once ready; exits on SIGTERM or when its stdin closes (the bench died).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { Database } from '../src/neo4j/database.ts';
import { buildYoga } from '../src/server/yoga.ts';

async function main() {
  const config = loadConfig();
  if (config.neo4j.mode !== 'external') throw new Error('NEO4J_URI is required');
  const db = new Database({ ...config.neo4j, ...config.driver, queryTimeoutMs: config.queryTimeoutMs });
  await db.waitUntilReachable(30_000);
  const yoga = buildYoga({ db, config, log: createLogger({ level: config.logLevel }) });
  const server = createServer(yoga);
  server.keepAliveTimeout = config.http.keepAliveTimeoutMs;
  await new Promise<void>((done) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', done));
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
  const stop = () => {
    server.close();
    void db.close().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`our server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
