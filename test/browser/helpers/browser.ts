/**
 * One server and one Chromium per test file, for the concept-map page's browser tests: the page is
 * built into a temp dir, served by a real HTTP server in front of the API over the real graph
 * (loaded by the global setup), and driven through Debian's Chromium with playwright-core. Each
 * test opens its own fresh page. Also: axe-core in the page, label and tap-target measurements,
 * and screenshots under `test-artifacts/concept-map/`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../../src/neo4j/database.ts';
import { buildWeb } from '../../../src/web/build.ts';
import { testDatabase, testYoga } from '../../helpers/graph.ts';
import { type PageServer, startPageServer } from './page-server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const ARTIFACTS = resolve('test-artifacts/concept-map');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Options for `expect.poll`: the page waits on a real server, which a busy CI box slows down. */
export const POLL = { timeout: 20_000, interval: 50 };

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
/** An iPhone-12-sized phone: touch, no hover, 3× pixels. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught exceptions of this page. */
  errors: string[];
  /** Console warnings (Cytoscape reports drawing problems this way). */
  warnings: string[];
}

export interface PageHarness {
  readonly url: string;
  readonly browser: Browser;
  /** A fresh page (own context, so storage is fresh too) at `path`, waited until idle. */
  open(path: string, options?: BrowserContextOptions & { wait?: boolean }): Promise<OpenedPage>;
}

/** Registers the file's beforeAll/afterAll and returns the harness they fill. */
export function usePageServer(): PageHarness {
  let db: Database;
  let server: PageServer;
  let browser: Browser;
  let webDir: string;
  const pages: Page[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    webDir = mkdtempSync(join(tmpdir(), 'concept-map-web-'));
    await buildWeb({ outDir: webDir });
    db = testDatabase();
    // One client address makes every request of the file: no rate limit in the browser tests.
    server = await startPageServer(testYoga(db, { RATE_LIMIT_MAX: '0' }), webDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
    await server?.close();
    await db?.close();
    if (webDir) rmSync(webDir, { recursive: true, force: true });
  });

  return {
    get url() {
      return server.url;
    },
    get browser() {
      return browser;
    },
    async open(path, options = {}) {
      const { wait = true, ...contextOptions } = options;
      const context = await browser.newContext({ ...DESKTOP, ...contextOptions });
      const page = await context.newPage();
      pages.push(page);
      const errors: string[] = [];
      const warnings: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
        if (message.type() === 'warning') warnings.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${server.url}${path}`);
      if (wait) await idle(page);
      return { page, errors, warnings };
    },
  };
}

/** Waits until no request of the page is in flight and the view has rendered. */
export async function idle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.body.dataset.ready === 'true' && document.body.dataset.loading === '0',
  );
}

/** Switches the map to Cytoscape (it otherwise waits for the learner to reach for the map). */
export async function interactive(page: Page): Promise<void> {
  await page.evaluate(() => window.conceptMap.interactive());
}

export const sceneIds = (page: Page) =>
  page.evaluate(() => window.conceptMap.scene.nodes.map((n) => n.id).sort());

/** Where a concept is drawn, in page coordinates (either renderer: they share the viewport). */
export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  const box = await page.locator('#cy').boundingBox();
  if (!box) throw new Error('the map is not visible');
  const at = await page.evaluate((slug) => {
    const node = window.conceptMap.scene.nodes.find((n) => n.id === slug);
    if (!node) throw new Error(`${slug} is not on the map`);
    const { zoom, pan } = window.conceptMap.viewport();
    return { x: pan.x + node.x * zoom, y: pan.y + node.y * zoom };
  }, id);
  return { x: box.x + at.x, y: box.y + at.y };
}

export async function clickNode(page: Page, id: string): Promise<void> {
  const p = await nodePoint(page, id);
  await page.mouse.click(p.x, p.y);
}

export async function dblclickNode(page: Page, id: string): Promise<void> {
  const p = await nodePoint(page, id);
  await page.mouse.dblclick(p.x, p.y);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.2 A/AA and best practices, target size included) on the page as it is. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the debugging protocol: the page's CSP (script-src 'self') stays in force.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run: (...args: unknown[]) => Promise<any> } }
    ).axe.run(document, {
      rules: { 'target-size': { enabled: true } },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n: any) => String(n.target)),
    }));
  });
}

/** Rendered font size in CSS px of the smallest node label on the map, at the current zoom. */
export function smallestLabelPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const { zoom } = window.conceptMap.viewport();
    if (window.conceptMap.renderer === 'svg') {
      const sizes = [...document.querySelectorAll<SVGTextElement>('#cy .node .label')].map(
        (t) => Number.parseFloat(getComputedStyle(t).fontSize) * zoom,
      );
      return Math.min(...sizes);
    }
    const cy = window.conceptMap.cy as { nodes(): { map<T>(fn: (n: any) => T): T[] } };
    return Math.min(...cy.nodes().map((n: any) => Number.parseFloat(n.style('font-size')) * zoom));
  });
}

/** Interactive elements smaller than 24×24 CSS px (inline links in running text excepted). */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const targets = document.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, summary, [role="option"]',
    );
    const small: string[] = [];
    for (const el of targets) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      // WCAG 2.5.8 exempts targets inside a sentence, and the skip link (off screen until focused).
      const inline =
        el.tagName === 'A' && el.closest('p, li span, .note, .rel, .alert') && !el.closest('nav');
      if (inline || el.classList.contains('skip-link')) continue;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        // Checked against the 24 px spacing rule: the label row is the target.
        const row = el.closest('label')?.getBoundingClientRect();
        if (row && row.height >= 24) continue;
      }
      if (box.height < 24 - 0.5 || box.width < 24 - 0.5) {
        small.push(
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
      }
    }
    return small;
  });
}
