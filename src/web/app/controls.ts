/**
 * The page's fixed controls: mode buttons, the relationship and kind filters (which double as the
 * legend), the key to what is on the map, the toolbar, and the keyboard shortcuts. Every change
 * goes through the store, so it is a history entry and the controls follow Back and Forward.
 */
import type { App } from './app.ts';
import { byId, h } from './dom.ts';
import { collapse, dismiss, expand, restore } from './explore.ts';
import type { ConceptKind, RelationType } from './gql/graphql.ts';
import type { Scene } from './map/scene.ts';
import { kindStyle, RELATION_TYPES, shapeClip, typeLabel, typeStyle } from './map/styles.ts';
import { defaultPresentation, type Mode, type Presentation, type ViewState } from './url-state.ts';

const edgeSwatch = (type: string) => {
  const ts = typeStyle(type);
  return h('span', {
    class: `edge-swatch${ts.symmetric ? ' symmetric' : ''}`,
    style: `border-top-style:${ts.line};border-top-color:${ts.color};border-left-color:${ts.color}`,
    'aria-hidden': 'true',
  });
};

const kindSwatch = (kind: string) => {
  const ks = kindStyle(kind);
  return h('span', {
    class: 'swatch',
    style: `background:${ks.color};clip-path:${shapeClip(ks.shape)}`,
    'aria-hidden': 'true',
  });
};

/** Wires the filters index.html already holds (written at build time from the style tables). */
export function buildFilters(app: App): void {
  const { store } = app;
  byId('type-filters').addEventListener('change', () => {
    const boxes = [...document.querySelectorAll<HTMLInputElement>('#type-filters input')];
    const checked = boxes.filter((b) => b.checked).map((b) => b.value as RelationType);
    store.go({ types: checked.length === boxes.length ? [] : checked, expanded: [] }, { undoable: true });
  });
  byId('kind-filters').addEventListener('change', () => {
    const hidden = [...document.querySelectorAll<HTMLInputElement>('#kind-filters input')]
      .filter((b) => !b.checked)
      .map((b) => b.value as ConceptKind);
    store.go({ hiddenKinds: hidden }, { undoable: true });
  });
  byId('types-all').addEventListener('click', () =>
    store.go({ types: [], expanded: [] }, { undoable: true }),
  );
  byId('types-learning').addEventListener('click', () =>
    store.go({ types: ['REQUIRES', 'IS_A'], expanded: [] }, { undoable: true }),
  );
}

/** The key lists only the kinds and relationship types the map shows now. */
export function renderKey(scene: Scene): void {
  const kinds = [...new Set(scene.nodes.map((n) => n.kind))].sort();
  const types = RELATION_TYPES.filter((t) => scene.edges.some((e) => e.type === t));
  byId('key-body').replaceChildren(
    h(
      'ul',
      { class: 'key-list' },
      kinds.map((k) => h('li', {}, kindSwatch(k), kindStyle(k).label)),
    ),
    h(
      'ul',
      { class: 'key-list' },
      types.map((t) => h('li', {}, edgeSwatch(t), typeLabel(t))),
    ),
  );
}

export function syncControls(app: App, s: ViewState): void {
  document.body.dataset.mode = s.mode;
  document.body.dataset.presentation = s.presentation;
  for (const button of document.querySelectorAll<HTMLButtonElement>('.modes button')) {
    button.setAttribute('aria-pressed', String(button.dataset.mode === s.mode));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('.view-switch button')) {
    button.setAttribute('aria-pressed', String(button.dataset.presentation === s.presentation));
  }
  for (const box of document.querySelectorAll<HTMLInputElement>('#type-filters input')) {
    box.checked = s.types.length === 0 || s.types.includes(box.value as RelationType);
  }
  for (const box of document.querySelectorAll<HTMLInputElement>('#kind-filters input')) {
    box.checked = !s.hiddenKinds.includes(box.value as ConceptKind);
  }
  byId<HTMLSelectElement>('depth').value = String(s.depth);
  byId<HTMLButtonElement>('undo').disabled = !app.store.canUndo;
  byId<HTMLButtonElement>('redo').disabled = !app.store.canRedo;
  byId('cy').hidden = s.presentation !== 'map' || s.mode === 'roadmap';
  byId('list-view').hidden = !byId('cy').hidden;
}

