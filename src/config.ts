/**
 * Process configuration, read once from the environment and validated with zod. A bad or missing
 * value stops start-up with a message naming the variable and the reason.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const byteSize = z.string().regex(/^\d+[kmg]?$/i, 'expected a size such as 512m or 2g');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(4000),
    NEO4J_URI: z
      .string()
      .regex(
        /^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s]+$/,
        'expected a URI such as neo4j://host:7687 or neo4j+s://host',
      )
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().min(1).optional(),
    NEO4J_AUTH: z.enum(['basic', 'none']).default('basic'),
    NEO4J_DATABASE: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9.-]{2,62}$/i,
        'expected a Neo4j database name (3-63 letters, digits, dots, dashes)',
      )
      .default('neo4j'),
    NEO4J_LOCAL_DIR: z.string().min(1).default('.neo4j-local/dev'),
    NEO4J_LOCAL_PORT: port.default(0),
    NEO4J_LOCAL_HEAP: byteSize.default('1g'),
    NEO4J_LOCAL_PAGECACHE: byteSize.default('512m'),
    LOAD_ON_START: z.enum(['auto', 'always', 'never']).default('auto'),
    QUERY_TIMEOUT_MS: positiveInt.max(600_000).default(5_000),
    GRAPHIQL: bool.optional(),
    INTROSPECTION: bool.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_URI && env.NEO4J_AUTH === 'basic' && !env.NEO4J_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['NEO4J_PASSWORD'],
        message:
          'is required when NEO4J_URI is set (or set NEO4J_AUTH=none for a server without authentication)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  /** Where the graph lives: a Neo4j the user runs, or the project's own local one. */
  neo4j:
    | { mode: 'external'; uri: string; user: string; password?: string; database: string }
    | { mode: 'local'; dir: string; port: number; heap: string; pageCache: string; database: string };
  loadOnStart: boolean;
  queryTimeoutMs: number;
  graphiql: boolean;
  introspection: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from `source` (the process environment by default). */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, so `PORT= npm start` behaves like no PORT at all.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const value = present[name];
        const shown = value === undefined || /PASSWORD/.test(name) ? '' : ` (got "${value}")`;
        return `${name}${shown}: ${issue.message}`;
      }),
    );
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    host: env.HOST,
    port: env.PORT,
    neo4j: env.NEO4J_URI
      ? {
          mode: 'external',
          uri: env.NEO4J_URI,
          user: env.NEO4J_USER,
          password: env.NEO4J_AUTH === 'none' ? undefined : env.NEO4J_PASSWORD,
          database: env.NEO4J_DATABASE,
        }
      : {
          mode: 'local',
          dir: env.NEO4J_LOCAL_DIR,
          port: env.NEO4J_LOCAL_PORT,
          heap: env.NEO4J_LOCAL_HEAP,
          pageCache: env.NEO4J_LOCAL_PAGECACHE,
          database: 'neo4j',
        },
    loadOnStart: env.LOAD_ON_START === 'always' || (env.LOAD_ON_START === 'auto' && !env.NEO4J_URI),
    queryTimeoutMs: env.QUERY_TIMEOUT_MS,
    graphiql: env.GRAPHIQL ?? !production,
    introspection: env.INTROSPECTION ?? !production,
  };
}
