/**
 * graphql-codegen for the concept-map page (`npm run codegen`): typed documents for every
 * operation in `src/web/app/operations.graphql`, checked against `schema/schema.graphql`, plus the
 * persisted-documents manifest (hash → document, copied to schema/ for the server) and Apollo's
 * `possibleTypes` for the `Node` interface. `test/unit/web/codegen.test.ts` fails when the
 * committed output drifts.
 */
import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The key of a trusted document: the bare hex SHA-256 the server's manifest and Apollo's APQ use. */
const sha256 = (document: string) => createHash('sha256').update(document).digest('hex');

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['src/web/app/operations.graphql'],
  // Generated imports end in `.ts`, as the rest of the code base writes them.
  importExtension: '.ts',
  generates: {
    'src/web/app/gql/': {
      preset: 'client',
      presetConfig: {
        // Operations read the fields of their fragments directly (no `useFragment` unmasking).
        fragmentMasking: false,
        // Each document carries its SHA-256 (`__meta__.hash`), which the page sends as
        // `extensions.persistedQuery`; `persisted-documents.json` maps hash → document, and a copy
        // at schema/persisted-documents.json is the server's trusted-documents manifest.
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: sha256 },
      },
      config: {
        // Plain strings, not graphql-js ASTs: the page posts them with fetch, no GraphQL runtime.
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        defaultScalarType: 'unknown',
      },
    },
    'schema/possible-types.json': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3 },
    },
  },
  hooks: {
    afterAllFileWrite: [
      // the same fixes `npm run format` applies (formatting, import order), so it leaves them be
      'biome check --write',
      // (hooks get the written files appended as arguments; `node -e` ignores them)
      `node -e "require('fs').copyFileSync('src/web/app/gql/persisted-documents.json', 'schema/persisted-documents.json')"`,
    ],
  },
};

export default config;
