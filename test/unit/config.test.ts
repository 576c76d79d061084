import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('defaults to the embedded local Neo4j on port 4000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j.mode).toBe('local');
    expect(config.loadOnStart).toBe(true);
  });

  it('uses an external Neo4j when NEO4J_URI is set, and does not load data by default', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://example.databases.neo4j.io',
      NEO4J_PASSWORD: 'secret',
    });
    expect(config.neo4j).toMatchObject({
      mode: 'external',
      uri: 'neo4j+s://example.databases.neo4j.io',
      user: 'neo4j',
    });
    expect(config.loadOnStart).toBe(false);
  });

  it('names the variable and the reason for each bad value', () => {
    expect(problemsOf({ PORT: 'abc' })[0]).toMatch(/^PORT \(got "abc"\): /);
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT \(got "70000"\): .*65535/);
    expect(problemsOf({ NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'x' })[0]).toMatch(
      /^NEO4J_URI \(got "http:\/\/localhost:7474"\): expected a URI such as neo4j:\/\//,
    );
    expect(problemsOf({ QUERY_TIMEOUT_MS: '-5' })[0]).toMatch(/^QUERY_TIMEOUT_MS/);
  });

  it('requires a password with NEO4J_URI and never echoes a password', () => {
    expect(problemsOf({ NEO4J_URI: 'neo4j://db:7687' })).toEqual([
      expect.stringMatching(/^NEO4J_PASSWORD: is required when NEO4J_URI is set/),
    ]);
    const problems = problemsOf({ NEO4J_URI: 'neo4j://db:7687', NEO4J_PASSWORD: 'hunter2', PORT: 'x' });
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', NEO4J_DATABASE: '!', GRAPHIQL: 'maybe' })).toHaveLength(3);
  });

  describe('request limits', () => {
    it('allows 50 database queries per request by default, and what MAX_QUERIES_PER_REQUEST says', () => {
      expect(loadConfig({}).limits.maxQueriesPerRequest).toBe(50);
      expect(loadConfig({ MAX_QUERIES_PER_REQUEST: '200' }).limits.maxQueriesPerRequest).toBe(200);
    });

    it('refuses a MAX_QUERIES_PER_REQUEST of 0, above 10000 or not an integer', () => {
      for (const value of ['0', '10001', '2.5', 'many'])
        expect(problemsOf({ MAX_QUERIES_PER_REQUEST: value })).toEqual([
          expect.stringMatching(new RegExp(`^MAX_QUERIES_PER_REQUEST \\(got "${value}"\\): `)),
        ]);
    });

    it('turns rate limiting off with RATE_LIMIT_MAX=0', () => {
      expect(loadConfig({}).limits.rateLimit).toEqual({ max: 600, maxMs: 5_000, windowMs: 60_000 });
      expect(loadConfig({ RATE_LIMIT_MAX: '0' }).limits.rateLimit).toMatchObject({ max: Infinity });
      expect(loadConfig({ RATE_LIMIT_TIME_MS: '0' }).limits.rateLimit).toMatchObject({ maxMs: 0 });
      expect(loadConfig({ RATE_LIMIT_MAX: '0', RATE_LIMIT_TIME_MS: '0' }).limits.rateLimit).toBeNull();
    });
  });

  describe('LOG_LEVEL', () => {
    it('defaults to info, and to warn in tests', () => {
      expect(loadConfig({}).logLevel).toBe('info');
      expect(loadConfig({ NODE_ENV: 'production' }).logLevel).toBe('info');
      expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('warn');
    });

    it('takes any pino level, in every environment', () => {
      expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
      expect(loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }).logLevel).toBe('silent');
    });

    it('refuses a level pino does not know', () => {
      expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual([
        expect.stringMatching(/^LOG_LEVEL \(got "verbose"\): /),
      ]);
      expect(problemsOf({ LOG_LEVEL: 'INFO' })).toHaveLength(1);
    });
  });

  describe('CORS_ORIGINS', () => {
    it('allows no other origin by default', () => {
      expect(loadConfig({}).corsOrigins).toEqual([]);
    });

    it('reads a comma-separated list, trimming spaces and ignoring empty entries', () => {
      expect(
        loadConfig({ CORS_ORIGINS: ' https://app.example.com, http://localhost:5173 ,,' }).corsOrigins,
      ).toEqual(['https://app.example.com', 'http://localhost:5173']);
    });

    it('reads * as any origin', () => {
      expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
    });

    it('refuses what is not an origin: another scheme, a path, a bare host', () => {
      for (const value of ['ftp://files.example.com', 'https://app.example.com/graphql', 'app.example.com'])
        expect(problemsOf({ CORS_ORIGINS: value })).toEqual([
          expect.stringMatching(
            /^CORS_ORIGINS .*expected `\*` or origins such as https:\/\/app\.example\.com/,
          ),
        ]);
    });
  });

  describe('switches', () => {
    it('turn GraphiQL and introspection off in production unless asked for', () => {
      expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ graphiql: false, introspection: false });
      expect(loadConfig({})).toMatchObject({ graphiql: true, introspection: true });
      expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'yes', INTROSPECTION: '1' })).toMatchObject({
        graphiql: true,
        introspection: true,
      });
    });

    it('read true/false, 1/0 and yes/no as booleans', () => {
      expect(loadConfig({ TRUST_PROXY: 'true' }).limits.trustProxy).toBe(true);
      expect(loadConfig({ TRUST_PROXY: '1' }).limits.trustProxy).toBe(true);
      expect(loadConfig({ TRUST_PROXY: 'no' }).limits.trustProxy).toBe(false);
      expect(problemsOf({ TRUST_PROXY: 'on' })).toEqual([
        expect.stringMatching(/^TRUST_PROXY \(got "on"\): expected true or false/),
      ]);
    });
  });

  it('stops `npm start` with exit code 1 and a message naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port', NEO4J_URI: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/PORT \(got "not-a-port"\)/);
  }, 60_000);
});
