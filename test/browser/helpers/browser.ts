/**
 * One server and one Chromium per test file, for the concept-map page's browser tests: the page is
 * built into a temp dir, served by a real HTTP server in front of the API over the real graph
 * (loaded by the global setup), and driven through Debian's Chromium with playwright-core. Each
 * test opens its own fresh page. Also: axe-core in the page, label and tap-target measurements,
 * and screenshots under `test-artifacts/concept-map/`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../../src/neo4j/database.ts';
import { buildWeb } from '../../../src/web/build.ts';
import { testDatabase, testYoga } from '../../helpers/graph.ts';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DESKTOP } from './measure.ts';
import { type PageServer, startPageServer } from './page-server.ts';

export {
  ARTIFACTS,
  type AxeViolation,
  axe,
  CHROMIUM,
  DESKTOP,
  hasChromium,
  PHONE,
  POLL,
  smallestLabelPx,
  smallTargets,
} from './measure.ts';

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

/** Registers the file's beforeAll/afterAll and returns the harness they fill; `env` configures the API. */
export function usePageServer(env: Record<string, string> = {}): PageHarness {
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
    const yoga = testYoga(db, { RATE_LIMIT_MAX: '0', ...env });
    server = await startPageServer(yoga, webDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await warmUp(server.url);
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

/**
 * Runs the page's heavier queries once before the first test: a fresh Neo4j plans and compiles
 * each query on first use, which alone can outlast a test's patience.
 */
async function warmUp(url: string): Promise<void> {
  const queries = [
    '{ neighborhood(slug: "docker-engine", depth: 2, limit: 80) { nodes { concept { slug } } edges { id } } }',
    '{ concept(slug: "containerd") { name relations(first: 100) { totalCount edges { other { slug } } } } }',
    '{ learningPath(goals: ["overlay-driver"], known: []) { totalSteps } nextToLearn(known: [], goals: ["overlay-driver"]) { unlocks } }',
    '{ path(from: "docker-cli", to: "runc", direction: OUTGOING) { maxLength } search(text: "docker cli") { score } }',
    '{ chapters { concepts { slug requires { slug } isA { slug } } } }',
  ];
  for (const query of queries) {
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    }).then((r) => r.text());
  }
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
