/**
 * Property 9: no credentials in the repository or in the server's output. The compose file's use
 * of the environment for the password is checked in test/server/compose.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/neo4j/local-neo4j.ts';
import { post, probe, report, spawnServer } from './helpers.ts';

const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.neo4j-local',
  'dist',
  'target',
  'test-artifacts',
  'scratch',
  'bench-results',
]);
const TEXT =
  /\.(ts|js|mjs|cjs|json|ya?ml|md|sh|java|xml|html|css|env|graphql|txt|toml)$|^(Dockerfile|run|\.env.*)$/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) yield* files(path);
    else if (stat.size < 2_000_000 && TEXT.test(name)) yield path;
  }
}

/** Things that look like a real credential, with what makes them one. */
const CREDENTIALS: [string, RegExp][] = [
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['AWS access key', /\bAKIA[0-9A-Z]{16}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['credentials in a URI', /\b(neo4j|bolt|https?)(\+s|\+ssc)?:\/\/[^\s/:@'"`]+:[^\s/@'"`$]+@/],
  ['Neo4j auth pair', /NEO4J_AUTH\s*[:=]\s*['"]?neo4j\/(?!\$)[^\s'"]+/],
  ['password literal', /\b(password|passwd|secret)\b\s*[:=]\s*['"](?!\s*['"])[^'"\s$]{4,}['"]/i],
];
// Test files may hold obviously fake values to prove they are never echoed.
const FAKE = /^(secret|hunter2|only-for-validation|change-me|x+|not-a-password.*)$/i;

describe('secrets', () => {
  it('the repository holds no credential outside obviously fake test values', () => {
    const findings: string[] = [];
    let scanned = 0;
    for (const path of files(process.cwd())) {
      scanned += 1;
      const text = readFileSync(path, 'utf8');
      for (const [what, pattern] of CREDENTIALS) {
        const match = new RegExp(pattern.source, `${pattern.flags}g`);
        for (const m of text.matchAll(match)) {
          // The quoted value, or for an auth pair the password after `neo4j/`.
          const value = (/['"]([^'"]+)['"]?$/.exec(m[0])?.[1] ?? '').replace(/^neo4j\//, '');
          const inTests = relative(process.cwd(), path).startsWith('test/');
          if (inTests && FAKE.test(value)) continue;
          if (inTests && what === 'credentials in a URI' && /user:pass@|u:p@/.test(m[0])) continue;
          findings.push(`${relative(process.cwd(), path)}: ${what}: ${m[0].slice(0, 60)}`);
        }
      }
    }
    expect(findings).toEqual([]);
    expect(scanned).toBeGreaterThan(50);
    report('secrets: files scanned, credentials found', [scanned, findings.length]);
  });

  it('a password given in the environment never appears in the server output or its answers', async () => {
    const password = `pw-${randomBytes(12).toString('hex')}`;
    const port = await freePort();
    const server = await spawnServer({
      NODE_ENV: 'production',
      NEO4J_URI: `bolt://127.0.0.1:${port}`,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: password,
    });
    const answers: string[] = [];
    try {
      for (const query of [
        '{ concept(slug: "runc") { name } }',
        '{ nope }',
        '{ search(text: "x") { score } }',
      ]) {
        answers.push(JSON.stringify((await post(server.base, query)).body));
      }
      answers.push((await probe(server.base, '/ready')).text, (await probe(server.base, '/health')).text);
    } finally {
      await server.stop();
    }
    const output = server.output();
    expect(output).toContain('GraphQL API on');
    expect(output).not.toContain(password);
    for (const answer of answers) expect(answer).not.toContain(password);

    // A configuration error names the variable, never the password's value.
    const { spawnSync } = await import('node:child_process');
    const failed = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, NEO4J_URI: 'neo4j://db:7687', NEO4J_PASSWORD: password, PORT: 'bad' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(failed.status).toBe(1);
    expect(`${failed.stdout}${failed.stderr}`).not.toContain(password);
    report('secrets: password in server output/answers', 'never');
  });
});
