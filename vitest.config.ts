import { defineConfig } from 'vitest/config';

/**
 * Test tiers, one project each (`npm run test:<tier>`; `npm test` runs them all):
 * - unit: pure code (`src/**\/*.test.ts`, `test/unit/`); no Neo4j, no Java, seconds;
 * - api: in-process yoga against the shared Neo4j, read-only, files in parallel;
 * - writes: tests that change the shared Neo4j (loader sync, planted data), one file at a time,
 *   after the readers;
 * - system: child processes, restarts, the JVM launcher, reliability; one file at a time;
 * - browser: the concept-map page in headless Chromium.
 * The Neo4j-backed tiers share one local Neo4j (see test/global-setup.ts).
 */
const neo4jBacked = { globalSetup: ['test/global-setup.ts'], testTimeout: 60_000, hookTimeout: 180_000 };

export default defineConfig({
  // graphql 16 ships CJS (main) and ESM (module) builds; Node loads the CJS one for Pothos and
  // yoga, so the tests' own imports must too, or two graphql instances meet.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  test: {
    env: { NODE_ENV: 'test' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          exclude: ['test/api/**/*.writes.test.ts'],
          ...neo4jBacked,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'writes',
          include: ['test/api/**/*.writes.test.ts', 'test/loader/**/*.test.ts'],
          ...neo4jBacked,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/system/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          ...neo4jBacked,
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          ...neo4jBacked,
          fileParallelism: false,
          sequence: { groupOrder: 4 },
        },
      },
    ],
  },
});
