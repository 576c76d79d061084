/**
 * The concept-map page's entry: builds the store, the map and the controls, and renders the
 * state (the URL) whenever it changes. Explore is in this first chunk; the study plan, routes,
 * the roadmap, the table and Cytoscape itself load when first needed.
 */
import { watchActivity } from './api.ts';
import { type App, clearConceptCache, focusLink, focusOn } from './app.ts';
import { buildFilters, renderKey, renderRemoved, setTitle, syncControls, wireControls } from './controls.ts';
import { renderDetails } from './details.ts';
import { byId, fill, rememberFocus, restoreFocus } from './dom.ts';
import { drawExplore, expand, forgetContent } from './explore.ts';
import { MapView } from './map/map-view.ts';
import { alertShown, clearAlert, say, setBusy, showError } from './messages.ts';
import { applySavedProgress, saveProgress } from './progress.ts';
import { Store } from './store.ts';
import { attachSuggest } from './suggest.ts';
import type { Presentation } from './url-state.ts';

const startedAt = performance.now();
const store = new Store(location.search);
applySavedProgress(store);

let generation = 0;
/** The map measured its box at start; only a switch back from the list needs measuring again. */
let shownPresentation: Presentation | undefined = store.state.presentation;

const map = new MapView(byId('cy'), {
  select: (slug) => store.go({ selected: slug, edge: '' }, { replace: true }),
  expand: (slug) => void expand(app, { slug }),
  edge: (id) => store.go({ edge: id, selected: '' }, { replace: true }),
  background: () => store.go({ selected: '', edge: '' }, { replace: true }),
});

const app: App = {
  store,
  map,
  timings: {},
  fail(error) {
    showError(error, { retry: () => app.refresh(), link: (slug) => focusLink(app, slug, slug) });
  },
  refresh() {
    clearAlert();
    clearConceptCache();
    void render(true);
  },
};

async function drawMode(isCurrent: () => boolean, force: boolean): Promise<void> {
  const s = store.state;
  const modePanel = byId('mode-panel');
  if (s.mode === 'explore') {
    if (force) forgetContent();
    await drawExplore(app, s, isCurrent);
    const removed = renderRemoved(app, s);
    fill(modePanel, removed);
    modePanel.hidden = !removed;
  } else if (s.mode === 'learn') {
    await (await import('./learn.ts')).drawLearn(app, s, isCurrent);
    if (isCurrent()) saveProgress(s);
  } else if (s.mode === 'path') {
    await (await import('./path.ts')).drawPath(app, s, isCurrent);
  } else {
    await (await import('./roadmap.ts')).drawRoadmap(app, s, isCurrent);
  }
}

async function render(force = false): Promise<void> {
  const mine = ++generation;
  const isCurrent = () => mine === generation;
  const s = store.state;
  document.body.dataset.ready = 'false';
  rememberFocus();
  syncControls(app, s);
  try {
    await drawMode(isCurrent, force);
    if (!isCurrent()) return;
    if (s.presentation === 'map' && shownPresentation !== 'map') map.resize();
    shownPresentation = s.presentation;
    if (s.presentation === 'list' && (s.mode === 'explore' || s.mode === 'path')) {
      (await import('./table.ts')).renderTable(app, map.scene);
    }
    if (!isCurrent()) return;
    renderKey(map.scene);
    byId('map-caption').textContent = map.scene.caption;
    byId('map-caption').title = map.scene.caption;
    if (alertShown()) clearAlert();
    markFirstRender();
    setTitle(app, s);
    // Let the browser paint the map before the details are built: two short tasks, not one long.
    await new Promise<void>((done) => setTimeout(done, 0));
    if (!isCurrent()) return;
    await renderDetails(app, s, isCurrent);
  } catch (error) {
    if (isCurrent()) app.fail(error);
  } finally {
    if (isCurrent()) {
      syncControls(app, store.state);
      document.body.dataset.ready = 'true';
      restoreFocus();
    }
  }
}

function markFirstRender() {
  if (app.timings.firstRender !== undefined) return;
  app.timings.firstRender = Math.round(performance.now() - startedAt);
  performance.mark('concept-map:first-render');
}

watchActivity(setBusy);
setBusy(0);
buildFilters(app);
const search = byId<HTMLInputElement>('search-input');
wireControls(app, () => search.focus());
attachSuggest({
  input: search,
  list: byId('search-results'),
  onPick: (c) => {
    store.remember([c]);
    say('');
    store.go(focusOn(c.slug), { undoable: store.state.mode === 'explore' });
  },
  onError: (error) => app.fail(error),
});
let lastWidth = window.innerWidth;
window.addEventListener('resize', () => {
  // Phones resize the window as the address bar slides; only a new width reframes the map.
  if (window.innerWidth === lastWidth) return;
  lastWidth = window.innerWidth;
  map.resize();
});
store.onChange(() => void render());
void render();

declare global {
  interface Window {
    /** Read-only handle for debugging, the browser tests and the audit. */
    conceptMap: {
      readonly state: Store['state'];
      readonly scene: MapView['scene'];
      readonly timings: App['timings'];
      readonly renderer: MapView['rendererKind'];
      readonly cy: unknown;
      viewport(): ReturnType<MapView['viewport']>;
      /** Loads Cytoscape now (it otherwise waits for the learner to reach for the map). */
      interactive(): Promise<void>;
    };
  }
}
window.conceptMap = {
  get state() {
    return store.state;
  },
  get scene() {
    return map.scene;
  },
  get timings() {
    return app.timings;
  },
  get renderer() {
    return map.rendererKind;
  },
  get cy() {
    return map.cy;
  },
  viewport: () => map.viewport(),
  interactive: () => map.interactive(),
};
