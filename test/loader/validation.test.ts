/**
 * The loader's first promise to curators: bad data is refused with precise messages (file:line
 * [entry]: reason, with a "did you mean" for near misses), every problem in one run, and nothing
 * written to Neo4j. One fixture under `test/fixtures/data/` per class of bad input.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { formatProblem } from '../../src/loader/validate.ts';
import { graphCounts, runCypher, testDatabase } from '../helpers/graph.ts';

const db = testDatabase();

// A file with a real YAML syntax error cannot live in the repository: the formatter parses every
// YAML file and refuses it. It is written next to the fixture's valid file in a temporary copy.
const syntaxErrorDir = mkdtempSync(join(tmpdir(), 'yaml-syntax-error-'));
cpSync(resolve('test/fixtures/data/yaml-syntax-error'), syntaxErrorDir, { recursive: true });
writeFileSync(
  join(syntaxErrorDir, 'concepts/broken.yaml'),
  `concepts:
  - slug: containerd
    name: containerd
    kind: COMPONENT
    summary: "The high-level runtime
    tags: [engine]
    chapters: [2]
`,
);

afterAll(async () => {
  rmSync(syntaxErrorDir, { recursive: true, force: true });
  await db.close();
});

const fixture = (name: string) =>
  name === 'yaml-syntax-error' ? relative(process.cwd(), syntaxErrorDir) : `test/fixtures/data/${name}`;

/** The formatted errors and warnings of a fixture, as a curator would read them. */
function check(name: string) {
  const checked = readAndValidate(resolve(fixture(name)));
  return { errors: checked.errors.map(formatProblem), warnings: checked.warnings.map(formatProblem) };
}

/** Runs the real CLI against the test Neo4j and returns its exit code and stderr. */
function runLoadCli(args: string[]): Promise<{ code: number; stderr: string }> {
  const target = inject('neo4j');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_URI: target.uri,
    NEO4J_DATABASE: target.database,
    NODE_ENV: 'test',
  };
  if (target.password) {
    env.NEO4J_USER = target.user ?? 'neo4j';
    env.NEO4J_PASSWORD = target.password;
    env.NEO4J_AUTH = 'basic';
  } else {
    env.NEO4J_AUTH = 'none';
    delete env.NEO4J_PASSWORD;
  }
  return new Promise((resolveRun) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/load.ts', ...args],
      { env, timeout: 120_000 },
      (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolveRun({ code, stderr });
      },
    );
  });
}

/** A sample of stored properties, to prove more than the counts stayed the same. */
const sample = () =>
  runCypher(
    db,
    `MATCH (c:Concept) WHERE c.slug IN ['containerd', 'runc', 'docker-engine']
     RETURN c.slug AS slug, c.name AS name, c.summary AS summary, c.kind AS kind ORDER BY slug`,
  );

interface BadInput {
  fixture: string;
  /** Reads as "data with …". */
  what: string;
  errors: string[];
  warnings?: string[];
}

const f = (name: string, file: string) => `${fixture(name)}/${file}`;

