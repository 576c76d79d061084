/**
 * The loader as a teaching linter: valid data can still teach badly. Each rule has one finding in
 * `test/fixtures/data/teaching-lint`; by default they are warnings (the load goes ahead), with
 * `--strict` they are errors (exit code 1). Pure: no Neo4j.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAndValidate } from '../../../src/loader/read-and-validate.ts';
import { MAX_EDGES_PER_NOTE } from '../../../src/loader/teaching-lint.ts';
import { formatProblem } from '../../../src/loader/validate.ts';
import { runLoadCli } from '../../helpers/load-cli.ts';

/** Tests that start the CLI (a Node process with tsx) get more than the unit tier's 5 s. */
const CLI_TIMEOUT = 60_000;

const dir = 'test/fixtures/data/teaching-lint';
const file = `${dir}/concepts/graph.yaml`;

const FINDINGS = {
  sharedNote: `warning: ${file}:103 [docker-compose-command]: the note "Used through the docker client." is on 4 edges (at most ${MAX_EDGES_PER_NOTE} may share one): say what is specific to each pair (also on docker-run REQUIRES docker-cli, docker-ps REQUIRES docker-cli, docker-rm REQUIRES docker-cli)`,
  requiresBesideIsA: `warning: ${file}:50 [bridge-driver]: REQUIRES → "network-driver" repeats the IS_A on the same pair (IS_A is already a prerequisite): remove the REQUIRES`,
  requiresBesidePartOf: `warning: ${file}:70 [pid-namespace]: REQUIRES and PART_OF → "linux-namespaces" on the same pair: if "pid-namespace" is a kind of "linux-namespaces", say IS_A alone; if it is a component, keep PART_OF and give it the prerequisites it really needs`,
  pointsAhead: `warning: ${file}:12 [container]: REQUIRES → "image" points ahead: "image" is first covered in chapter 2, "container" in chapter 1; drop it, or say in the note why a learner needs it first and name "chapter 2"`,
  sharedAlias: `warning: ${file}:84 [docker-cli]: alias "docker" is also an alias of "docker-platform": an alias must lead to one concept`,
  aliasIsAName: `warning: ${file}:84 [docker-cli]: alias "docker" is the name of "docker-platform": an alias must lead to one concept`,
  aliasIsAnotherName: `warning: ${file}:84 [docker-cli]: alias "docker compose" is the name of "docker-compose-command": an alias must lead to one concept`,
  outsideThePrerequisiteGraph: `warning: ${file}:135 [gpu]: is outside the prerequisite graph: no REQUIRES or IS_A goes in or out, so no learning path can include it`,
};

describe('the teaching linter', () => {
  const checked = readAndValidate(resolve(dir));
  const warnings = checked.warnings.map(formatProblem);

  it('finds no error: the data is valid', () => {
    expect(checked.errors).toEqual([]);
  });

  it(`flags a note shared by more than ${MAX_EDGES_PER_NOTE} edges (compared without case or extra spaces), once`, () => {
    expect(warnings).toContain(FINDINGS.sharedNote);
  });

  it('flags a REQUIRES next to an IS_A or a PART_OF on the same pair', () => {
    expect(warnings).toContain(FINDINGS.requiresBesideIsA);
    expect(warnings).toContain(FINDINGS.requiresBesidePartOf);
  });

  it('flags a prerequisite first covered in a later chapter, unless its note names that chapter', () => {
    expect(warnings).toContain(FINDINGS.pointsAhead);
    expect(warnings.filter((w) => w.includes('[process]'))).toEqual([]);
  });

  it("flags an alias shared by two concepts or equal to another concept's name", () => {
    expect(warnings).toContain(FINDINGS.sharedAlias);
    expect(warnings).toContain(FINDINGS.aliasIsAName);
    expect(warnings).toContain(FINDINGS.aliasIsAnotherName);
  });

  it('flags a concept that no REQUIRES or IS_A touches', () => {
    expect(warnings).toContain(FINDINGS.outsideThePrerequisiteGraph);
  });

  it('reports exactly these findings', () => {
    expect(warnings.sort()).toEqual(Object.values(FINDINGS).sort());
  });

  it(
    'leaves `npm run load -- --check` passing, with the findings printed as warnings',
    async () => {
      const run = await runLoadCli(['--check', '--data', dir]);
      expect(run.code).toBe(0);
      for (const finding of Object.values(FINDINGS)) expect(run.stderr).toContain(finding);
      expect(run.stderr).toContain(`${dir} is valid: 2 chapters, 14 concepts, 14 relationships`);
    },
    CLI_TIMEOUT,
  );

  it(
    'fails `npm run load -- --check --strict` with exit code 1, the findings printed as errors',
    async () => {
      const run = await runLoadCli(['--check', '--strict', '--data', dir]);
      expect(run.code).toBe(1);
      for (const finding of Object.values(FINDINGS))
        expect(run.stderr).toContain(finding.replace(/^warning:/, 'error:'));
      expect(run.stderr).toContain(
        `${Object.keys(FINDINGS).length} error(s) in ${dir}: nothing was written.`,
      );
    },
    CLI_TIMEOUT,
  );

  it('stays silent while the data has errors: its findings would be follow-ons of them', () => {
    const broken = readAndValidate(resolve('test/fixtures/data/no-relationship'));
    expect(broken.errors.length).toBeGreaterThan(0);
    expect(broken.warnings).toEqual([]);
  });
});
