/**
 * Bad data never reaches Neo4j: for each class of bad input (the table in
 * test/fixtures/bad-inputs.ts), `npm run load` exits with code 1, prints the same errors the pure
 * validation tests expect, and leaves the graph exactly as it was.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BAD_INPUTS, fixture, removeTemporaryFixtures } from '../fixtures/bad-inputs.ts';
import { graphCounts, runCypher, testDatabase } from '../helpers/graph.ts';
import { runLoadCli } from '../helpers/load-cli.ts';

const db = testDatabase();

afterAll(async () => {
  removeTemporaryFixtures();
  await db.close();
});

/** The environment that points the CLI at the test Neo4j. */
function neo4jEnv(): NodeJS.ProcessEnv {
  const target = inject('neo4j');
  const env: NodeJS.ProcessEnv = { NEO4J_URI: target.uri, NEO4J_DATABASE: target.database };
  if (target.password) {
    env.NEO4J_USER = target.user ?? 'neo4j';
    env.NEO4J_PASSWORD = target.password;
    env.NEO4J_AUTH = 'basic';
  } else {
    env.NEO4J_AUTH = 'none';
  }
  return env;
}

/** A sample of stored properties, to prove more than the counts stayed the same. */
const sample = () =>
  runCypher(
    db,
    `MATCH (c:Concept) WHERE c.slug IN ['containerd', 'runc', 'docker-engine']
     RETURN c.slug AS slug, c.name AS name, c.summary AS summary, c.kind AS kind ORDER BY slug`,
  );

describe('loading bad data with `npm run load`', () => {
  for (const bad of BAD_INPUTS) {
    it(`with ${bad.what} (${bad.fixture}): exits with code 1, prints the errors and writes nothing to Neo4j`, async () => {
      const before = await graphCounts(db);
      const sampleBefore = await sample();
      const { code, stderr } = await runLoadCli(['--data', fixture(bad.fixture)], { env: neo4jEnv() });
      expect(code).toBe(1);
      for (const message of [...bad.errors, ...(bad.warnings ?? [])]) expect(stderr).toContain(message);
      expect(stderr).toContain(
        `${bad.errors.length} error(s) in ${fixture(bad.fixture)}: nothing was written.`,
      );
      expect(await graphCounts(db)).toEqual(before);
      expect(await sample()).toEqual(sampleBefore);
    });
  }
});

describe('checking the real data', () => {
  describe('with `npm run load -- --check --strict`', () => {
    it('exits with code 0, says what it checked, finds nothing to warn about and writes nothing', async () => {
      const before = await graphCounts(db);
      const [meta] = await runCypher<{ loadedAt: string }>(
        db,
        "MATCH (m:GraphMeta {id: 'graph'}) RETURN toString(m.loadedAt) AS loadedAt",
      );
      const { code, stderr } = await runLoadCli(['--check', '--strict'], { env: neo4jEnv() });
      expect(code).toBe(0);
      expect(stderr).toMatch(/^data is valid: 16 chapters, \d+ concepts, \d+ relationships$/m);
      expect(stderr).not.toMatch(/^(error|warning):/m);
      expect(await graphCounts(db)).toEqual(before);
      const [metaAfter] = await runCypher<{ loadedAt: string }>(
        db,
        "MATCH (m:GraphMeta {id: 'graph'}) RETURN toString(m.loadedAt) AS loadedAt",
      );
      expect(metaAfter?.loadedAt).toBe(meta?.loadedAt);
    });
  });
});
