/**
 * The load checksum identifies the content of the files, so the same files must give the same
 * checksum on every machine: its sort may not depend on the locale (`localeCompare` does: in a
 * Danish locale "aa" sorts after "z"). Pure: the checksum is computed in child processes under
 * different locales, no Neo4j.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readAndValidate } from '../../../src/loader/read-and-validate.ts';
import { byCodeUnits, contentChecksum } from '../../../src/loader/sync.ts';

/** Tests that start the CLI (a Node process with tsx) get more than the unit tier's 5 s. */
const CLI_TIMEOUT = 60_000;

const FIXTURE = 'test/fixtures/data/checksum-order';

/** The checksum of the fixture as a process running under `locale` computes it. */
function checksumUnder(locale: string): string {
  const script = `
    const { readAndValidate } = await import('./src/loader/read-and-validate.ts');
    const { contentChecksum } = await import('./src/loader/sync.ts');
    const collator = new Intl.Collator().resolvedOptions().locale;
    process.stdout.write(JSON.stringify({ collator, checksum: contentChecksum(readAndValidate('${FIXTURE}').data) }));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, LC_ALL: locale, LANG: locale },
    encoding: 'utf8',
  });
  const { collator, checksum } = JSON.parse(out) as { collator: string; checksum: string };
  expect(collator).toBe(locale.replace('_', '-').replace('.UTF-8', ''));
  return checksum;
}

describe('the load checksum', () => {
  it('orders by code units, the same in every locale', () => {
    const slugs = ['zz-runtime', 'ab-runtime', 'aa-runtime'];
    expect([...slugs].sort(byCodeUnits)).toEqual(['aa-runtime', 'ab-runtime', 'zz-runtime']);
  });

  it(
    'is the same for the same files under an English and a Danish locale',
    () => {
      const english = checksumUnder('en_US.UTF-8');
      const danish = checksumUnder('da_DK.UTF-8');
      expect(danish).toBe(english);
      expect(english).toBe(contentChecksum(readAndValidate(FIXTURE).data));
    },
    CLI_TIMEOUT,
  );

  it('does not depend on the order in which the files list concepts and relationships', () => {
    const data = readAndValidate(FIXTURE).data;
    const shuffled = {
      ...data,
      concepts: [...data.concepts].reverse(),
      relations: [...data.relations].reverse(),
    };
    expect(contentChecksum(shuffled)).toBe(contentChecksum(data));
  });
});
