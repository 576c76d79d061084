import { readFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';

describe('schema/schema.graphql', () => {
  it('is exactly the SDL the code builds (run `npm run schema:print` after changing the schema)', () => {
    expect(readFileSync('schema/schema.graphql', 'utf8')).toBe(`${printSchema(schema)}\n`);
  });
});
