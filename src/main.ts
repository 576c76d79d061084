/**
 * `npm start`: validates the configuration, opens the graph (starting the local Neo4j when no
 * NEO4J_URI is set), loads `data/` when configured to, and serves the API. SIGINT/SIGTERM close
 * the HTTP server, the driver and the local Neo4j, in that order.
 */
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config.ts';
import { readAndValidate } from './loader/read-and-validate.ts';
import { syncGraph } from './loader/sync.ts';
import { formatProblem } from './loader/validate.ts';
import { createLogger, type Logger } from './logger.ts';
import { openGraph } from './neo4j/connect.ts';
import { createHttpServer } from './server/http-server.ts';
import { buildYoga } from './server/yoga.ts';

async function main(log: Logger): Promise<void> {
  const config = loadConfig();
  const graph = await openGraph(config, (line) => log.info(line));
  let server: Server | undefined;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: shutting down`);
    if (server) {
      const listening = server;
      await new Promise<void>((done) => listening.close(() => done()));
    }
    await graph.close();
    process.exit(0);
  };
  // A stray rejection must not take the API down with it: log it (the reliability tests look for
  // this line) and keep serving.
  process.on('unhandledRejection', (reason) => {
    log.error({ err: reason }, 'unhandled rejection');
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (config.loadOnStart) {
    const checked = readAndValidate(resolve('data'));
    for (const problem of [...checked.warnings, ...checked.errors]) log.warn(formatProblem(problem));
    if (checked.errors.length > 0) {
      await graph.close();
      throw new Error(
        `data/ has ${checked.errors.length} error(s); fix them (see above) or set LOAD_ON_START=never`,
      );
    }
    const report = await syncGraph(graph.db, checked.data, {
      onProgress: (line) => log.info(`[load] ${line}`),
    });
    log.info(
      `[load] ${report.concepts} concepts, ${report.relations} relationships loaded in ${report.ms} ms`,
    );
  }

  const yoga = buildYoga({ db: graph.db, config, log });
  const http = createHttpServer(yoga, config.http);
  server = http;
  await new Promise<void>((done, fail) => {
    http.once('error', fail);
    http.listen(config.port, config.host, () => done());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  log.info(`GraphQL API on http://${host}:${port}/graphql${config.graphiql ? ' (GraphiQL)' : ''}`);
  log.info(`Concept map on http://${host}:${port}/`);
}

const log = createLogger({
  level: process.env.LOG_LEVEL || 'info',
  pretty: process.env.NODE_ENV !== 'production' && process.stderr.isTTY,
});
main(log).catch((error: unknown) => {
  // A configuration error is for the person starting the server: plain text, not a log record.
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else log.fatal({ err: error }, `start-up failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
