/**
 * Reads docker-compose.yml as Compose would (variable interpolation, map or list environments)
 * and derives the neo4j.conf settings the official Neo4j image makes of a service's environment.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: unknown;
  ports?: (string | { host_ip?: string; published?: string | number; target?: number })[];
  healthcheck?: { test?: string[] | string; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  volumes?: unknown[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/**
 * Compose's interpolation: `$$` is a literal `$`; `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}` and `$VAR`. A missing required variable throws its message.
 */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(
    /\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])((?:[^}])*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (match, escaped: string, braced?: string, colon?: string, op?: string, arg?: string, bare?: string) => {
      if (escaped === '$') return '$';
      const name = braced ?? bare;
      if (!name) return match;
      const value = env[name];
      const missing = value === undefined || (colon === ':' && value === '');
      if (op === '-') return missing ? interpolate(arg ?? '', env) : (value as string);
      if (op === '?') {
        if (missing) throw new Error(`${name}: ${arg || 'required variable is missing'}`);
        return value as string;
      }
      return value ?? '';
    },
  );
}

function interpolateDeep(value: unknown, env: Readonly<Record<string, string | undefined>>): unknown {
  if (typeof value === 'string') return interpolate(value, env);
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env)]));
  }
  return value;
}

/** docker-compose.yml (or `text`) parsed, YAML merge keys resolved, variables interpolated from `env`. */
export function readComposeFile(
  env: Readonly<Record<string, string | undefined>>,
  text = readFileSync('docker-compose.yml', 'utf8'),
): ComposeFile {
  return interpolateDeep(parse(text, { merge: true }), env) as ComposeFile;
}

/** A service's environment as a map (Compose accepts a map or a list of `NAME=value`). */
export function serviceEnvironment(service: ComposeService): Record<string, string> {
  if (service.env_file) {
    throw new Error('env_file is not supported here: its variables would escape the settings check');
  }
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const eq = entry.indexOf('=');
        return eq < 0 ? [entry, ''] : [entry.slice(0, eq), entry.slice(eq + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
}

/**
 * The variables the image's entrypoint uses itself and never writes into neo4j.conf
 * (`not_configs` in docker-image-src/5/coredb/docker-entrypoint.sh of neo4j/docker-neo4j).
 */
export const IMAGE_CONTROL_VARIABLES: readonly string[] = [
  'NEO4J_ACCEPT_LICENSE_AGREEMENT',
  'NEO4J_AUTH',
  'NEO4J_AUTH_PATH',
  'NEO4J_DEBUG',
  'NEO4J_EDITION',
  'NEO4J_HOME',
  'NEO4J_PLUGINS',
  'NEO4J_SHA256',
  'NEO4J_TARBALL',
];

/**
 * The entrypoint's naming rule: every other `NEO4J_*` variable with a non-empty value becomes a
 * setting — prefix removed, `_` → `.`, then `..` → `_` (so `__` stands for `_`):
 * `NEO4J_server_memory_heap_max__size` → `server.memory.heap.max_size`. Names starting with a
 * digit are dropped; `apoc.*` settings go to apoc.conf, which Neo4j itself does not validate.
 */
export function neo4jImageSettings(environment: Readonly<Record<string, string>>): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(environment)) {
    if (!name.startsWith('NEO4J_') || IMAGE_CONTROL_VARIABLES.includes(name) || value === '') continue;
    const setting = name.slice('NEO4J_'.length).replaceAll('_', '.').replaceAll('..', '_');
    if (/^[0-9]/.test(setting) || setting.startsWith('apoc.')) continue;
    settings[setting] = value;
  }
  return settings;
}
