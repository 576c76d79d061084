/**
 * The roadmap in headless Chromium: the sixteen chapters as an outline, each chapter's concepts
 * in study order, linked to the map and to the details.
 */
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../helpers/graph.ts';
import { hasChromium, idle, shot, usePageServer } from './helpers/browser.ts';

describe.skipIf(!hasChromium)('the roadmap', () => {
  const web = usePageServer();

  it('outlines the 16 chapters, each with its concepts prerequisites first', async () => {
    const o = await web.open('/?mode=roadmap');
    expect(await o.page.locator('.chapter').count()).toBe(16);
    expect(await o.page.title()).toBe('Roadmap · Docker concept map');
    // Within each chapter, no concept comes before something it requires (or is a kind of).
    const db = testDatabase();
    try {
      const { records } = await db.read(
        `MATCH (a:Concept)-[:REQUIRES|IS_A]->(b:Concept) RETURN a.slug AS a, b.slug AS b`,
      );
      const before = records.map((r) => [r.get('a') as string, r.get('b') as string]);
      const chapters = await o.page
        .locator('.chapter')
        .evaluateAll((sections) =>
          sections.map((s) =>
            [...s.querySelectorAll('li[data-slug]')].map((li) => li.getAttribute('data-slug') as string),
          ),
        );
      for (const order of chapters) {
        for (const [a, b] of before) {
          const ia = order.indexOf(a as string);
          const ib = order.indexOf(b as string);
          if (ia >= 0 && ib >= 0) expect(ib, `${b} before ${a}`).toBeLessThan(ia);
        }
      }
    } finally {
      await db.close();
    }
    expect(o.errors).toEqual([]);
    await shot(o.page, 'roadmap');
  });

  it('opens a concept’s details, or the map around it', async () => {
    const o = await web.open('/?mode=roadmap');
    const item = o.page.locator('#chapter-5 li[data-slug="containerd"]');
    await item.locator('button').click();
    await idle(o.page);
    expect(await o.page.textContent('#details-name')).toBe('containerd');
    await item.getByRole('link', { name: 'map' }).click();
    await idle(o.page);
    expect(await o.page.evaluate(() => window.conceptMap.state)).toMatchObject({
      mode: 'explore',
      focus: 'containerd',
    });
  });

  it('ticks what the learner knows', async () => {
    const o = await web.open('/?mode=roadmap&known=container');
    expect(await o.page.locator('li.learnt[data-slug="container"]').count()).toBeGreaterThan(0);
  });
});
