/**
 * Explore mode in headless Chromium on the desktop: search, expanding (all neighbours or one
 * relationship type), feedback that stays, undo and restore, filters, the table alternative, a
 * layout that neither jumps nor changes between visits, and a keyboard that keeps its place.
 */
import { describe, expect, it } from 'vitest';
import {
  axe,
  clickNode,
  dblclickNode,
  hasChromium,
  idle,
  interactive,
  type OpenedPage,
  POLL,
  sceneIds,
  shot,
  usePageServer,
} from './helpers/browser.ts';

const statusText = (o: OpenedPage) => o.page.textContent('#status');
const param = (o: OpenedPage, key: string) => new URL(o.page.url()).searchParams.get(key);

/** Sum of the layout shifts the page saw (none caused by input), like Lighthouse's CLS. */
const layoutShift = (o: OpenedPage) =>
  o.page.evaluate(
    () =>
      new Promise<number>((done) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => done(total), 200);
      }),
  );

describe.skipIf(!hasChromium)('exploring the concept map (desktop)', () => {
  const web = usePageServer();

  it('opens on the Docker Engine with its name as the title, no console errors and no layout shift', async () => {
    const o = await web.open('/');
    expect(await o.page.evaluate(() => window.conceptMap.state.focus)).toBe('docker-engine');
    expect(await o.page.title()).toBe('Docker Engine · Docker concept map');
    expect((await sceneIds(o.page)).length).toBeGreaterThan(10);
    expect(await o.page.locator('#type-filters input').count()).toBe(11);
    expect(await o.page.locator('#type-filters input[data-type="IS_A"]').count()).toBe(1);
    expect(await o.page.getAttribute('a.graphiql', 'href')).toBe('/graphql');
    const firstRender = await o.page.evaluate(() => window.conceptMap.timings.firstRender);
    console.log(`[concept-map] first render ${firstRender} ms after the script started`);
    expect(await layoutShift(o)).toBeLessThanOrEqual(0.01);
    await interactive(o.page);
    expect(o.errors).toEqual([]);
    // Every edge has two distinct, placed ends: Cytoscape has nothing to warn about.
    expect(o.warnings.filter((w) => w.includes('invalid endpoints'))).toEqual([]);
    await shot(o.page, 'explore-desktop');
  });

  it('draws the same picture for the same link, in SVG first and in Cytoscape', async () => {
    const path = '/?focus=containerd&expand=containerd-shim';
    const positions = async (o: OpenedPage) =>
      o.page.evaluate(() =>
        window.conceptMap.scene.nodes.map((n) => `${n.id}@${Math.round(n.x)},${Math.round(n.y)}`).sort(),
      );
    const a = await web.open(path);
    const b = await web.open(path);
    expect(await positions(a)).toEqual(await positions(b));
    await interactive(b.page);
    const drawn = await b.page.evaluate(() =>
      (window.conceptMap.cy as any)
        .nodes()
        .map((n: any) => `${n.id()}@${Math.round(n.position('x'))},${Math.round(n.position('y'))}`)
        .sort(),
    );
    expect(drawn).toEqual(await positions(a));
  });

  it('takes the exact name on Enter: "docker cli" is the Docker CLI, not docker scout', async () => {
    const o = await web.open('/');
    await o.page.locator('#search-input').fill('docker cli');
    await o.page.locator('#search-input').press('Enter');
    await expect.poll(() => param(o, 'focus'), POLL).toBe('docker-cli');
    await idle(o.page);
    expect(await o.page.textContent('#details-name')).toBe('Docker CLI');
  });

  it('prefers the exact match even when the server ranks it lower', async () => {
    const o = await web.open('/');
    await o.page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON();
      if (typeof body.variables?.text !== 'string') return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      json.data.search.reverse();
      return route.fulfill({ response, json });
    });
    await o.page.locator('#search-input').fill('containerd');
    await o.page.locator('#search-results [data-slug="containerd"]').waitFor();
    await o.page.locator('#search-input').press('Enter');
    await expect.poll(() => param(o, 'focus'), POLL).toBe('containerd');
  });

  it('adds a double-clicked concept’s new neighbours, highlights them, says so, and keeps saying so', async () => {
    const o = await web.open('/?focus=containerd');
    const before = await sceneIds(o.page);
    expect(before).toContain('containerd-shim');
    expect(before).not.toContain('runc');
    const requests: any[] = [];
    o.page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) requests.push(r.postDataJSON());
    });
    await dblclickNode(o.page, 'containerd-shim');
    await expect.poll(() => sceneIds(o.page), POLL).toContain('runc');
    await idle(o.page);
    const after = await sceneIds(o.page);
    expect(after).toEqual(expect.arrayContaining(before));
    const expansion = requests.find(
      (b) => b.variables?.exclude !== undefined && b.variables?.slug === 'containerd-shim',
    );
    expect(expansion.variables.exclude).toEqual(expect.arrayContaining(before));
    expect(param(o, 'expand')).toBe('containerd-shim');
    // The message survives the render that followed, and the new concepts stand out.
    expect(await statusText(o)).toMatch(/^Added \d+ concepts? around containerd shim/);
    const fresh = await o.page.evaluate(() =>
      window.conceptMap.scene.nodes.filter((n) => n.classes.includes('fresh')).map((n) => n.id),
    );
    expect(fresh).toContain('runc');
    expect(fresh).not.toContain('containerd');
    expect(await layoutShift(o)).toBeLessThanOrEqual(0.01);
    console.log(`[concept-map] expand ${await o.page.evaluate(() => window.conceptMap.timings.expand)} ms`);
    await shot(o.page, 'explore-expanded');
  });

  it('says when a concept has nothing new to add', async () => {
    const o = await web.open('/?focus=vxlan');
    const before = await sceneIds(o.page);
    const leaf = await o.page.evaluate(
      () =>
        window.conceptMap.scene.nodes.find((n) => n.id === 'vtep')?.id ??
        window.conceptMap.scene.nodes[1]?.id,
    );
    await dblclickNode(o.page, leaf as string);
    await expect
      .poll(() => statusText(o), POLL)
      .toMatch(/has no further neighbours|already on the map|^Added/);
    await idle(o.page);
    const message = await statusText(o);
    if (!message?.startsWith('Added')) expect(await sceneIds(o.page)).toEqual(before);
  });

  it('expands by one relationship type and direction, showing the count first', async () => {
    const o = await web.open('/?focus=containerd&select=containerd-shim');
    const button = o.page.locator('#details .expand-type[data-type="DEPENDS_ON"][data-way="out"]');
    await button.waitFor();
    const count = Number((await button.locator('.count').textContent())?.match(/\+(\d+) new/)?.[1]);
    expect(count).toBeGreaterThan(0);
    const before = (await sceneIds(o.page)).length;
    await button.click();
    await expect.poll(async () => (await sceneIds(o.page)).length, POLL).toBe(before + count);
    expect(param(o, 'expand')).toBe('containerd-shim:DEPENDS_ON:out');
    await idle(o.page);
    const added = await o.page.evaluate(() =>
      window.conceptMap.scene.nodes.filter((n) => n.classes.includes('fresh')).map((n) => n.id),
    );
    expect(added).toContain('runc');
    // Every concept added is a target of the shim's DEPENDS_ON.
    const targets = await o.page.evaluate(() =>
      window.conceptMap.scene.edges
        .filter((e) => e.source === 'containerd-shim' && e.type === 'DEPENDS_ON')
        .map((e) => e.target),
    );
    for (const slug of added) expect(targets).toContain(slug);
    await shot(o.page, 'explore-expand-by-type');
  });

  it('undoes and redoes map changes, and restores removed concepts from a list', async () => {
    const o = await web.open('/?focus=containerd');
    const start = await sceneIds(o.page);
    await clickNode(o.page, 'containerd-shim');
    await idle(o.page);
    await o.page.getByRole('button', { name: 'Remove from map' }).click();
    await idle(o.page);
    expect(await sceneIds(o.page)).not.toContain('containerd-shim');
    expect(await statusText(o)).toContain('Removed containerd shim');
    await o.page.locator('#undo').click();
    await idle(o.page);
    expect(await sceneIds(o.page)).toEqual(start);
    await o.page.locator('#redo').click();
    await idle(o.page);
    expect(await sceneIds(o.page)).not.toContain('containerd-shim');
    await o.page.locator('#removed-list button', { hasText: 'Restore' }).click();
    await idle(o.page);
    expect(await sceneIds(o.page)).toEqual(start);
    expect(param(o, 'hide')).toBeNull();
  });

  it('frames the map again after a collapse, so the zoom recovers', async () => {
    const o = await web.open('/?focus=containerd&expand=containerd-shim');
    const zoom = () => o.page.evaluate(() => window.conceptMap.viewport().zoom);
    const framed = await zoom();
    await dblclickNode(o.page, 'docker-engine');
    await expect.poll(() => param(o, 'expand'), POLL).toBe('containerd-shim,docker-engine');
    await idle(o.page);
    await o.page.locator('#details').getByRole('button', { name: 'Collapse' }).click();
    await expect.poll(() => param(o, 'expand'), POLL).toBe('containerd-shim');
    await idle(o.page);
    // The reframing may be animated (300 ms).
    await expect.poll(zoom, POLL).toBeCloseTo(framed, 3);
  });

  it('restores a shared view from its URL, and Back returns to the previous focus', async () => {
    const o = await web.open('/?focus=containerd&expand=containerd-shim&select=containerd-shim');
    const expected = await sceneIds(o.page);
    await o.page.locator('#details a[data-slug="runc"]').first().click();
    await idle(o.page);
    expect(await o.page.evaluate(() => window.conceptMap.state.focus)).toBe('runc');
    await o.page.goBack();
    await expect.poll(() => o.page.evaluate(() => window.conceptMap.state.focus), POLL).toBe('containerd');
    await idle(o.page);
    expect(await sceneIds(o.page)).toEqual(expected);
  });

  it('follows the type filter, and the kind filter updates the caption and the history at once', async () => {
    const o = await web.open('/?focus=containerd&types=DEPENDS_ON');
    const types = await o.page.evaluate(() => window.conceptMap.scene.edges.map((e) => e.type));
    expect(new Set(types)).toEqual(new Set(['DEPENDS_ON']));
    expect(await o.page.isChecked('#type-filters input[data-type="REQUIRES"]')).toBe(false);
    const entries = await o.page.evaluate(() => history.length);
    await o.page.uncheck('#kind-filters input[data-kind="COMPONENT"]');
    await idle(o.page);
    expect(param(o, 'hideKinds')).toBe('COMPONENT');
    expect(await o.page.evaluate(() => history.length)).toBe(entries + 1);
    const visible = await o.page.evaluate(() =>
      window.conceptMap.scene.nodes.map((n) => `${n.id}:${n.kind}`),
    );
    expect(visible.filter((v) => v.endsWith(':COMPONENT'))).toEqual(['containerd:COMPONENT']);
    const caption = await o.page.textContent('#map-caption');
    expect(caption).toContain(`${visible.length} concept`);
    expect(caption).toMatch(/hidden by kind/);
    await o.page.goBack();
    await idle(o.page);
    expect(param(o, 'hideKinds')).toBeNull();
  });

  it('lists the map as tables, in sync with the filters, reachable by keyboard', async () => {
    const o = await web.open('/?focus=containerd&hideKinds=COMMAND');
    await o.page.locator('.view-switch button[data-presentation="list"]').click();
    await idle(o.page);
    expect(param(o, 'view')).toBe('list');
    const rows = await o.page.locator('#nodes-table tbody tr').count();
    const scene = await o.page.evaluate(() => window.conceptMap.scene);
    expect(rows).toBe(scene.nodes.length);
    expect(await o.page.locator('#edges-table tbody tr').count()).toBe(scene.edges.length);
    expect(scene.nodes.some((n) => n.kind === 'COMMAND')).toBe(false);
    expect(await o.page.textContent('#edges-table')).toMatch(/depends on/);
    const button = o.page.locator('#nodes-table button[data-slug="containerd-shim"]');
    await button.focus();
    await o.page.keyboard.press('Enter');
    await idle(o.page);
    expect(await o.page.textContent('#details-name')).toBe('containerd shim');
    expect(await o.page.evaluate(() => (document.activeElement as HTMLElement).dataset.focus)).toBe(
      'row:containerd-shim',
    );
    expect(await axe(o.page)).toEqual([]);
    await shot(o.page, 'explore-table');
  });

  it('keeps the keyboard where it was after expanding, collapsing and moving the focus', async () => {
    const o = await web.open('/?focus=containerd&select=containerd-shim');
    await o.page
      .locator('#details')
      .getByRole('button', { name: /Add all neighbours/ })
      .focus();
    await o.page.keyboard.press('Enter');
    await expect.poll(() => param(o, 'expand'), POLL).toBe('containerd-shim');
    await idle(o.page);
    expect(await o.page.evaluate(() => (document.activeElement as HTMLElement).dataset.focus)).toBe(
      'collapse:containerd-shim',
    );
    await o.page.keyboard.press('Enter');
    await expect.poll(() => param(o, 'expand'), POLL).toBeNull();
    await idle(o.page);
    expect(await o.page.evaluate(() => (document.activeElement as HTMLElement).dataset.focus)).toBe(
      'expand-all:containerd-shim',
    );
    // `e` on the selection expands it; the focus lands on Collapse, not on the page body.
    await o.page.locator('#map-heading').focus();
    await o.page.keyboard.press('e');
    await expect.poll(() => param(o, 'expand'), POLL).toBe('containerd-shim');
    await idle(o.page);
    expect(await o.page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
  });

  it('reaches the first details button in a few Tabs, before the filters', async () => {
    const o = await web.open('/?focus=containerd');
    await o.page.locator('body').focus();
    let presses = 0;
    for (; presses < 40; presses++) {
      await o.page.keyboard.press('Tab');
      const inDetails = await o.page.evaluate(() => !!document.activeElement?.closest('#details button'));
      if (inDetails) break;
    }
    console.log(`[concept-map] ${presses + 1} Tabs to the first details button`);
    expect(presses + 1).toBeLessThanOrEqual(20);
  });

  it('explains a clicked relationship in the details panel, not under the top bar', async () => {
    const o = await web.open('/?focus=containerd');
    await interactive(o.page);
    const edge = 'containerd|DEPENDS_ON|containerd-shim';
    const at = await o.page.evaluate((id) => {
      const e = (window.conceptMap.cy as any).getElementById(id);
      return e.renderedMidpoint();
    }, edge);
    const box = (await o.page.locator('#cy').boundingBox())!;
    await o.page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => param(o, 'edge'), POLL).toBe(edge);
    await idle(o.page);
    expect(await o.page.textContent('#details-name')).toBe('Relationship');
    expect(await o.page.textContent('#details-summary')).toContain('containerd depends on containerd shim');
  });

  it('keeps labels apart at depth 2', async () => {
    const o = await web.open('/?focus=containerd&depth=2');
    await interactive(o.page);
    const overlaps = await o.page.evaluate(() => {
      const cy = window.conceptMap.cy as any;
      const boxes = cy
        .nodes()
        .map((n: any) => ({ id: n.id(), b: n.boundingBox({ includeLabels: true, includeOverlays: false }) }));
      const pairs: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].b;
          const b = boxes[j].b;
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)
            pairs.push(`${boxes[i].id}/${boxes[j].id}`);
        }
      return { nodes: boxes.length, pairs };
    });
    console.log(
      `[concept-map] depth 2: ${overlaps.nodes} concepts, ${overlaps.pairs.length} overlapping label pairs`,
    );
    expect(overlaps.pairs).toEqual([]);
    await shot(o.page, 'explore-depth-2');
  });
});