export function setTitle(app: App, s: ViewState): void {
  const what: Record<Mode, () => string> = {
    roadmap: () => 'Roadmap',
    explore: () => app.store.names.get(s.focus) ?? '',
    learn: () =>
      s.goals.length > 0 ? `Study plan: ${s.goals.map((g) => app.store.nameOf(g)).join(', ')}` : 'Study plan',
    path: () => (s.from && s.to ? `Route: ${app.store.nameOf(s.from)} → ${app.store.nameOf(s.to)}` : 'Route'),
  };
  const title = what[s.mode]();
  document.title = title ? `${title} · Docker concept map` : 'Docker concept map';
}

export function wireControls(app: App, focusSearch: () => void): void {
  const { store, map } = app;
  for (const button of document.querySelectorAll<HTMLButtonElement>('.modes button')) {
    button.addEventListener('click', () => {
      const mode = button.dataset.mode as Mode;
      if (mode !== store.state.mode)
        store.go({ mode, selected: '', edge: '', presentation: defaultPresentation(mode) });
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('.view-switch button')) {
    button.addEventListener('click', () =>
      store.go({ presentation: button.dataset.presentation as Presentation }),
    );
  }
  byId<HTMLSelectElement>('depth').addEventListener('change', (event) =>
    store.go(
      { depth: (event.target as HTMLSelectElement).value === '2' ? 2 : 1, expanded: [] },
      { undoable: true },
    ),
  );
  byId('undo').addEventListener('click', () => store.undo());
  byId('redo').addEventListener('click', () => store.redo());
  byId('fit').addEventListener('click', () => map.fit());
  byId('zoom-in').addEventListener('click', () => map.zoom(1.25));
  byId('zoom-out').addEventListener('click', () => map.zoom(0.8));

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    const s = store.state;
    const selected = s.selected || s.focus;
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z') {
      event.preventDefault();
      if (event.shiftKey) store.redo();
      else store.undo();
      return;
    }
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'y') {
      event.preventDefault();
      store.redo();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const explore = s.mode === 'explore';
    switch (event.key) {
      case '/':
        event.preventDefault();
        focusSearch();
        break;
      case 'f':
        map.fit();
        break;
      case '+':
      case '=':
        map.zoom(1.25);
        break;
      case '-':
        map.zoom(0.8);
        break;
      case 't':
        store.go({ presentation: s.presentation === 'map' ? 'list' : 'map' });
        break;
      case 'e':
        if (explore) void expand(app, { slug: selected });
        break;
      case 'c':
        if (explore) collapse(app, selected);
        break;
      case 'x':
        if (explore) dismiss(app, selected);
        break;
      case 'Escape':
        store.go({ selected: '', edge: '' }, { replace: true });
        break;
    }
  });
}

/** Explore's own panel: what was removed from the map, to put back. */
export function renderRemoved(app: App, s: ViewState): HTMLElement | null {
  if (s.dismissed.length === 0) return null;
  return h(
    'section',
    { class: 'removed', 'aria-labelledby': 'removed-heading' },
    h('h2', { id: 'removed-heading' }, `Removed from the map (${s.dismissed.length})`),
    h(
      'ul',
      { id: 'removed-list', class: 'plain' },
      s.dismissed.map((slug) =>
        h(
          'li',
          { 'data-slug': slug },
          app.store.nameOf(slug),
          ' ',
          h(
            'button',
            {
              type: 'button',
              class: 'btn small',
              'data-focus': `restore:${slug}`,
              'aria-label': `Restore ${app.store.nameOf(slug)}`,
              onclick: () => restore(app, [slug]),
            },
            'Restore',
          ),
        ),
      ),
    ),
    s.dismissed.length > 1
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn small',
            onclick: () => restore(app, s.dismissed),
          },
          'Restore all',
        )
      : null,
  );
}