const BAD_INPUTS: BadInput[] = [
  {
    fixture: 'yaml-syntax-error',
    what: 'a YAML syntax error',
    errors: [
      `error: ${f('yaml-syntax-error', 'concepts/broken.yaml')}:8: YAML syntax error: Missing closing "quote`,
    ],
  },
  {
    fixture: 'yaml-duplicate-key',
    what: 'a key written twice in one entry',
    errors: [
      `error: ${f('yaml-duplicate-key', 'concepts/engine.yaml')}:16: YAML syntax error: Map keys must be unique`,
    ],
    // The file is refused whole, so nothing cites the chapters.
    warnings: [
      `warning: ${f('yaml-duplicate-key', 'chapters.yaml')}:2 [chapter 1]: no concept cites this chapter`,
      `warning: ${f('yaml-duplicate-key', 'chapters.yaml')}:5 [chapter 2]: no concept cites this chapter`,
    ],
  },
  {
    fixture: 'missing-top-level-list',
    what: 'a concepts file without its top-level "concepts:" list',
    errors: [
      `error: ${f('missing-top-level-list', 'concepts/engine.yaml')}:1: expected a top-level "concepts:" list`,
    ],
  },
  {
    fixture: 'schema-errors',
    what: 'missing, unknown, empty and mistyped fields',
    errors: [
      `error: ${f('schema-errors', 'concepts/engine.yaml')}:2 [containerd]: name: is required`,
      `error: ${f('schema-errors', 'concepts/engine.yaml')}:12 [runc]: summary: is required`,
      `error: ${f('schema-errors', 'concepts/engine.yaml')}:12 [runc]: unknown field(s) "sumary"`,
      `error: ${f('schema-errors', 'concepts/engine.yaml')}:19 [docker-engine]: summary: must not be empty`,
      `error: ${f('schema-errors', 'concepts/engine.yaml')}:26 [container]: chapters: Invalid input: expected array, received string`,
      `error: ${f('schema-errors', 'concepts/relations.yaml')}:2 [image]: tags: needs at least one tag`,
      `error: ${f('schema-errors', 'concepts/relations.yaml')}:19 [layer]: relations[0]: note: is required`,
      `error: ${f('schema-errors', 'concepts/relations.yaml')}:21 [layer]: relations[1]: unknown field(s) "weight"`,
      // Both of layer's relations were refused above and image was refused whole.
      `error: ${f('schema-errors', 'concepts/relations.yaml')}:12 [layer]: has no relationship: every concept needs at least one`,
    ],
    warnings: [
      `warning: ${f('schema-errors', 'chapters.yaml')}:5 [chapter 2]: no concept cites this chapter`,
    ],
  },
  {
    fixture: 'duplicate-slug',
    what: 'the same slug in two files',
    errors: [
      `error: ${f('duplicate-slug', 'concepts/runtimes.yaml')}:2 [runc]: duplicate slug, first defined at ${f('duplicate-slug', 'concepts/engine.yaml')}:12`,
    ],
  },
  {
    fixture: 'slug-not-kebab-case',
    what: 'a slug that is not kebab-case',
    errors: [
      `error: ${f('slug-not-kebab-case', 'concepts/engine.yaml')}:2 [Docker_Engine]: slug must be kebab-case: lowercase letters and digits separated by single dashes`,
    ],
  },
  {
    fixture: 'unknown-kind',
    what: 'unknown kinds, one a near miss',
    errors: [
      `error: ${f('unknown-kind', 'concepts/engine.yaml')}:2 [containerd]: unknown kind "COMPONNENT" (did you mean "COMPONENT"?)`,
      `error: ${f('unknown-kind', 'concepts/engine.yaml')}:12 [runc]: unknown kind "GADGET"`,
    ],
  },
  {
    fixture: 'unknown-relationship-type',
    what: 'unknown relationship types, one a near miss',
    errors: [
      `error: ${f('unknown-relationship-type', 'concepts/engine.yaml')}:12 [containerd]: unknown relationship type "DEPEND_ON" (did you mean "DEPENDS_ON"?)`,
      `error: ${f('unknown-relationship-type', 'concepts/engine.yaml')}:22 [containerd-shim]: unknown relationship type "CALLS"`,
      // Its only relationships were the two refused above.
      `error: ${f('unknown-relationship-type', 'concepts/engine.yaml')}:15 [containerd-shim]: has no relationship: every concept needs at least one`,
    ],
  },
  {
    fixture: 'dangling-reference',
    what: 'references to slugs that do not exist, one a near miss',
    errors: [
      `error: ${f('dangling-reference', 'concepts/engine.yaml')}:9 [docker-engine]: DEPENDS_ON → "contaienrd": no concept has this slug (did you mean "containerd"?)`,
      `error: ${f('dangling-reference', 'concepts/engine.yaml')}:12 [docker-engine]: USES → "kubernetes": no concept has this slug`,
    ],
  },
  {
    fixture: 'self-loop',
    what: 'a concept related to itself',
    errors: [
      `error: ${f('self-loop', 'concepts/engine.yaml')}:12 [containerd]: MANAGES → "containerd": a concept cannot relate to itself`,
    ],
  },
  {
    fixture: 'requires-cycle',
    what: 'a REQUIRES cycle of three concepts',
    errors: [
      `error: ${f('requires-cycle', 'concepts/learning.yaml')}:9 [image]: REQUIRES cycle: image → layer → union-filesystem → image (REQUIRES must be acyclic)`,
    ],
  },
  {
    fixture: 'part-of-cycle',
    what: 'a PART_OF cycle',
    errors: [
      `error: ${f('part-of-cycle', 'concepts/engine.yaml')}:9 [containerd]: PART_OF cycle: containerd → docker-engine → containerd (PART_OF must be acyclic)`,
    ],
  },
  {
    fixture: 'depends-on-and-evolved-from-cycles',
    what: 'a DEPENDS_ON cycle and an EVOLVED_FROM cycle',
    errors: [
      `error: ${f('depends-on-and-evolved-from-cycles', 'concepts/engine.yaml')}:9 [containerd]: DEPENDS_ON cycle: containerd → containerd-shim → runc → containerd (DEPENDS_ON must be acyclic)`,
      `error: ${f('depends-on-and-evolved-from-cycles', 'concepts/engine.yaml')}:49 [docker-compose]: EVOLVED_FROM cycle: docker-compose → fig → docker-compose (EVOLVED_FROM must be acyclic)`,
    ],
  },
  {
    fixture: 'no-relationship',
    what: 'a concept with no relationship',
    errors: [
      `error: ${f('no-relationship', 'concepts/engine.yaml')}:18 [crun]: has no relationship: every concept needs at least one`,
    ],
  },
  {
    fixture: 'no-chapter',
    what: 'concepts with an empty or missing chapter list',
    errors: [
      `error: ${f('no-chapter', 'concepts/engine.yaml')}:2 [containerd]: chapters: needs at least one chapter`,
      `error: ${f('no-chapter', 'concepts/engine.yaml')}:22 [libcontainer]: chapters: is required`,
      // Refused entries are left out of the graph checks, hence the two follow-on errors.
      `error: ${f('no-chapter', 'concepts/engine.yaml')}:19 [runc]: DEPENDS_ON → "libcontainer": no concept has this slug`,
      `error: ${f('no-chapter', 'concepts/engine.yaml')}:12 [runc]: has no relationship: every concept needs at least one`,
    ],
  },
  {
    fixture: 'declared-twice',
    what: 'a symmetric relationship declared on both sides and a relationship written twice',
    errors: [
      `error: ${f('declared-twice', 'concepts/runtimes.yaml')}:19 [crun]: ALTERNATIVE_TO → "runc": declared twice (also at ${f('declared-twice', 'concepts/runtimes.yaml')}:9, on "runc"; symmetric types are declared once)`,
      `error: ${f('declared-twice', 'concepts/runtimes.yaml')}:25 [crun]: REQUIRES → "runc": declared twice (also at ${f('declared-twice', 'concepts/runtimes.yaml')}:22)`,
    ],
  },
  {
    fixture: 'unknown-chapter',
    what: 'chapter numbers that are not in chapters.yaml',
    errors: [
      `error: ${f('unknown-chapter', 'concepts/engine.yaml')}:2 [containerd]: chapter 17 is not in chapters.yaml`,
      `error: ${f('unknown-chapter', 'concepts/engine.yaml')}:9 [containerd]: DEPENDS_ON → "runc": chapter 9 is not in chapters.yaml`,
    ],
  },
  {
    fixture: 'many-errors',
    what: 'seven different errors in one file',
    errors: [
      `error: ${f('many-errors', 'concepts/engine.yaml')}:37 [docker-run]: summary: is required`,
      `error: ${f('many-errors', 'concepts/engine.yaml')}:2 [docker-engine]: unknown kind "COMPONET" (did you mean "COMPONENT"?)`,
      `error: ${f('many-errors', 'concepts/engine.yaml')}:15 [container]: chapter 4 is not in chapters.yaml`,
      `error: ${f('many-errors', 'concepts/engine.yaml')}:31 [runc]: duplicate slug, first defined at ${f('many-errors', 'concepts/engine.yaml')}:25`,
      `error: ${f('many-errors', 'concepts/engine.yaml')}:9 [docker-engine]: DEPENDS_ON → "containr": no concept has this slug (did you mean "container"?)`,
      `error: ${f('many-errors', 'concepts/engine.yaml')}:22 [container]: REQUIRES cycle: container → docker-engine → container (REQUIRES must be acyclic)`,
      `error: ${f('many-errors', 'concepts/engine.yaml')}:25 [runc]: has no relationship: every concept needs at least one`,
    ],
  },
];

