/**
 * The concept-map page's generated GraphQL types (`npm run codegen`) must match what codegen
 * would write now from `schema/schema.graphql` and `src/web/app/operations.graphql`: a change to
 * either without regenerating fails here (and an operation the schema no longer accepts fails
 * codegen itself).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../../codegen.ts';

/** The committed files go through Biome's formatter (the codegen hook); so does the fresh output. */
function formatted(path: string, content: string): string {
  if (!/\.(ts|json)$/.test(path)) return content;
  return execFileSync('npx', ['biome', 'format', `--stdin-file-path=${path}`], {
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

  it('list the Node interface’s implementations for Apollo Client (`possibleTypes`)', () => {
    const { possibleTypes } = JSON.parse(readFileSync('schema/possible-types.json', 'utf8'));
    expect(possibleTypes.Node.sort()).toEqual(['Chapter', 'Concept']);
  });
});
