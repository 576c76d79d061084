/**
 * Figures in the docs that the code or the data decide are checked here, so that they cannot
 * drift by hand: every graph checksum quoted is that of today's `data/`; the loader outputs
 * quoted in `data/README.md` have today's counts; README's Configuration table lists exactly the
 * variables `src/config.ts` reads. (Measured figures — timings, load test results — are dated
 * measurements, in docs/reliability.md and docs/benchmarks.md.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAndValidate } from '../../src/loader/read-and-validate.ts';
import { contentChecksum } from '../../src/loader/sync.ts';

const read = (path: string) => readFileSync(resolve(path), 'utf8');
const DOCS = [
  'README.md',
  'data/README.md',
  ...readdirSync('docs')
    .filter((f) => f.endsWith('.md'))
    .map((f) => join('docs', f)),
];

describe('figures in the docs', () => {
  const data = readAndValidate(resolve('data')).data;
  const checksum = contentChecksum(data);

  it("quote no graph checksum but today's", () => {
    const quoted = DOCS.flatMap((path) =>
      [...read(path).matchAll(/checksum[^0-9a-f\n]{0,40}\b([0-9a-f]{16})\b/g)].map((m) => `${path}: ${m[1]}`),
    );
    expect(quoted.filter((q) => !q.endsWith(`: ${checksum}`))).toEqual([]);
  });

  it("give the loader's counts of today's data/ in data/README.md", () => {
    const text = read('data/README.md');
    const { chapters, concepts, relations } = {
      chapters: data.chapters.length,
      concepts: data.concepts.length,
      relations: data.relations.length,
    };
    const chapterLinks = data.concepts.reduce((sum, c) => sum + c.chapters.length, 0);
    const valid = [
      ...text.matchAll(/^data is valid: (\d+) chapters, (\d+) concepts, (\d+) relationships$/gm),
    ];
    expect(valid.length).toBeGreaterThan(0);
    for (const m of valid) expect(m.slice(1).map(Number)).toEqual([chapters, concepts, relations]);
    const loaded = [
      ...text.matchAll(
        /^loaded in [\d.]+ s: (\d+) concepts, (\d+) relationships, (\d+) chapters \(nodes \+(\d+)\/-0, relationships \+(\d+)\/-0/gm,
      ),
    ];
    expect(loaded.length).toBeGreaterThan(0);
    // A first load creates every concept and chapter and one bookkeeping node, every relationship
    // and a link from each concept to each of its chapters; a second load creates nothing.
    const [first, ...again] = loaded.map((m) => m.slice(1).map(Number));
    expect(first).toEqual([concepts, relations, chapters, concepts + chapters + 1, relations + chapterLinks]);
    for (const counts of again) expect(counts).toEqual([concepts, relations, chapters, 0, 0]);
    const prose =
      /creates every node\s+\((\d+) concepts, (\d+) chapters and one bookkeeping node\) and relationship\s+\((\d+), plus (\d+) links/.exec(
        text,
      );
    if (prose) expect(prose.slice(1).map(Number)).toEqual([concepts, chapters, relations, chapterLinks]);
  });

  it('list in README every variable the configuration reads, and no other', () => {
    const config = read('src/config.ts');
    const schema = config.slice(config.indexOf('const envSchema'), config.indexOf('.superRefine('));
    const read_ = new Set([...schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
    const readme = read('README.md');
    const table = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5),
    );
    const documented = new Set<string>();
    for (const line of table.split('\n').filter((l) => l.startsWith('| `'))) {
      const names = [...(line.split('|')[1] ?? '').matchAll(/`([A-Z_][A-Z0-9_]*)`/g)].map(
        (m) => m[1] as string,
      );
      const first = names[0] ?? '';
      for (const name of names)
        documented.add(name.startsWith('_') ? `${first.slice(0, first.lastIndexOf('_'))}${name}` : name);
    }
    expect([...read_].filter((name) => !documented.has(name as string))).toEqual([]);
    expect([...documented].filter((name) => !read_.has(name))).toEqual([]);
  });
});
