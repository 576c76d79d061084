/**
 * GraphiQL as a new user meets it: served from the installed package, it must render and run the
 * example operation with every host but this server unreachable (no CDN on an offline machine).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, testYoga } from '../helpers/graph.ts';
import { listen } from '../reliability/helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('GraphiQL, offline', () => {
  const db = testDatabase();
  let server: Awaited<ReturnType<typeof listen>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await listen(testYoga(db));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await db.close();
  });

  it('renders with other hosts blocked and runs the example operation', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === server.base) return route.continue();
      blocked.push(url.href);
      return route.abort();
    });
    const failures: string[] = [];
    page.on('pageerror', (error) => failures.push(error.message));
    await page.goto(`${server.base}/graphql`, { waitUntil: 'load' });
    await page.locator('.graphiql-execute-button').click({ timeout: 30_000 });
    const result = page.locator('.result-window');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('"containerd"');
    expect(await page.title()).toBe('Docker concept graph');
    expect(blocked).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });
});