describe('validating a data directory', () => {
  for (const bad of BAD_INPUTS) {
    describe(`with ${bad.what} (${bad.fixture})`, () => {
      it('reports exactly these errors, each naming file, line, entry and reason', () => {
        const { errors, warnings } = check(bad.fixture);
        expect(errors).toEqual(bad.errors);
        expect(warnings).toEqual(bad.warnings ?? []);
      });

      it('makes `npm run load` exit with code 1, print the same errors and write nothing to Neo4j', async () => {
        const before = await graphCounts(db);
        const sampleBefore = await sample();
        const { code, stderr } = await runLoadCli(['--data', fixture(bad.fixture)]);
        expect(code).toBe(1);
        for (const message of [...bad.errors, ...(bad.warnings ?? [])]) expect(stderr).toContain(message);
        expect(stderr).toContain(
          `${bad.errors.length} error(s) in ${fixture(bad.fixture)}: nothing was written.`,
        );
        expect(await graphCounts(db)).toEqual(before);
        expect(await sample()).toEqual(sampleBefore);
      });
    });
  }

  describe('with several errors in one directory', () => {
    it('reports all of them in one run, not just the first', () => {
      const { errors } = check('many-errors');
      const reasons = errors.map((message) => message.replace(/^.*?\]: /, ''));
      expect(reasons).toEqual([
        expect.stringMatching(/^summary: is required$/),
        expect.stringMatching(/^unknown kind/),
        expect.stringMatching(/^chapter 4 is not in chapters.yaml$/),
        expect.stringMatching(/^duplicate slug/),
        expect.stringMatching(/no concept has this slug/),
        expect.stringMatching(/^REQUIRES cycle/),
        expect.stringMatching(/^has no relationship/),
      ]);
    });
  });

  describe('with only warnings (a redundant REQUIRES, a chapter nobody cites)', () => {
    it('has no errors and explains both warnings', () => {
      expect(check('warnings-only')).toEqual({
        errors: [],
        warnings: [
          `warning: ${f('warnings-only', 'concepts/learning.yaml')}:12 [overlay-network]: REQUIRES → "container" is redundant: already implied through "bridge-network"`,
          `warning: ${f('warnings-only', 'chapters.yaml')}:8 [chapter 3]: no concept cites this chapter`,
        ],
      });
    });

    it('passes `npm run load -- --check` (exit code 0) with the warnings printed', async () => {
      const { code, stderr } = await runLoadCli(['--check', '--data', fixture('warnings-only')]);
      expect(code).toBe(0);
      expect(stderr).toContain('REQUIRES → "container" is redundant');
      expect(stderr).toContain(
        `${fixture('warnings-only')} is valid: 3 chapters, 3 concepts, 3 relationships`,
      );
    });
  });

  describe('the valid fixture graph', () => {
    it('has neither errors nor warnings', () => {
      expect(check('sync-base')).toEqual({ errors: [], warnings: [] });
    });
  });

  describe('the real data/ with `npm run load -- --check`', () => {
    it('exits with code 0, says what it checked and writes nothing', async () => {
      const before = await graphCounts(db);
      const [meta] = await runCypher<{ loadedAt: string }>(
        db,
        "MATCH (m:GraphMeta {id: 'graph'}) RETURN toString(m.loadedAt) AS loadedAt",
      );
      const { code, stderr } = await runLoadCli(['--check']);
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
