import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, webBuildIsStale } from '../../../src/web/build.ts';
import { resolveAssetPath, useConceptMapPage } from '../../../src/web/serve.ts';

describe('the concept-map page plugin', () => {
  let dir: string;
  let yoga: ReturnType<typeof createYoga>;
  let script: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concept-map-'));
    const built = await buildWeb({ outDir: dir });
    script = built.files.find((f) => f.path.endsWith('.js'))!.path;
    yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { ok: Boolean }',
        resolvers: { Query: { ok: () => true } },
      }),
      plugins: [useConceptMapPage({ dir })],
      logging: false,
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds a page that names its hashed bundle', async () => {
    expect(webBuildIsStale(dir)).toBe(false);
    const response = await yoga.fetch('http://yoga/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain(`/${script}`);
  });

  it('serves assets as immutable, gzipped when asked, and answers 304 to a matching ETag', async () => {
    const response = await yoga.fetch(`http://yoga/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toContain('immutable');
    const etag = response.headers.get('etag')!;
    const again = await yoga.fetch(`http://yoga/${script}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves the page already in the mode its address asks for, each variant with its own ETag', async () => {
    const explore = await yoga.fetch('http://yoga/?focus=runc');
    expect(await explore.text()).toContain('<body data-mode="explore" data-presentation="map">');
    const learn = await yoga.fetch('http://yoga/?mode=learn&goals=vxlan');
    expect(await learn.text()).toContain('<body data-mode="learn" data-presentation="list">');
    const learnMap = await yoga.fetch('http://yoga/?mode=learn&view=map', {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(learnMap.headers.get('content-encoding')).toBe('gzip');
    expect(learnMap.headers.get('etag')).not.toBe(learn.headers.get('etag'));
    expect(learnMap.headers.get('etag')).not.toBe(explore.headers.get('etag'));
    const again = await yoga.fetch('http://yoga/?mode=learn&view=map', {
      headers: { 'if-none-match': learnMap.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    const bogus = await yoga.fetch('http://yoga/?mode=%22%3E%3Cscript%3E');
    expect(await bogus.text()).toContain('<body data-mode="explore" data-presentation="map">');
  });

  it('refuses paths that leave the assets folder', async () => {
    for (const path of [
      '/assets/..%2f..%2fpackage.json',
      '/assets/..%5c..%5cpackage.json',
      '/assets/x%00.js',
    ]) {
      const response = await yoga.fetch(`http://yoga${path}`);
      expect(response.status, path).toBe(404);
    }
    // Dot segments, even percent-encoded, are resolved by the URL parser first: they never reach
    // a file outside the build folder.
    const normalised = await yoga.fetch('http://yoga/assets/%2e%2e/%2e%2e/package.json');
    expect(await normalised.text()).not.toContain('docker-concept-graph');
    expect(resolveAssetPath(dir, '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toBeUndefined();
    expect(resolveAssetPath(dir, '/graphql')).toBeUndefined();
  });

  it('leaves everything else to yoga', async () => {
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(await response.json()).toEqual({ data: { ok: true } });
  });

  it('explains how to build the page when it is missing', async () => {
    const bare = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: Boolean }' }),
      plugins: [useConceptMapPage({ dir: join(dir, 'missing') })],
      logging: false,
    });
    const response = await bare.fetch('http://yoga/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run web:build');
  });
});
