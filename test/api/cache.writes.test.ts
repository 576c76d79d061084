/**
 * Cacheable reads: an answer is computed once per graph version, a GET revalidates with its ETag,
 * and a reload through the loader is seen by the very next request.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { syncGraph } from '../../src/loader/sync.ts';
import { loadRealData, realData, testDatabase, testYoga } from '../helpers/graph.ts';

const db = testDatabase();
const yoga = testYoga(db);
afterAll(async () => {
  await loadRealData(db);
  await db.close();
});

const QUERY = '{ concept(slug: "containerd") { slug summary requires { slug } } }';
const getUrl = `http://yoga/graphql?query=${encodeURIComponent(QUERY)}`;

async function post() {
  const before = db.queryCount;
  const response = await yoga.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  return { body: await response.json(), queries: db.queryCount - before, etag: response.headers.get('etag') };
}

describe('the response cache', () => {
  it('answers a repeated request from memory after checking the graph version (one small read)', async () => {
    const first = await post();
    expect(first.body.errors).toBeUndefined();
    expect(first.queries).toBeGreaterThanOrEqual(2); // the version, then the data
    const second = await post();
    expect(second.body).toEqual(first.body);
    expect(second.queries).toBe(1);
    expect(second.etag).toBe(first.etag);
  });

  it('revalidates a GET with its ETag: 304 without executing, Cache-Control no-cache', async () => {
    const first = await yoga.fetch(getUrl, { headers: { accept: 'application/json' } });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await yoga.fetch(getUrl, {
      headers: { accept: 'application/json', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('never serves an answer from before a reload: the next request after the loader commits is new', async () => {
    const before = await post();
    const get = await yoga.fetch(getUrl, { headers: { accept: 'application/json' } });
    const oldEtag = get.headers.get('etag') as string;

    const data = realData();
    const containerd = data.concepts.find((c) => c.slug === 'containerd');
    if (!containerd) throw new Error('containerd is missing from the data');
    containerd.summary = `${containerd.summary} (edited for the cache test)`;
    await syncGraph(db, data);

    const after = await post();
    expect(after.body.data.concept.summary).toMatch(/edited for the cache test/);
    expect(after.etag).not.toBe(before.etag);
    const revalidated = await yoga.fetch(getUrl, {
      headers: { accept: 'application/json', 'if-none-match': oldEtag },
    });
    expect(revalidated.status).toBe(200);
    expect((await revalidated.json()).data.concept.summary).toMatch(/edited for the cache test/);
  });

  it('does not keep answers with errors', async () => {
    const query = JSON.stringify({ query: '{ concept(slug: "contaienrd") { slug } }' });
    const send = () =>
      yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: query,
      });
    await send();
    const before = db.queryCount;
    const second = await send();
    expect((await second.json()).errors[0].extensions.code).toBe('CONCEPT_NOT_FOUND');
    expect(second.headers.get('etag')).toBeNull();
    expect(db.queryCount - before).toBeGreaterThan(1);
  });
});
