/**
 * Routes in headless Chromium: directed along meaningful relationships by default, presets for the
 * common questions, exact names on Enter, an alternative route, and names (not slugs) in the fields.
 */
import { describe, expect, it } from 'vitest';
import { hasChromium, idle, POLL, shot, usePageServer } from './helpers/browser.ts';

const param = (page: import('playwright-core').Page, key: string) =>
  new URL(page.url()).searchParams.get(key);

describe.skipIf(!hasChromium)('routes between two concepts', () => {
  const web = usePageServer();

  it('follows the arrows of meaningful relationships by default: Docker CLI reaches runc through the Engine', async () => {
    const o = await web.open('/?mode=path&from=docker-cli&to=runc');
    const slugs = await o.page
      .locator('#path-list > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
    expect(slugs[0]).toBe('docker-cli');
    expect(slugs.at(-1)).toBe('runc');
    expect(slugs).toContain('containerd');
    const types = await o.page
      .locator('#path-list .rel')
      .evaluateAll((items) => items.map((el) => el.getAttribute('data-type')));
    expect(types).not.toContain('RELATED_TO');
    expect(types).not.toContain('ALTERNATIVE_TO');
    // Every step reads forwards: each relationship starts at the concept before it.
    const forwards = await o.page.evaluate(() => {
      const scene = window.conceptMap.scene;
      return scene.edges.filter((e) => e.classes.includes('highlight')).map((e) => `${e.source}>${e.target}`);
    });
    for (let i = 0; i < slugs.length - 1; i++) expect(forwards).toContain(`${slugs[i]}>${slugs[i + 1]}`);
    expect(await o.page.locator('#path-list .rel').count()).toBe(slugs.length - 1);
    expect(o.errors).toEqual([]);
    await shot(o.page, 'path');
  });

  it('answers a preset question in one click, with one history entry', async () => {
    const o = await web.open('/?mode=path');
    const entries = await o.page.evaluate(() => history.length);
    await o.page.getByRole('button', { name: 'How does the Docker CLI reach runc?' }).click();
    await expect.poll(() => param(o.page, 'from'), POLL).toBe('docker-cli');
    await idle(o.page);
    expect(param(o.page, 'follow')).toBe('DEPENDS_ON');
    expect(await o.page.evaluate(() => history.length)).toBe(entries + 1);
    const slugs = await o.page
      .locator('#path-list > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
    expect(slugs).toEqual(['docker-cli', 'docker-engine', 'containerd', 'containerd-shim', 'runc']);
  });

  it('offers another route through a different first step when there is one', async () => {
    const o = await web.open('/?mode=path&from=docker-cli&to=runc');
    const alternative = o.page.locator('#alternative-list > li');
    expect(await alternative.count()).toBeGreaterThan(2);
    const main = await o.page
      .locator('#path-list > li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
    const other = await alternative.evaluateAll((items) => items.map((li) => li.getAttribute('data-slug')));
    expect(other[0]).toBe('docker-cli');
    expect(other.at(-1)).toBe('runc');
    expect(other[1]).not.toBe(main[1]);
  });

  it('shows the picked name, not the slug, after choosing only where to start', async () => {
    const o = await web.open('/?mode=path');
    await o.page.locator('#path-from').fill('docker cli');
    await o.page.locator('#path-from').press('Enter');
    await expect.poll(() => param(o.page, 'from'), POLL).toBe('docker-cli');
    await idle(o.page);
    expect(await o.page.inputValue('#path-from')).toBe('Docker CLI');
    expect(await o.page.textContent('#path-summary')).toContain('Choose where the route starts and ends');
  });

  it('goes either way, and through “related to”, only when asked', async () => {
    const o = await web.open('/?mode=path&from=runc&to=docker-cli');
    expect(await o.page.textContent('#path-summary')).toMatch(/No route from runc to Docker CLI/);
    await o.page.getByLabel('Either direction (ignore the arrows)').check();
    await expect.poll(() => param(o.page, 'dir'), POLL).toBe('both');
    await idle(o.page);
    expect(await o.page.locator('#path-list > li').count()).toBeGreaterThan(1);
  });
});
