/** What every feature module gets: the state, the map, and the page-wide helpers. */
import { type ConceptDetails, fetchConcept } from './api.ts';
import { h } from './dom.ts';
import type { MapView } from './map/map-view.ts';
import type { Store } from './store.ts';
import type { ViewState } from './url-state.ts';

export interface Timings {
  /** Milliseconds from the script's start to the first map drawn. */
  firstRender?: number;
  /** Click to drawn, last expansion. */
  expand?: number;
  /** Change to drawn, last study plan. */
  plan?: number;
}

export interface App {
  readonly store: Store;
  readonly map: MapView;
  readonly timings: Timings;
  /** Shows an API failure with Retry or suggestions. */
  fail(error: unknown): void;
  /** Redraws the current state (after a failure, say). */
  refresh(): void;
}

const conceptCache = new Map<string, Promise<ConceptDetails>>();

/** Details of one concept, fetched once per page. */
export function conceptDetails(slug: string): Promise<ConceptDetails> {
  let cached = conceptCache.get(slug);
  if (!cached) {
    cached = fetchConcept(slug);
    conceptCache.set(slug, cached);
    cached.catch(() => conceptCache.delete(slug));
  }
  return cached;
}

export const clearConceptCache = () => conceptCache.clear();

/** The state that puts `slug` at the centre of a fresh explore map. */
export const focusOn = (slug: string): Partial<ViewState> => ({
  mode: 'explore',
  focus: slug,
  expanded: [],
  dismissed: [],
  selected: '',
  edge: '',
  presentation: 'map',
});

/** An in-page link that moves the focus (a real href, so it also opens in a new tab). */
export function focusLink(app: App, slug: string, label: string, focusKey?: string): HTMLAnchorElement {
  return h(
    'a',
    {
      href: app.store.href(focusOn(slug)),
      'data-slug': slug,
      'data-focus': focusKey ?? null,
      onclick: ((event: MouseEvent) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        app.store.go(focusOn(slug), { undoable: app.store.state.mode === 'explore' });
      }) as EventListener,
    },
    label,
  );
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
