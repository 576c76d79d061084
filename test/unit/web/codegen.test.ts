/**
 * The concept-map page's generated GraphQL types (`npm run codegen`) must match what codegen
 * would write now from `schema/schema.graphql` and `src/web/app/operations.graphql`: a change to
 * either without regenerating fails here (and an operation the schema no longer accepts fails
 * codegen itself).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../../codegen.ts';

/** The committed files go through `biome check --write` (the codegen hook); so does the fresh output. */
function formatted(path: string, content: string): string {
  if (!/\.(ts|json)$/.test(path)) return content;
  return execFileSync('npx', ['biome', 'check', '--write', `--stdin-file-path=${path}`], {
    input: content,
    encoding: 'utf8',
  });
}

describe('the generated GraphQL types of the concept-map page', () => {
  it('are up to date with the schema and the operations (run `npm run codegen`)', async () => {
    const outputs = await generate({ ...config, hooks: {}, silent: true, cwd: process.cwd() }, false);
    expect(outputs.length).toBeGreaterThanOrEqual(4);
    for (const output of outputs) {
      const path = relative(process.cwd(), resolve(output.filename));
      const committed = readFileSync(path, 'utf8');
      expect(committed, `${path} is stale: run \`npm run codegen\``).toBe(formatted(path, output.content));
    }
  }, 60_000);

  it('give the server the page’s documents as its trusted-documents manifest, keyed by bare SHA-256', () => {
    const generated = readFileSync('src/web/app/gql/persisted-documents.json', 'utf8');
    expect(readFileSync('schema/persisted-documents.json', 'utf8')).toBe(generated);
    const manifest: Record<string, string> = JSON.parse(generated);
    expect(Object.keys(manifest).length).toBeGreaterThanOrEqual(7);
    for (const [hash, document] of Object.entries(manifest)) {
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(createHash('sha256').update(document).digest('hex')).toBe(hash);
    }
  });

  it('list the Node interface’s implementations for Apollo Client (`possibleTypes`)', () => {
    const { possibleTypes } = JSON.parse(readFileSync('schema/possible-types.json', 'utf8'));
    expect(possibleTypes.Node.sort()).toEqual(['Chapter', 'Concept']);
  });
});
