/**
 * graphql-codegen for the concept-map page (`npm run codegen`): typed documents for every
 * operation in `src/web/app/operations.graphql`, checked against `schema/schema.graphql`, plus the
 * persisted-documents manifest (hash → document) and Apollo's `possibleTypes` for the `Node`
 * interface. `test/unit/web/codegen.test.ts` fails when the committed output drifts.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

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
        // Each document carries its sha256 (`__meta__.hash`); `persisted-documents.json` maps
        // hash → text for a trusted-documents server.
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
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
  hooks: { afterAllFileWrite: ['biome format --write'] },
};

export default config;
