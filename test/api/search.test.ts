import { afterAll, describe, expect, it } from 'vitest';
import { searchKey } from '../../src/domain.ts';
import { gql, graphCounts, realData, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const yoga = testYoga(db);
afterAll(() => db.close());

const search = async (text: string, first = 5) => {
  const response = await gql(
    yoga,
    'query ($text: String!, $first: Int) { search(text: $text, first: $first) { score concept { slug } } }',
    {
      text,
      first,
    },
  );
  return response;
};
const topSlugs = async (text: string, first = 5) =>
  ((await search(text, first)).data?.search ?? []).map(
    (hit: { concept: { slug: string } }) => hit.concept.slug,
  );

describe('search', () => {
  it('ranks the owner of every name, slug and alias of the real data first (both, for a shared name)', async () => {
    const owners = new Map<string, Set<string>>();
    for (const concept of realData().concepts)
      for (const text of [concept.name, concept.slug, ...concept.aliases]) {
        const key = searchKey(text);
        owners.set(key, new Set([...(owners.get(key) ?? []), concept.slug]));
      }
    const texts = realData().concepts.flatMap((c) => [c.name, ...c.aliases]);
    const misses: string[] = [];
    for (const text of texts) {
      const expected = owners.get(searchKey(text)) as Set<string>;
      const top = await topSlugs(text, Math.max(expected.size, 1));
      if (!top.every((slug: string) => expected.has(slug)) || top.length !== expected.size)
        misses.push(`"${text}" → ${top.join(', ')} (expected ${[...expected].join(', ')})`);
    }
    expect(misses).toEqual([]);
    expect(texts.length).toBeGreaterThan(700);
  }, 300_000);

  it('prefers names that start with the text to other matches', async () => {
    expect((await topSlugs('docker comp'))[0]).toMatch(/^docker-compose/);
  });

  it('finds concepts by alias', async () => {
    expect((await topSlugs('dockerd'))[0]).toBe('docker-engine');
    expect((await topSlugs('k8s'))[0]).toBe('kubernetes');
    expect(await topSlugs('CNM')).toContain('container-network-model');
    expect(await topSlugs('cgroups')).toContain('control-groups');
  });

  it('tolerates a typo', async () => {
    expect((await topSlugs('containrd'))[0]).toBe('containerd');
  });

  it('ranks hits best first, with scores', async () => {
    const hits = (await search('overlay network', 10)).data?.search as { score: number }[];
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBeGreaterThan(0);
  });

  it('treats Lucene and Cypher syntax literally: no error, nothing changed', async () => {
    const before = await graphCounts(db);
    for (const text of [
      'x}) DETACH DELETE n //',
      'run* AND (c:Concept',
      '"unterminated',
      'a~~~ ^^ [1 TO 2]',
      '\\',
      '***',
    ]) {
      const response = await search(text);
      expect(response.errors).toBeUndefined();
      expect(Array.isArray(response.data?.search)).toBe(true);
    }
    expect(await graphCounts(db)).toEqual(before);
  });

  it('refuses empty or huge text and out-of-range first with BAD_USER_INPUT', async () => {
    expect((await search('   ')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'text',
    });
    expect((await search('x'.repeat(201))).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'text',
    });
    expect((await search('runc', 0)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
  });
});
