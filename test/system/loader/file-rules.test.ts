/**
 * The loader reads untrusted files safely: only regular files inside the data directory, size
 * checked before reading, UTF-8 plain text, capped and control-free fields, data printed without
 * its escape sequences, YAML aliases resolved within a cap. Each hostile file is added to a
 * temporary copy of `test/fixtures/data/file-rules` (FIFOs, devices, links and 50 MB files do
 * not belong in the repository); `npm run load -- --check` must refuse it with exit code 1 and
 * never hang. Pure: no Neo4j.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_LIMITS } from '../../../src/loader/data-files.ts';
import { readAndValidate } from '../../../src/loader/read-and-validate.ts';
import { formatProblem } from '../../../src/loader/validate.ts';
import { runLoadCli } from '../../helpers/load-cli.ts';

/** Tests that start the CLI (a Node process with tsx) get more than the unit tier's 5 s. */
const CLI_TIMEOUT = 60_000;

const scratch = mkdtempSync(join(tmpdir(), 'loader-file-rules-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of the valid base fixture; returns its directory. */
function dataDir(): string {
  const dir = join(scratch, `data-${++copies}`);
  cpSync(resolve('test/fixtures/data/file-rules'), dir, { recursive: true });
  return dir;
}

/** A path as the loader prints it (relative to the project root). */
const shown = (path: string) => relative(process.cwd(), path);

const errorsOf = (dir: string) => readAndValidate(dir).errors.map(formatProblem);

const concept = (fields: string) => `concepts:
  - slug: extra
${fields}    kind: CONCEPT
    summary: One more concept.
    tags: [extra]
    chapters: [1]
    estimatedMinutes: 5
    relations:
      - type: REQUIRES
        to: container
        note: It builds on containers.
`;

interface HostileFile {
  what: string;
  /** Adds the hostile file to `dir` and returns the error line the loader must print. */
  arrange: (dir: string) => string;
}

const HOSTILE_FILES: HostileFile[] = [
  {
    what: 'a FIFO named like a data file',
    arrange: (dir) => {
      const path = join(dir, 'concepts/pipe.yaml');
      execFileSync('mkfifo', [path]);
      return `error: ${shown(path)}: is a FIFO (named pipe), not a regular file`;
    },
  },
  {
    what: 'a chapters.yaml that is a FIFO',
    arrange: (dir) => {
      const path = join(dir, 'chapters.yaml');
      rmSync(path);
      execFileSync('mkfifo', [path]);
      return `error: ${shown(path)}: is a FIFO (named pipe), not a regular file`;
    },
  },
  {
    what: 'a symbolic link to /dev/zero',
    arrange: (dir) => {
      const path = join(dir, 'concepts/zero.yaml');
      symlinkSync('/dev/zero', path);
      return `error: ${shown(path)}: is a symbolic link that leaves the data directory; data files must live inside it`;
    },
  },
  {
    what: 'a symbolic link to a valid file outside the data directory',
    arrange: (dir) => {
      const outside = join(scratch, `outside-${copies}.yaml`);
      writeFileSync(outside, concept('    name: Extra\n'));
      const path = join(dir, 'concepts/outside.yaml');
      symlinkSync(outside, path);
      return `error: ${shown(path)}: is a symbolic link that leaves the data directory; data files must live inside it`;
    },
  },
  {
    what: 'a concepts directory that is a link out of the data directory',
    arrange: (dir) => {
      const outside = join(scratch, `concepts-${copies}`);
      cpSync(join(dir, 'concepts'), outside, { recursive: true });
      rmSync(join(dir, 'concepts'), { recursive: true });
      symlinkSync(outside, join(dir, 'concepts'));
      return `error: ${shown(join(dir, 'concepts'))}: is a symbolic link that leaves the data directory`;
    },
  },
  {
    what: 'a dangling symbolic link',
    arrange: (dir) => {
      const path = join(dir, 'concepts/gone.yaml');
      symlinkSync(join(dir, 'concepts/never-written.yaml'), path);
      return `error: ${shown(path)}: is a dangling symbolic link: its target does not exist`;
    },
  },
  {
    what: 'a directory named like a data file',
    arrange: (dir) => {
      const path = join(dir, 'concepts/folder.yaml');
      mkdirSync(path);
      return `error: ${shown(path)}: is a directory, not a regular file`;
    },
  },
  {
    what: 'a 50 MB file',
    arrange: (dir) => {
      const path = join(dir, 'concepts/huge.yaml');
      const fd = openSync(path, 'w');
      ftruncateSync(fd, 50 * 1024 * 1024); // sparse: instant, and no disk space used
      closeSync(fd);
      return `error: ${shown(path)}: is 52,428,800 bytes, over the limit of 1,048,576 bytes per data file`;
    },
  },
  {
    what: 'invalid UTF-8',
    arrange: (dir) => {
      const path = join(dir, 'concepts/latin1.yaml');
      const text = Buffer.from(concept('    name: Caf\u00e9\n'), 'latin1'); // é as the single byte 0xe9
      writeFileSync(path, text);
      const offset = text.indexOf(0xe9);
      return `error: ${shown(path)}:3: is not valid UTF-8 (byte 0xe9 at offset ${offset}); save it as UTF-8`;
    },
  },
  {
    what: 'a raw NUL byte',
    arrange: (dir) => {
      const path = join(dir, 'concepts/nul.yaml');
      writeFileSync(path, concept('    name: Nul\u0000byte\n'));
      return `error: ${shown(path)}:3: contains a NUL byte; data files are plain text`;
    },
  },
  {
    what: 'a raw ANSI escape sequence',
    arrange: (dir) => {
      const path = join(dir, 'concepts/ansi.yaml');
      writeFileSync(path, concept('    name: \u001b[2J\u001b[31mRed\u001b[0m\n'));
      return `error: ${shown(path)}:3: contains the control character U+001B; data files are plain text`;
    },
  },
  {
    what: 'a 1 MB name',
    arrange: (dir) => {
      const path = join(dir, 'concepts/big-name.yaml');
      writeFileSync(path, concept(`    name: ${'n'.repeat(1_000_000)}\n`));
      return `error: ${shown(path)}:2 [extra]: name: must be at most ${DATA_LIMITS.name} characters (it has 1000000)`;
    },
  },
  {
    what: 'a 1 MB alias',
    arrange: (dir) => {
      const path = join(dir, 'concepts/big-alias.yaml');
      writeFileSync(path, concept(`    name: Extra\n    aliases: [${'a'.repeat(1_000_000)}]\n`));
      return `error: ${shown(path)}:2 [extra]: aliases.0: must be at most ${DATA_LIMITS.alias} characters (it has 1000000)`;
    },
  },
  {
    what: 'a 1 MB slug, shown cut to its first characters',
    arrange: (dir) => {
      const path = join(dir, 'concepts/big-slug.yaml');
      writeFileSync(
        path,
        concept('    name: Extra\n').replace('slug: extra', `slug: ${'s'.repeat(1_000_000)}`),
      );
      return `error: ${shown(path)}:2 [${'s'.repeat(60)}… (1000000 characters)]: slug: must be at most ${DATA_LIMITS.slug} characters (it has 1000000)`;
    },
  },
];

describe('reading data files', () => {
  for (const hostile of HOSTILE_FILES) {
    describe(`with ${hostile.what}`, () => {
      const dir = dataDir();
      const expected = hostile.arrange(dir);

      it('refuses it with an error naming the file and the reason', () => {
        expect(errorsOf(dir)).toContain(expected);
      });

      it(
        'makes `npm run load -- --check` exit with code 1 at once, printing that error',
        async () => {
          const run = await runLoadCli(['--check', '--data', shown(dir)], { timeoutMs: 30_000 });
          expect(run.code).toBe(1);
          expect(run.stderr).toContain(expected);
          expect(run.stderr).not.toContain('\u001b');
        },
        CLI_TIMEOUT,
      );
    });
  }

  it(
    'refuses a 50 MB file before reading it: the CLI does it within a 64 MB heap',
    async () => {
      const dir = dataDir();
      const expected = (HOSTILE_FILES.find((h) => h.what === 'a 50 MB file') as HostileFile).arrange(dir);
      const run = await runLoadCli(['--check', '--data', shown(dir)], {
        nodeOptions: ['--max-old-space-size=64'],
        timeoutMs: 30_000,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(expected);
    },
    CLI_TIMEOUT,
  );

  it('follows a symbolic link that stays inside the data directory', () => {
    const dir = dataDir();
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared/extra.yaml'), concept('    name: Extra\n'));
    symlinkSync('../shared/extra.yaml', join(dir, 'concepts/extra.yaml'));
    const checked = readAndValidate(dir);
    expect(checked.errors.map(formatProblem)).toEqual([]);
    expect(checked.data.concepts.map((c) => c.slug)).toContain('extra');
  });

  it('ignores dot files, such as the dangling lock links editors leave next to a file', () => {
    const dir = dataDir();
    symlinkSync('root@host.1234:1700000000', join(dir, 'concepts/.#engine.yaml'));
    expect(errorsOf(dir)).toEqual([]);
  });
});

describe('control characters written as YAML escapes (control-characters)', () => {
  const file = 'test/fixtures/data/control-characters/concepts/engine.yaml';

  it('are refused in names, aliases and tags, with file, entry and the character named', () => {
    expect(errorsOf(resolve('test/fixtures/data/control-characters'))).toEqual([
      `error: ${file}:2 [red]: name: must not contain the control character U+001B (at character 1)`,
      `error: ${file}:2 [red]: aliases.0: must not contain the control character U+0000 (at character 4)`,
      `error: ${file}:2 [red]: tags.0: must not contain the control character U+202E (at character 4)`,
      `error: ${file}:13 [\\x1b]0;pwned\\x07]: slug: must not contain the control character U+001B (at character 1)`,
      `error: ${file}:13 [\\x1b]0;pwned\\x07]: summary: must not contain the control character U+009B (at character 5)`,
    ]);
  });

  it(
    'never reach the terminal raw: `npm run load -- --check` prints them escaped',
    async () => {
      const run = await runLoadCli(['--check', '--data', 'test/fixtures/data/control-characters']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('[\\x1b]0;pwned\\x07]');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point of the test
      expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    },
    CLI_TIMEOUT,
  );
});

describe('YAML aliases', () => {
  it('resolves a value written once and reused (yaml-aliases)', () => {
    const checked = readAndValidate(resolve('test/fixtures/data/yaml-aliases'));
    expect(checked.errors.map(formatProblem)).toEqual([]);
    const runc = checked.data.concepts.find((c) => c.slug === 'runc');
    expect(runc?.tags).toEqual(['runtime', 'engine']);
    expect(checked.data.relations.map((r) => r.note)).toEqual([
      'Runtimes exist to run containers.',
      'Runtimes exist to run containers.',
    ]);
  });

  it(
    `refuses aliases that expand to more than ${DATA_LIMITS.yamlAliasExpansion} nodes, an alias bomb (yaml-alias-bomb)`,
    async () => {
      const file = 'test/fixtures/data/yaml-alias-bomb/concepts/engine.yaml';
      const expected = `error: ${file}:1: YAML aliases expand to more than ${DATA_LIMITS.yamlAliasExpansion} nodes: refused (write the values out, or reuse fewer)`;
      expect(errorsOf(resolve('test/fixtures/data/yaml-alias-bomb'))).toContain(expected);
      const run = await runLoadCli(['--check', '--data', 'test/fixtures/data/yaml-alias-bomb'], {
        nodeOptions: ['--max-old-space-size=64'],
        timeoutMs: 30_000,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(expected);
    },
    CLI_TIMEOUT,
  );
});
