/**
 * The map as tables — every concept and every relationship it shows, with the same filters —
 * for those who cannot or would rather not read a canvas. Reached with the "List" switch or `t`.
 */
import type { App } from './app.ts';
import { byId, compareText, fill, h } from './dom.ts';
import type { Scene } from './map/scene.ts';
import { kindStyle, typeStyle } from './map/styles.ts';

export function renderTable(app: App, scene: Scene): void {
  const names = new Map(scene.nodes.map((n) => [n.id, n.name]));
  const select = (slug: string) => app.store.go({ selected: slug, edge: '' }, { replace: true });
  const nameButton = (slug: string, key: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'link-button',
        'data-slug': slug,
        'data-focus': key,
        onclick: () => select(slug),
      },
      names.get(slug) ?? slug,
    );
  const nodes = [...scene.nodes].sort((a, b) => compareText(a.name, b.name));
  fill(
    byId('list-view'),
    h(
      'div',
      { class: 'map-table' },
      h(
        'h2',
        { id: 'table-heading', tabindex: '-1', 'data-focus': 'table-heading' },
        `On the map: ${scene.caption}`,
      ),
      h(
        'table',
        { id: 'nodes-table' },
        h('caption', {}, 'Concepts'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Concept'),
            h('th', { scope: 'col' }, 'Kind'),
            h('th', { scope: 'col' }, 'Where'),
          ),
        ),
        h(
          'tbody',
          {},
          nodes.map((n) =>
            h(
              'tr',
              { 'data-slug': n.id, class: n.classes.join(' ') },
              h('th', { scope: 'row' }, nameButton(n.id, `row:${n.id}`)),
              h('td', {}, kindStyle(n.kind).label),
              h('td', {}, n.classes.includes('focus') ? 'focus' : (n.note ?? '')),
            ),
          ),
        ),
      ),
      h(
        'table',
        { id: 'edges-table' },
        h('caption', {}, 'Relationships'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'From'),
            h('th', { scope: 'col' }, 'Relationship'),
            h('th', { scope: 'col' }, 'To'),
            h('th', { scope: 'col' }, 'Why'),
          ),
        ),
        h(
          'tbody',
          {},
          scene.edges.map((e) =>
            h(
              'tr',
              { 'data-edge': e.id },
              h('td', {}, nameButton(e.source, `edge-from:${e.id}`)),
              h('td', {}, typeStyle(e.type).verb),
              h('td', {}, nameButton(e.target, `edge-to:${e.id}`)),
              h('td', {}, e.note ?? ''),
            ),
          ),
        ),
      ),
    ),
  );
}
