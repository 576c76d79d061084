/**
 * The compose stack's Neo4j must start. The official image writes every NEO4J_* variable of the
 * `neo4j` service into neo4j.conf, and Neo4j 5 refuses a setting it does not declare; so the
 * settings are derived here with the image's rule and given to our own Neo4j 5.26 under strict
 * validation. No Docker engine is needed.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/neo4j/database.ts';
import { startLocalNeo4j } from '../../src/neo4j/local-neo4j.ts';
import { neo4jImageSettings, readComposeFile, serviceEnvironment } from './compose-file.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Starts a throw-away local Neo4j with `settings` and runs `check` against it. */
async function withNeo4j(
  name: string,
  settings: Record<string, string>,
  check: (db: Database) => Promise<void> = async () => {},
): Promise<void> {
  const dir = resolve(`.neo4j-local/test-compose-${name}-${process.pid}`);
  dirs.push(dir);
  rmSync(dir, { recursive: true, force: true });
  const local = await startLocalNeo4j({ dir, heap: '256m', settings, log: () => {} });
  const db = new Database({ uri: local.uri, database: 'neo4j', queryTimeoutMs: 10_000 });
  try {
    await check(db);
  } finally {
    await db.close();
    await local.stop();
  }
}

const composeEnv = { NEO4J_PASSWORD: 'only-for-this-test' };
const neo4jService = () => {
  const service = readComposeFile(composeEnv).services.neo4j;
  if (!service) throw new Error('docker-compose.yml has no `neo4j` service');
  return service;
};

describe("the official image's NEO4J_* naming rule", () => {
  it('turns variables into settings: prefix removed, `_` → `.`, `__` → `_`', () => {
    expect(
      neo4jImageSettings({
        NEO4J_server_memory_heap_max__size: '1G',
        NEO4J_dbms_security_auth__minimum__password__length: '12',
        NEO4J_PASSWORD: 'secret',
      }),
    ).toEqual({
      'server.memory.heap.max_size': '1G',
      'dbms.security.auth_minimum_password_length': '12',
      PASSWORD: 'secret',
    });
  });

  it("skips the image's own variables, empty values, names starting with a digit and apoc.* settings", () => {
    expect(
      neo4jImageSettings({
        NEO4J_AUTH: 'neo4j/secret',
        NEO4J_ACCEPT_LICENSE_AGREEMENT: 'yes',
        NEO4J_PLUGINS: '["apoc"]',
        NEO4J_EDITION: 'community',
        NEO4J_HOME: '/var/lib/neo4j',
        NEO4J_db_transaction_timeout: '',
        NEO4J_1st: 'x',
        NEO4J_apoc_export_file_enabled: 'true',
        OTHER: 'x',
      }),
    ).toEqual({});
  });
});

describe('docker-compose.yml, service `neo4j`', () => {
  it('gives the image settings only (NEO4J_AUTH aside), with the password in NEO4J_AUTH', () => {
    const environment = serviceEnvironment(neo4jService());
    expect(environment.NEO4J_AUTH).toBe(`neo4j/${composeEnv.NEO4J_PASSWORD}`);
    expect(Object.keys(neo4jImageSettings(environment)).sort()).toEqual([
      'db.transaction.timeout',
      'dbms.memory.transaction.total.max',
      'server.memory.heap.max_size',
      'server.memory.pagecache.size',
    ]);
  });

  it('starts Neo4j 5.26 under strict config validation, with those settings in force', async () => {
    const settings = neo4jImageSettings(serviceEnvironment(neo4jService()));
    await withNeo4j('stack', settings, async (db) => {
      const { records } = await db.read(
        `SHOW SETTINGS YIELD name, value WHERE name IN $names RETURN name, value`,
        { names: Object.keys(settings) },
      );
      const inForce = Object.fromEntries(records.map((r) => [r.get('name'), r.get('value')]));
      expect(Object.keys(inForce).sort()).toEqual(Object.keys(settings).sort());
      expect(inForce['db.transaction.timeout']).toBe('1m');
    });
  });

  it('would fail this check with a client variable such as NEO4J_PASSWORD (the defect of the first file)', async () => {
    const settings = neo4jImageSettings({
      ...serviceEnvironment(neo4jService()),
      NEO4J_PASSWORD: composeEnv.NEO4J_PASSWORD,
    });
    await expect(withNeo4j('refused', settings)).rejects.toThrow(
      /Unrecognized setting\. No declared setting with name: PASSWORD/,
    );
  });

  it('cannot switch the check off by turning strict validation off in the compose file', async () => {
    const settings = neo4jImageSettings({
      NEO4J_server_config_strict__validation_enabled: 'false',
      NEO4J_PASSWORD: composeEnv.NEO4J_PASSWORD,
    });
    expect(settings['server.config.strict_validation.enabled']).toBe('false');
    await expect(withNeo4j('not-strict', settings)).rejects.toThrow(
      /No declared setting with name: PASSWORD/,
    );
  });
});
