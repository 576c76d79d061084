/**
 * The study plan in headless Chromium: a numbered plan with summaries, reasons and study time,
 * "I know…" by search, goal-aware next steps, progress kept in the browser and carried by a link,
 * and the plan drawn as an arc diagram whose labels nothing crosses.
 */
import { describe, expect, it } from 'vitest';
import { hasChromium, idle, interactive, POLL, shot, usePageServer } from './helpers/browser.ts';

const stepSlugs = (page: import('playwright-core').Page) =>
  page.locator('#steps-list > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));

describe.skipIf(!hasChromium)('the study plan', () => {
  const web = usePageServer();

  it('lists every step in study order with its summary, why it is needed and its study time', async () => {
    const o = await web.open('/?mode=learn&goals=overlay-driver');
    const order = await stepSlugs(o.page);
    expect(order.indexOf('vxlan')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('vxlan')).toBeLessThan(order.indexOf('overlay-driver'));
    expect(order.at(-1)).toBe('overlay-driver');
    expect(Number(await o.page.textContent('#step-count strong'))).toBe(order.length);
    const vxlan = o.page.locator('#steps-list li[data-slug="vxlan"]');
    expect((await vxlan.locator('.summary').textContent())?.length).toBeGreaterThan(20);
    expect(await vxlan.locator('.why').textContent()).toMatch(
      /^Needed because .+ (requires|is a kind of) VXLAN/,
    );
    expect(await vxlan.locator('.time').textContent()).toMatch(/^\d+ min$|^\d+ h/);
    expect(await o.page.textContent('#step-count')).toMatch(/about (\d+ h)?( ?\d+ min)? in all/);
    // One goal: no step repeats "for Overlay driver".
    expect(await o.page.locator('#steps-list .note', { hasText: /^for / }).count()).toBe(0);
    expect(o.errors).toEqual([]);
    await shot(o.page, 'learn-plan');
  });

  it('says which goal a step serves only when the plan has several', async () => {
    const o = await web.open('/?mode=learn&goals=overlay-driver,docker-secrets');
    const notes = await o.page.locator('#steps-list .note').allTextContents();
    expect(notes.some((n) => /^for (Overlay|Docker Secrets)/.test(n))).toBe(true);
  });

  it('skips what the learner knows, added by searching “I know…”', async () => {
    const o = await web.open('/?mode=learn&goals=overlay-driver');
    const before = await stepSlugs(o.page);
    expect(before).toContain('docker-engine');
    await o.page.locator('#known-field').fill('docker engine');
    await o.page.locator('#known-field').press('Enter');
    await expect.poll(() => new URL(o.page.url()).searchParams.get('known'), POLL).toBe('docker-engine');
    await idle(o.page);
    const after = await stepSlugs(o.page);
    expect(after).not.toContain('docker-engine');
    expect(after.length).toBeLessThan(before.length);
    await o.page.locator('#skipped-list').evaluate((el) => el.closest('details')?.setAttribute('open', ''));
    expect(await o.page.getAttribute('#skipped-list li[data-slug="docker-engine"]', 'data-reason')).toBe(
      'KNOWN',
    );
    expect(await o.page.locator('#skipped-list li[data-reason="IMPLIED"]').count()).toBeGreaterThan(0);
    // Focus stays in the field for the next one.
    expect(await o.page.evaluate(() => document.activeElement?.id)).toBe('known-field');
  });

  it('suggests next steps toward the goals and keeps progress across visits and in a link', async () => {
    const o = await web.open('/?mode=learn&goals=overlay-driver');
    const next = await o.page
      .locator('#next-steps li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
    expect(next.length).toBeGreaterThan(0);
    const steps = await stepSlugs(o.page);
    for (const slug of next) expect(steps).toContain(slug);
    const first = next[0] as string;
    await o.page.locator(`#steps-list li[data-slug="${first}"] input[type="checkbox"]`).check();
    await expect.poll(() => new URL(o.page.url()).searchParams.get('done'), POLL).toBe(first);
    await idle(o.page);
    expect(await o.page.textContent('#progress-text')).toMatch(/^1 of \d+ studied/);
    expect(await o.page.locator(`#steps-list li[data-slug="${first}"]`).getAttribute('class')).toContain(
      'done',
    );
    // The plan moves on: what that step unlocked can come next.
    expect(
      await o.page
        .locator('#next-steps li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-slug'))),
    ).not.toContain(first);

    // A later visit to the bare study-plan page brings the progress back from localStorage.
    await o.page.goto(`${web.url}/?mode=learn`);
    await idle(o.page);
    expect(new URL(o.page.url()).searchParams.get('goals')).toBe('overlay-driver');
    expect(new URL(o.page.url()).searchParams.get('done')).toBe(first);

    // The export link carries it to another browser (a fresh context has empty storage).
    const link = await o.page.inputValue('#export-link');
    expect(link).toContain(`done=${first}`);
    const elsewhere = await web.open(new URL(link).pathname + new URL(link).search);
    expect(await elsewhere.page.textContent('#progress-text')).toMatch(/^1 of \d+ studied/);
  });

  it('drops concepts a link names that the graph does not have, and says so', async () => {
    const o = await web.open(
      '/?mode=learn&goals=overlay-driver&known=docker-engine,no-such-thing&done=gone-too',
    );
    await expect.poll(() => new URL(o.page.url()).searchParams.get('done'), POLL).toBeNull();
    await idle(o.page);
    expect(new URL(o.page.url()).searchParams.get('known')).toBe('docker-engine');
    expect(await o.page.isHidden('#alert')).toBe(true);
    expect(await o.page.textContent('#status')).toContain('Left out what this graph does not have');
    expect(await o.page.locator('#steps-list > li').count()).toBeGreaterThan(0);
  });

  it('shows a clicked step’s details where the learner is looking', async () => {
    const o = await web.open('/?mode=learn&goals=overlay-driver');
    await o.page.locator('#steps-list li[data-slug="vxlan"] .step-name').click();
    await idle(o.page);
    expect(await o.page.textContent('#details-name')).toBe('VXLAN');
    // The step itself is marked in place; the plan does not jump.
    expect(await o.page.locator('#steps-list li[data-slug="vxlan"]').getAttribute('class')).toContain(
      'selected',
    );
    const inView = await o.page.locator('#details-name').evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
  });

  it('measures the plan from change to drawn', async () => {
    const o = await web.open('/?mode=learn&goals=overlay-driver');
    await o.page.locator('#goals-field').fill('docker secrets');
    await o.page.locator('#goals-field').press('Enter');
    await expect
      .poll(() => new URL(o.page.url()).searchParams.get('goals'), POLL)
      .toBe('overlay-driver,docker-secrets');
    await idle(o.page);
    const ms = await o.page.evaluate(() => window.conceptMap.timings.plan);
    console.log(`[concept-map] learning plan drawn ${ms} ms after the change`);
    expect(ms).toBeGreaterThan(0);
  });

  it('draws the plan as an arc diagram whose labels do not overlap', async () => {
    const o = await web.open('/?mode=learn&goals=docker-secrets&view=map');
    await interactive(o.page);
    const result = await o.page.evaluate(() => {
      const cy = window.conceptMap.cy as any;
      const boxes = cy
        .nodes()
        .map((n: any) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
      let overlaps = 0;
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps++;
        }
      // Every arc bulges to the left of the column, away from the labels on the right.
      const leftOfColumn = cy
        .edges()
        .every((e: any) => e.controlPoints()?.every((p: any) => p.x <= 0.5) ?? true);
      return { overlaps, leftOfColumn, labels: cy.nodes().map((n: any) => n.data('label')) };
    });
    expect(result.overlaps).toBe(0);
    expect(result.leftOfColumn).toBe(true);
    expect(result.labels[0]).toMatch(/^1\. /);
    await shot(o.page, 'learn-map');
  });
});
