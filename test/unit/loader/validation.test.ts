/**
 * The loader's first promise to curators: bad data is refused with precise messages (file:line
 * [entry]: reason, with a "did you mean" for near misses), every problem in one run. Pure: reads
 * fixtures, needs no Neo4j (test/loader/validation.test.ts checks that nothing reaches it).
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAndValidate } from '../../../src/loader/read-and-validate.ts';
import { formatProblem } from '../../../src/loader/validate.ts';
import { BAD_INPUTS, f, fixture, removeTemporaryFixtures } from '../../fixtures/bad-inputs.ts';
import { runLoadCli } from '../../helpers/load-cli.ts';

/** Tests that start the CLI (a Node process with tsx) get more than the unit tier's 5 s. */
const CLI_TIMEOUT = 60_000;

afterAll(removeTemporaryFixtures);

/** The formatted errors and warnings of a fixture, as a curator would read them. */
function check(name: string, options: { strict?: boolean } = {}) {
  const checked = readAndValidate(resolve(fixture(name)), options);
  return { errors: checked.errors.map(formatProblem), warnings: checked.warnings.map(formatProblem) };
}

describe('validating a data directory', () => {
  for (const bad of BAD_INPUTS) {
    describe(`with ${bad.what} (${bad.fixture})`, () => {
      it('reports exactly these errors, each naming file, line, entry and reason', () => {
        const { errors, warnings } = check(bad.fixture);
        expect(errors).toEqual(bad.errors);
        expect(warnings).toEqual(bad.warnings ?? []);
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
    const warnings = [
      `warning: ${f('warnings-only', 'concepts/learning.yaml')}:13 [overlay-network]: REQUIRES → "container" is redundant: already implied through "bridge-network"`,
      `warning: ${f('warnings-only', 'chapters.yaml')}:8 [chapter 3]: no concept cites this chapter`,
    ];

    it('has no errors and explains both warnings', () => {
      expect(check('warnings-only')).toEqual({ errors: [], warnings });
    });

    it(
      'passes `npm run load -- --check` (exit code 0) with the warnings printed',
      async () => {
        const { code, stderr } = await runLoadCli(['--check', '--data', fixture('warnings-only')]);
        expect(code).toBe(0);
        expect(stderr).toContain('REQUIRES → "container" is redundant');
        expect(stderr).toContain(
          `${fixture('warnings-only')} is valid: 3 chapters, 3 concepts, 3 relationships`,
        );
      },
      CLI_TIMEOUT,
    );

    it(
      'fails `npm run load -- --check --strict` (exit code 1), the same findings printed as errors',
      async () => {
        expect(check('warnings-only', { strict: true })).toEqual({
          errors: warnings.map((w) => w.replace(/^warning:/, 'error:')),
          warnings: [],
        });
        const { code, stderr } = await runLoadCli([
          '--check',
          '--strict',
          '--data',
          fixture('warnings-only'),
        ]);
        expect(code).toBe(1);
        for (const warning of warnings) expect(stderr).toContain(warning.replace(/^warning:/, 'error:'));
        expect(stderr).toContain(`2 error(s) in ${fixture('warnings-only')}: nothing was written.`);
      },
      CLI_TIMEOUT,
    );
  });

  describe('the valid fixture graph of the sync tests', () => {
    it('has no errors', () => {
      expect(check('sync-base').errors).toEqual([]);
    });
  });
});
