import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** `docker compose` (v2 plugin) or `docker-compose` (v1), whichever this machine has. */
function composeCommand(): string[] | undefined {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(command[0] as string, [...command.slice(1), 'version'], { encoding: 'utf8' });
    if (probe.status === 0) return command;
  }
  return undefined;
}

const compose = composeCommand();
const config = (env: Record<string, string>) =>
  spawnSync(compose?.[0] as string, [...(compose?.slice(1) ?? []), 'config', '-q'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });

describe('docker-compose.yml', () => {
  it.runIf(compose)('is valid compose configuration (no engine needed to check it)', () => {
    const result = config({ NEO4J_PASSWORD: 'only-for-validation' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it.runIf(compose)('refuses to start without NEO4J_PASSWORD rather than use a default', () => {
    const result = config({});
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('NEO4J_PASSWORD');
  });

  it('uses the official Neo4j 5.26 community image with a named volume, healthcheck and one-shot loader', () => {
    const text = readFileSync('docker-compose.yml', 'utf8');
    expect(text).toContain('image: neo4j:5.26-community');
    expect(text).toMatch(/neo4j-data:\/data/);
    expect(text).toMatch(/healthcheck:/);
    expect(text).toMatch(/condition: service_completed_successfully/);
    expect(text).not.toMatch(/^\s*NEO4J_PASSWORD:\s*[^$\s]/m); // never a literal password
  });
});
