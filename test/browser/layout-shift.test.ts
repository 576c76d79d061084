/**
 * Nothing moves while a page loads, in any mode, on the desktop or a phone: the server writes the
 * mode onto <body>, the stylesheet and filters are in the HTML, messages float, and lists that
 * grow start tall enough that what follows them stays below the fold.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, hasChromium, PHONE, usePageServer } from './helpers/browser.ts';

/** Sum of the layout shifts the page saw (none caused by input), like Lighthouse's CLS. */
const layoutShift = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[]) {
            if (!e.hadRecentInput) total += e.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => done(total), 300);
      }),
  );

const PATHS = [
  '/',
  '/?focus=containerd&depth=2',
  '/?focus=containerd&view=list',
  '/?mode=learn&goals=overlay-driver',
  '/?mode=learn&goals=overlay-driver&view=map',
  '/?mode=path&from=docker-cli&to=runc',
  '/?mode=roadmap',
];

describe.skipIf(!hasChromium)('layout shift while loading', () => {
  const web = usePageServer();

  for (const [device, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`stays under 0.01 in every mode (${device})`, async () => {
      const shifts: Record<string, number> = {};
      for (const path of PATHS) {
        const o = await web.open(path, options);
        shifts[path] = Number((await layoutShift(o.page)).toFixed(4));
      }
      console.log(`[concept-map] layout shift on load (${device}): ${JSON.stringify(shifts)}`);
      for (const [path, shift] of Object.entries(shifts)) expect(shift, path).toBeLessThanOrEqual(0.01);
    });
  }
});
