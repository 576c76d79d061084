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

  it('stops `npm start` with exit code 1 and a message naming the variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port', NEO4J_URI: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(/PORT \(got "not-a-port"\)/);
  });
});
