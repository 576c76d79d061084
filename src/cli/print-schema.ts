/** `npm run schema:print` — writes the SDL of the code-first schema to `schema/schema.graphql`. */
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { schema } from '../schema/index.ts';

export const SCHEMA_FILE = 'schema/schema.graphql';
writeFileSync(SCHEMA_FILE, `${printSchema(schema)}\n`);
process.stderr.write(`wrote ${SCHEMA_FILE}\n`);
