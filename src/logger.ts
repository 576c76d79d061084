/**
 * The process's logger: JSON lines (pino) in production and tests, readable lines in development
 * on a terminal. Every part of the process (server, loader, local Neo4j launcher) logs through it.
 */
import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  /** Readable, coloured lines instead of JSON (development on a terminal). */
  pretty?: boolean;
  /** File descriptor written to: 1 (stdout, the server) by default, 2 (stderr) for CLI tools. */
  fd?: 1 | 2;
}

export function createLogger(options: LoggerOptions): Logger {
  const fd = options.fd ?? 1;
  return pino(
    {
      level: options.level,
      base: { app: 'docker-concept-graph' },
      // Never log a credential, even by accident (a config object, a connection URI with a password).
      redact: {
        paths: ['password', '*.password', 'config.neo4j.password', 'headers.authorization'],
        remove: true,
      },
      ...(options.pretty
        ? {
            transport: {
              target: 'pino-pretty',
              options: {
                colorize: true,
                translateTime: 'HH:MM:ss',
                ignore: 'pid,hostname,app',
                destination: fd,
              },
            },
          }
        : {}),
    },
    options.pretty ? undefined : pino.destination({ fd, sync: true }),
  );
}

/**
 * What a process says about itself (listening, shutting down, stopped): written at `info` even
 * when the level is `warn` (the default under NODE_ENV=test, where per-request lines are noise);
 * only `error`, `fatal` or `silent` hide it.
 */
export function announcer(log: Logger): Logger {
  const quieter = log.levelVal > 30 && !['error', 'fatal', 'silent'].includes(log.level);
  return quieter ? log.child({}, { level: 'info' }) : log;
}

/** A logger that writes nothing (tests that do not look at logs). */
export const silentLogger: Logger = pino({ level: 'silent' });
