/**
 * docker-compose.yml and the Dockerfile, checked without a Docker engine: `docker compose config`
 * (v2) or `docker-compose config` (v1, what CI installs) validates the file, and the services are
 * read to check what a container would run. Whether Neo4j accepts its settings is
 * compose-settings.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readComposeFile } from './compose-file.ts';

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

const file = readComposeFile({ NEO4J_PASSWORD: 'only-for-validation' });
const service = (name: string) => {
  const found = file.services[name];
  if (!found) throw new Error(`docker-compose.yml has no \`${name}\` service`);
  return found;
};
// One instruction per line (continuation lines joined).
const dockerfile = readFileSync('Dockerfile', 'utf8').replace(/\\\n\s*/g, ' ');

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

  it('uses the official Neo4j 5.26 community image with a named volume and a healthcheck', () => {
    const neo4j = service('neo4j');
    expect(neo4j.image).toBe('neo4j:5.26-community');
    expect(neo4j.volumes).toContain('neo4j-data:/data');
    expect(neo4j.healthcheck?.test).toBeDefined();
    expect(readFileSync('docker-compose.yml', 'utf8')).not.toMatch(/^\s*NEO4J_PASSWORD:\s*[^$\s]/m); // never a literal password
  });

  it('runs the compiled loader once, without the image healthcheck (it serves no HTTP), before the API', () => {
    const loader = service('loader');
    expect(loader.command).toEqual(['node', '--enable-source-maps', 'dist/cli/load.js']);
    expect(loader.healthcheck).toEqual({ disable: true });
    expect(service('api').depends_on).toMatchObject({
      neo4j: { condition: 'service_healthy' },
      loader: { condition: 'service_completed_successfully' },
    });
  });

  it('publishes every port on 127.0.0.1 unless told otherwise', () => {
    const published = Object.values(file.services).flatMap((s) => s.ports ?? []);
    expect(published.length).toBeGreaterThan(0);
    for (const port of published) expect(String(port)).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
  });
});

describe('Dockerfile', () => {
  it('runs compiled JavaScript on a supported Node.js LTS, as a non-root user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:(22|24)[.\w-]*$/m);
    expect(dockerfile).toMatch(/^FROM \$\{NODE_IMAGE\} AS runtime$/m);
    expect(dockerfile).not.toMatch(/^FROM (?!\$\{NODE_IMAGE\})/m);
    expect(dockerfile).not.toMatch(/tsx/);
    expect(dockerfile).toMatch(/^CMD \["node", [^\]]*"dist\/main\.js"\]$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('checks readiness (/ready: Neo4j reachable), not mere liveness', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\/ready/m);
  });
});
