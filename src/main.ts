/**
 * `npm start`: validates the configuration, takes the HTTP port (a port in use fails at once),
 * opens the graph (starting the local Neo4j when no NEO4J_URI is set), loads `data/` when
 * configured to, and serves the API. On SIGTERM or SIGINT `/ready` answers 503, requests in flight
 * get SHUTDOWN_TIMEOUT_MS to finish, then the HTTP server, the driver and the local Neo4j close, in
 * that order. An uncaught exception or unhandled rejection is logged and ends the process (exit 1):
 * its state can no longer be trusted, and the orchestrator restarts it.
 */
import { resolve } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { loadOnStart } from './loader/load-on-start.ts';
import { announcer, createLogger, type Logger } from './logger.ts';
import { type OpenGraph, openGraph } from './neo4j/connect.ts';
import { createHttpServer } from './server/http-server.ts';
import { Lifecycle } from './server/lifecycle.ts';
import { startTracing, type Tracing } from './server/tracing.ts';
import { buildYoga, type Yoga } from './server/yoga.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function main(config: Config, log: Logger): Promise<void> {
  /** The process's own announcements: shown at the default levels, tests' `warn` included. */
  const say = announcer(log);
  const started = performance.now();
  const since = () => Math.round(performance.now() - started);
  const lifecycle = new Lifecycle();
  let graph: OpenGraph | undefined;
  let tracing: Tracing | undefined;
  let yoga: Yoga | undefined;

  // The port first: answered "starting" (503; /health 200) until the API is ready.
  const http = createHttpServer(lifecycle.handler, config.http);
  await new Promise<void>((done, fail) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'EADDRINUSE'
          ? new Error(
              `port ${config.port} on ${config.host} is already in use (another server running?): stop it or set PORT`,
            )
          : error,
      ),
    );
    http.listen(config.port, config.host, () => done());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  say.info(`listening on ${config.host}:${port}; starting (requests are answered 503 until ready)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    if (!yoga) {
      // Still starting: nothing is served yet. A local Neo4j we are starting stops by itself when
      // this process ends (it watches its stdin).
      say.info(`${signal} during start-up: exiting`);
      http.close();
      await graph?.close();
      process.exit(0);
    }
    const stopStarted = performance.now();
    say.info(
      { signal, inFlight: lifecycle.requestsInFlight, timeoutMs: config.shutdownTimeoutMs },
      `${signal}: shutting down (/ready answers 503; requests in flight get ${config.shutdownTimeoutMs} ms)`,
    );
    const drained = await lifecycle.drain(http, config.shutdownTimeoutMs);
    say.info(
      drained,
      drained.cut > 0
        ? `HTTP server closed; ${drained.cut} request(s) cut at the deadline`
        : 'HTTP server closed; every request answered',
    );
    await yoga.dispose();
    await tracing?.shutdown().catch((error) => log.warn({ err: error }, 'traces not flushed'));
    await graph?.db.close();
    say.info('Neo4j driver closed');
    if (graph?.local) {
      await graph.local.stop();
      say.info('local Neo4j stopped');
    }
    say.info(`stopped; shutdown took ${Math.round(performance.now() - stopStarted)} ms`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    graph = await openGraph(config, say);
    say.info(`Neo4j driver ready (${since()} ms since start)`);
    if (config.loadOnStart) {
      await loadOnStart(
        graph,
        {
          dataDir: 'data',
          reloadUnchanged: config.reloadUnchanged,
          stampDir: config.neo4j.mode === 'local' ? resolve(config.neo4j.dir) : undefined,
        },
        say,
      );
    }
  } catch (error) {
    http.close();
    await graph?.close();
    throw error;
  }
  if (config.tracing) {
    tracing = startTracing(config.tracing);
    say.info({ url: config.tracing.tracesUrl }, 'tracing: OpenTelemetry spans sent over OTLP/HTTP');
  }
  let metricsRegistry: Registry | undefined;
  if (config.metrics) {
    // The process's own metrics (CPU, memory, GC, handles) beside the server's: once per process.
    metricsRegistry = new Registry();
    collectDefaultMetrics({ register: metricsRegistry });
  }
  yoga = buildYoga({
    db: graph.db,
    config,
    log,
    lifecycle,
    tracerProvider: tracing?.provider,
    metricsRegistry,
  });
  lifecycle.ready(yoga);
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  say.info(
    { startupMs: since() },
    `GraphQL API on http://${host}:${port}/graphql${config.graphiql ? ' (GraphiQL)' : ''}, ready in ${since()} ms`,
  );
  say.info(`Concept map on http://${host}:${port}/`);
  if (config.metrics) say.info(`Prometheus metrics on http://${host}:${port}${config.metrics.path}`);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  // A configuration error is for the person starting the server: plain text, not a log record.
  process.stderr.write(`${message(error)}\n`);
  process.exit(1);
}
const log = createLogger({
  level: config.logLevel,
  pretty: config.env !== 'production' && process.stdout.isTTY,
});
const fatal = (what: string) => (error: unknown) => {
  log.fatal({ err: error }, `${what}: ${message(error)}; exiting`);
  process.exit(1);
};
process.on('uncaughtException', fatal('uncaught exception'));
process.on('unhandledRejection', fatal('unhandled rejection'));
main(config, log).catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else log.fatal({ err: error }, `start-up failed: ${message(error)}`);
  process.exit(1);
});
