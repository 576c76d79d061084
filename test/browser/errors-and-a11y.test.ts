/**
 * When things go wrong (API down, a non-JSON gateway error, an unknown slug, a search with no
 * match), and axe-core on the main states of every mode on the desktop.
 */
import { describe, expect, it } from 'vitest';
import { axe, hasChromium, idle, interactive, shot, usePageServer } from './helpers/browser.ts';

describe.skipIf(!hasChromium)('the concept map when things go wrong', () => {
  const web = usePageServer();

  it('says so when the API is unavailable, and recovers on Retry', async () => {
    const o = await web.open('/?focus=containerd', { wait: false });
    await o.page.route('**/graphql', (route) =>
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
    await o.page.reload();
    await o.page.locator('#alert').waitFor({ state: 'visible' });
    expect(await o.page.textContent('#alert')).toContain('unavailable right now');
    expect(await o.page.getAttribute('#alert', 'data-code')).toBe('SERVICE_UNAVAILABLE');
    await shot(o.page, 'error-unavailable');
    await o.page.unroute('**/graphql');
    await o.page.getByRole('button', { name: 'Retry' }).click();
    await idle(o.page);
    expect(await o.page.isHidden('#alert')).toBe(true);
    expect(await o.page.evaluate(() => window.conceptMap.scene.nodes.map((n) => n.id))).toContain(
      'containerd-shim',
    );
  });

  it('says so when the server answers without JSON', async () => {
    const o = await web.open('/', { wait: false });
    await o.page.route('**/graphql', (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }),
    );
    await o.page.reload();
    await o.page.locator('#alert').waitFor({ state: 'visible' });
    expect(await o.page.textContent('#alert')).toContain('HTTP 502');
  });

  it('names an unknown concept once, with its suggestions as links and no pointless Retry', async () => {
    const o = await web.open('/?focus=containrd');
    expect(await o.page.getAttribute('#alert', 'data-code')).toBe('CONCEPT_NOT_FOUND');
    const text = (await o.page.textContent('#alert')) ?? '';
    expect(text.match(/containerd-shim/g)?.length).toBe(1);
    expect(await o.page.locator('#alert button', { hasText: 'Retry' }).count()).toBe(0);
    await shot(o.page, 'error-unknown-slug');
    await o.page.locator('#alert a[data-slug="containerd"]').click();
    await idle(o.page);
    expect(await o.page.evaluate(() => window.conceptMap.state.focus)).toBe('containerd');
    expect(await o.page.isHidden('#alert')).toBe(true);
  });

  it('says when the search finds nothing', async () => {
    const o = await web.open('/');
    await o.page.locator('#search-input').fill('xqzvwj');
    await o.page.locator('#search-results .empty').waitFor();
    expect(await o.page.textContent('#search-results')).toContain('No concept matches “xqzvwj”');
  });
});

describe.skipIf(!hasChromium)('accessibility of the main states (desktop, axe-core)', () => {
  const web = usePageServer();

  for (const [name, path] of [
    ['explore', '/'],
    ['explore, a relationship selected', '/?focus=containerd&edge=containerd|DEPENDS_ON|containerd-shim'],
    ['explore as tables', '/?focus=containerd&view=list'],
    ['study plan', '/?mode=learn&goals=overlay-driver&known=docker-engine'],
    ['study plan as a map', '/?mode=learn&goals=overlay-driver&view=map'],
    ['study plan without goals', '/?mode=learn'],
    ['route', '/?mode=path&from=docker-cli&to=runc'],
    ['roadmap', '/?mode=roadmap'],
  ] as const) {
    it(`has no violations: ${name}`, async () => {
      const o = await web.open(path);
      expect(await axe(o.page)).toEqual([]);
      await interactive(o.page);
      expect(await axe(o.page)).toEqual([]);
    });
  }

  it('has no violations with an error showing', async () => {
    const o = await web.open('/?focus=containrd');
    expect(await axe(o.page)).toEqual([]);
  });
});
