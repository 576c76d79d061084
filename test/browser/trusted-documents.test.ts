/**
 * The page sends its operations by hash (`extensions.persistedQuery`), so it works against a
 * server that runs only the trusted documents of schema/persisted-documents.json, and falls back
 * to the document text where a server's manifest lacks them.
 */
import { describe, expect, it } from 'vitest';
import { hasChromium, usePageServer } from './helpers/browser.ts';

const PAGES = [
  '/?focus=containerd',
  '/?mode=learn&goals=overlay-driver',
  '/?mode=path&from=docker-cli&to=runc',
  '/?mode=roadmap',
];

describe.skipIf(!hasChromium)('the page against a trusted-documents-only API', () => {
  const web = usePageServer({
    TRUSTED_DOCUMENTS: 'only',
    TRUSTED_DOCUMENTS_FILE: 'schema/persisted-documents.json',
  });

  it('runs every mode with hashes alone', async () => {
    for (const path of PAGES) {
      const o = await web.open(path);
      const bodies: any[] = [];
      o.page.on('request', (r) => {
        if (r.url().endsWith('/graphql')) bodies.push(r.postDataJSON());
      });
      await o.page.reload();
      await o.page.waitForFunction(
        () => document.body.dataset.ready === 'true' && document.body.dataset.loading === '0',
      );
      expect(await o.page.isHidden('#alert'), path).toBe(true);
      expect(o.errors, path).toEqual([]);
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) {
        expect(body.query).toBeUndefined();
        expect(body.extensions.persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });
});

describe.skipIf(!hasChromium)('the page against a server without its manifest', () => {
  const web = usePageServer({
    TRUSTED_DOCUMENTS: 'accept',
    TRUSTED_DOCUMENTS_FILE: 'schema/no-such-manifest.json',
  });

  it('sends the documents themselves once a hash is unknown', async () => {
    const o = await web.open('/?focus=containerd');
    expect(await o.page.isHidden('#alert')).toBe(true);
    expect((await o.page.evaluate(() => window.conceptMap.scene.nodes.length)) > 3).toBe(true);
  });
});
