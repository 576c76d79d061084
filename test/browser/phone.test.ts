/**
 * The page on a phone (390×844, touch, no hover): readable labels at the default zoom, 24 px
 * targets, a map that fills its box, the key right under the map, no keyboard hint, no layout
 * shift, and no axe-core violation in any mode.
 */
import { describe, expect, it } from 'vitest';
import {
  axe,
  hasChromium,
  interactive,
  PHONE,
  shot,
  smallestLabelPx,
  smallTargets,
  usePageServer,
} from './helpers/browser.ts';

const MODES = [
  { name: 'explore', path: '/' },
  { name: 'explore-depth-2', path: '/?focus=containerd&depth=2' },
  { name: 'learn-map', path: '/?mode=learn&goals=overlay-driver&view=map' },
  { name: 'path', path: '/?mode=path&from=docker-cli&to=runc' },
];

describe.skipIf(!hasChromium)('the concept map on a phone', () => {
  const web = usePageServer();

  for (const mode of MODES) {
    it(`draws labels of at least 11 px at the default zoom (${mode.name})`, async () => {
      const o = await web.open(mode.path, PHONE);
      const svg = await smallestLabelPx(o.page);
      await interactive(o.page);
      const cy = await smallestLabelPx(o.page);
      console.log(
        `[concept-map] phone ${mode.name}: smallest label ${svg.toFixed(1)} px (SVG), ${cy.toFixed(1)} px (Cytoscape)`,
      );
      expect(svg).toBeGreaterThanOrEqual(11);
      expect(cy).toBeGreaterThanOrEqual(11);
      await shot(o.page, `phone-${mode.name}`);
    });
  }

  it('uses the whole map box, with the key right below it', async () => {
    const o = await web.open('/?focus=containerd', PHONE);
    const map = (await o.page.locator('#cy').boundingBox())!;
    expect(map.height).toBeGreaterThan(450);
    expect(map.width).toBeGreaterThan(360);
    await interactive(o.page);
    const drawn = await o.page.evaluate(() => {
      const box = (window.conceptMap.cy as any).elements().renderedBoundingBox({ includeLabels: true });
      return { width: box.w, height: box.h };
    });
    // The drawing spans most of the box one way or the other (it may overflow: pan to see more).
    expect(Math.max(drawn.width / map.width, drawn.height / map.height)).toBeGreaterThan(0.75);
    const key = (await o.page.locator('#key').boundingBox())!;
    expect(key.y - (map.y + map.height)).toBeLessThan(60);
    expect(await o.page.isVisible('.search-hint')).toBe(false);
  });

  it('gives every control a target of at least 24×24 px', async () => {
    for (const path of [
      '/',
      '/?mode=learn&goals=overlay-driver',
      '/?mode=path&from=docker-cli&to=runc',
      '/?mode=roadmap',
    ]) {
      const o = await web.open(path, PHONE);
      await o.page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
      expect(await smallTargets(o.page), path).toEqual([]);
    }
  });

  it('has no axe-core violations in any mode', async () => {
    for (const path of [
      '/',
      '/?focus=containerd&view=list',
      '/?mode=learn&goals=overlay-driver',
      '/?mode=learn&goals=overlay-driver&view=map',
      '/?mode=path&from=docker-cli&to=runc',
      '/?mode=roadmap',
    ]) {
      const o = await web.open(path, PHONE);
      expect(await axe(o.page), path).toEqual([]);
    }
  });

  it('does not shift the layout while loading', async () => {
    const o = await web.open('/', PHONE);
    const shift = await o.page.evaluate(
      () =>
        new Promise<number>((done) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & { value: number })[]) total += e.value;
          }).observe({ type: 'layout-shift', buffered: true });
          setTimeout(() => done(total), 200);
        }),
    );
    expect(shift).toBeLessThanOrEqual(0.01);
  });
});
