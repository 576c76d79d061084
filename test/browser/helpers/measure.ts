/**
 * Measurements of the concept-map page shared by the browser tests and `npm run audit:web`:
 * Chromium's location and flags, the viewports, axe-core run inside the page, the smallest label
 * on the map, and targets under 24 px. Plain playwright-core; no test runner needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';

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

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * On a phone the details and filters below the map are skipped by layout until scrolled near
 * (`content-visibility: auto`); measurements must see them laid out.
 */
export const layOutEverything = (page: Page) =>
  page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('.panel, .sidebar'))
      el.style.contentVisibility = 'visible';
  });

/** Runs axe-core (WCAG 2.2 A/AA and best practices, target size included) on the page as it is. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await layOutEverything(page);
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
export async function smallTargets(page: Page): Promise<string[]> {
  await layOutEverything(page);
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
