/**
 * The concept-map page in a real browser: Debian's headless Chromium driven by playwright-core,
 * against a real HTTP server (page + API) over the real graph. Screenshots of each state go to
 * `test-artifacts/concept-map/`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/neo4j/database.ts';
import { buildWeb } from '../../src/web/build.ts';
import { testDatabase, testYoga } from '../helpers/graph.ts';
import { type PageServer, startPageServer } from './server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = resolve('test-artifacts/concept-map');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Waits until no request of the page is in flight and the view has rendered. */
async function idle(page: Page) {
  await page.waitForFunction(
    () => document.body.dataset.ready === 'true' && document.body.dataset.loading === '0',
  );
}

const nodeIds = (page: Page) =>
  page.evaluate(() =>
    window.conceptMap.cy
      .nodes()
      .map((n) => n.id())
      .sort(),
  );

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

describe.skipIf(!existsSync(CHROMIUM))('the concept-map page in headless Chromium', () => {
  let db: Database;
  let server: PageServer;
  let browser: Browser;
  let webDir: string;
  const consoleErrors: string[] = [];

  async function open(path: string, options: { width?: number; height?: number; track?: boolean } = {}) {
    const page = await browser.newPage({
      viewport: { width: options.width ?? 1366, height: options.height ?? 800 },
    });
    if (options.track !== false) {
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`${path}: ${error.message}`));
    }
    await page.goto(`${server.url}${path}`);
    await idle(page);
    return page;
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    webDir = mkdtempSync(join(tmpdir(), 'concept-map-web-'));
    await buildWeb({ outDir: webDir });
    db = testDatabase();
    server = await startPageServer(testYoga(db), webDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  describe('exploring', () => {
    let page: Page;
    afterAll(() => page?.close());

    it('loads the default map, the legend and the GraphiQL link, and notes the first render', async () => {
      page = await open('/');
      expect(await page.evaluate(() => window.conceptMap.state.focus)).toBe('docker-engine');
      expect((await nodeIds(page)).length).toBeGreaterThan(3);
      expect(await page.locator('#kind-filters input').count()).toBeGreaterThan(10);
      expect(await page.locator('#type-filters input').count()).toBe(10);
      expect(await page.getAttribute('a.graphiql', 'href')).toBe('/graphql');
      const firstRender = await page.evaluate(() => window.conceptMap.firstRenderMs);
      expect(firstRender).toBeGreaterThan(0);
      console.log(`[concept-map] first render ${firstRender} ms after the script started`);
      await shot(page, '01-default');
    });

    it('suggests "containerd" while typing and focuses it, with the shim next to it', async () => {
      await page.locator('#search-input').fill('containe');
      await page.locator('#search-results [data-slug="containerd"]').waitFor();
      await shot(page, '02-suggestions');
      await page.locator('#search-input').fill('containerd');
      await page.locator('#search-results [data-slug="containerd"]').first().waitFor();
      await page.locator('#search-results [data-slug="containerd"]').first().click();
      await idle(page);
      expect(new URL(page.url()).searchParams.get('focus')).toBe('containerd');
      await expect.poll(() => page.textContent('#details-name')).toBe('containerd');
      const ids = await nodeIds(page);
      // containerd DEPENDS_ON containerd-shim DEPENDS_ON runc: the shim is one hop away, runc two.
      expect(ids).toContain('containerd-shim');
      expect(ids).not.toContain('runc');
      await shot(page, '03-containerd');
    });

    it('expands the shim on double-click, fetching only new neighbours, so runc appears', async () => {
      const before = await nodeIds(page);
      const box = (await page.locator('#cy').boundingBox())!;
      const at = await page.evaluate(() => window.conceptMap.cy.$id('containerd-shim').renderedPosition());
      const requests: string[] = [];
      page.on('request', (request) => {
        if (request.url().endsWith('/graphql')) requests.push(request.postData() ?? '');
      });
      await page.mouse.dblclick(box.x + at.x, box.y + at.y);
      await expect.poll(() => nodeIds(page)).toContain('runc');
      await idle(page);
      const after = await nodeIds(page);
      expect(after.length).toBeGreaterThan(before.length);
      expect(after).toEqual(expect.arrayContaining(before));
      const expansion = requests
        .map((body) => JSON.parse(body))
        .find((body) => body.query.includes('neighborhood') && body.variables.slug === 'containerd-shim');
      expect(expansion.variables.exclude).toEqual(expect.arrayContaining(before));
      expect(new URL(page.url()).searchParams.get('expand')).toBe('containerd-shim');
      await shot(page, '04-expanded');
    });

    it('restores the same view from the shared URL, and back/forward move between views', async () => {
      const shared = page.url();
      const expected = await nodeIds(page);
      const copy = await open(new URL(shared).pathname + new URL(shared).search);
      expect(await nodeIds(copy)).toEqual(expected);
      expect(await copy.evaluate(() => window.conceptMap.state.expanded)).toEqual(['containerd-shim']);
      await shot(copy, '05-shared-url');
      await copy.close();

      // The shim is selected now; its details link to runc.
      await page.locator('#details a[data-slug="runc"]').first().click();
      await idle(page);
      expect(await page.evaluate(() => window.conceptMap.state.focus)).toBe('runc');
      await page.goBack();
      await expect.poll(() => page.evaluate(() => window.conceptMap.state.focus)).toBe('containerd');
      await idle(page);
      expect(await nodeIds(page)).toEqual(expected);
    });

    it('filters by relationship type and kind, and keeps both in the URL', async () => {
      await page.goto(`${server.url}/?focus=containerd&types=DEPENDS_ON`);
      await idle(page);
      const types = await page.evaluate(() =>
        window.conceptMap.cy.edges().map((e) => e.data('type') as string),
      );
      expect(new Set(types)).toEqual(new Set(['DEPENDS_ON']));
      expect(await page.isChecked('#type-filters input[data-type="REQUIRES"]')).toBe(false);
      await page.uncheck('#kind-filters input[data-kind="COMPONENT"]');
      await idle(page);
      expect(new URL(page.url()).searchParams.get('hideKinds')).toBe('COMPONENT');
      const visible = await page.evaluate(() =>
        window.conceptMap.cy.nodes(':visible').map((n) => `${n.id()}:${n.data('kind')}`),
      );
      // The focus stays, whatever its kind; no other component is left.
      expect(visible).toContain('containerd:COMPONENT');
      expect(visible.filter((v) => v.endsWith(':COMPONENT'))).toEqual(['containerd:COMPONENT']);
      expect(await page.evaluate(() => window.conceptMap.cy.$id('containerd-shim').visible())).toBe(false);
    });
  });

  describe('learning path mode', () => {
    it('lists VXLAN before the overlay driver and skips what the learner knows', async () => {
      const page = await open('/?mode=learn&goals=overlay-driver');
      const order = await page
        .locator('#steps-list li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
      expect(order.indexOf('vxlan')).toBeGreaterThanOrEqual(0);
      expect(order.indexOf('vxlan')).toBeLessThan(order.indexOf('overlay-driver'));
      expect(order.at(-1)).toBe('overlay-driver');
      const total = Number(await page.textContent('#step-count strong'));
      expect(total).toBe(order.length);
      // The map shows the same steps, numbered in study order.
      expect(await page.evaluate(() => window.conceptMap.cy.$id('vxlan').data('label'))).toMatch(
        /^\d+\. VXLAN$/,
      );
      await shot(page, '06-learning-path');

      await page.check('#steps-list li[data-slug="docker-engine"] input[type="checkbox"]');
      await idle(page);
      expect(new URL(page.url()).searchParams.get('known')).toBe('docker-engine');
      await expect
        .poll(() => page.getAttribute('#skipped-list li[data-slug="docker-engine"]', 'data-reason'))
        .toBe('KNOWN');
      expect(await page.locator('#skipped-list li[data-reason="IMPLIED"]').count()).toBeGreaterThan(0);
      const remaining = await page
        .locator('#steps-list li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
      expect(remaining).not.toContain('docker-engine');
      expect(remaining.length).toBeLessThan(order.length);
      expect(await page.locator('#next-list li').count()).toBeGreaterThan(0);
      await shot(page, '07-learning-path-known');
      await page.close();
    });
  });

  describe('path mode', () => {
    it('shows the shortest path between two concepts with each relationship explained', async () => {
      const page = await open('/?mode=path&from=containerd&to=runc');
      const slugs = await page
        .locator('#path-list li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
      expect(slugs[0]).toBe('containerd');
      expect(slugs.at(-1)).toBe('runc');
      expect(await page.locator('#path-list .rel').count()).toBe(slugs.length - 1);
      expect(await page.evaluate(() => window.conceptMap.cy.edges('.highlight').length)).toBe(
        slugs.length - 1,
      );
      await shot(page, '08-path');
      await page.close();
    });
  });

  describe('on a narrow window', () => {
    it('stacks the map above the details', async () => {
      const page = await open('/?focus=containerd', { width: 420, height: 900 });
      const map = (await page.locator('#cy').boundingBox())!;
      const panel = (await page.locator('#panel').boundingBox())!;
      expect(map.height).toBeGreaterThan(250);
      expect(panel.y).toBeGreaterThanOrEqual(map.y + map.height);
      await shot(page, '09-narrow');
      await page.close();
    });
  });

  it('logged no console errors on any of the pages above', () => {
    expect(consoleErrors).toEqual([]);
  });

  describe('when things go wrong', () => {
    it('says so when the API is unavailable', async () => {
      const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
      await page.route('**/graphql', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [
              {
                message: 'The graph database is unavailable right now; retry shortly.',
                extensions: { code: 'SERVICE_UNAVAILABLE' },
              },
            ],
          }),
        }),
      );
      await page.goto(`${server.url}/?focus=containerd`);
      await page.locator('#alert').waitFor({ state: 'visible' });
      expect(await page.textContent('#alert')).toContain('unavailable right now');
      expect(await page.getAttribute('#alert', 'data-code')).toBe('SERVICE_UNAVAILABLE');
      await shot(page, '10-api-unavailable');

      await page.unroute('**/graphql');
      await page.click('#alert button');
      await idle(page);
      expect(await page.isHidden('#alert')).toBe(true);
      expect(await nodeIds(page)).toContain('containerd-shim');
      await page.close();
    });

    it('says so when the server cannot be reached or answers without JSON', async () => {
      const page = await browser.newPage();
      await page.route('**/graphql', (route) =>
        route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
      );
      await page.goto(`${server.url}/`);
      await page.locator('#alert').waitFor({ state: 'visible' });
      expect(await page.textContent('#alert')).toContain('HTTP 502');
      await page.close();
    });

    it('suggests close slugs for an unknown concept in a link', async () => {
      const page = await open('/?focus=containrd', { track: false });
      expect(await page.getAttribute('#alert', 'data-code')).toBe('CONCEPT_NOT_FOUND');
      await page.locator('#alert a[data-slug="containerd"]').click();
      await idle(page);
      expect(await page.evaluate(() => window.conceptMap.state.focus)).toBe('containerd');
      expect(await page.isHidden('#alert')).toBe(true);
      await page.close();
    });

    it('says when the search finds nothing', async () => {
      const page = await open('/');
      await page.locator('#search-input').fill('xqzvwj');
      await page.locator('#search-results .empty').waitFor();
      expect(await page.textContent('#search-results')).toContain('No concept matches “xqzvwj”');
      await shot(page, '11-no-match');
      await page.close();
    });
  });
});
