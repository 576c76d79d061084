/**
 * What a link to the page carries: the view as a small, readable query string
 * (`?focus=containerd&types=DEPENDS_ON&mode=learn&goals=overlay-driver`). Pure functions, so the
 * round trip is unit-tested without a browser.
 */

export type Mode = 'explore' | 'learn' | 'path';

export interface ViewState {
  mode: Mode;
  /** Centre of the explore map. */
  focus: string;
  /** Hops shown around the focus (1-2). */
  depth: number;
  /** Nodes whose neighbours were added, in the order they were expanded. */
  expanded: string[];
  /** Nodes the learner took off the map. */
  dismissed: string[];
  /** Relationship types followed; empty = all. */
  types: string[];
  /** Kinds hidden from the map. */
  hiddenKinds: string[];
  /** Learning-path goals and what the learner knows. */
  goals: string[];
  known: string[];
  /** Path mode endpoints. */
  from: string;
  to: string;
  /** The concept whose details are open (defaults to the focus). */
  selected: string;
}

export const DEFAULT_FOCUS = 'docker-engine';

export function defaultState(): ViewState {
  return {
    mode: 'explore',
    focus: DEFAULT_FOCUS,
    depth: 1,
    expanded: [],
    dismissed: [],
    types: [],
    hiddenKinds: [],
    goals: [],
    known: [],
    from: '',
    to: '',
    selected: '',
  };
}

const SLUG = /^[a-z0-9][a-z0-9.-]{0,99}$/;
const ENUM = /^[A-Z][A-Z0-9_]{0,39}$/;
const MODES: readonly Mode[] = ['explore', 'learn', 'path'];

function list(params: URLSearchParams, key: string, valid: RegExp, max = 200): string[] {
  const raw = params.get(key);
  if (!raw) return [];
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => valid.test(s));
  return [...new Set(items)].slice(0, max);
}

function one(params: URLSearchParams, key: string): string {
  const raw = params.get(key)?.trim() ?? '';
  return SLUG.test(raw) ? raw : '';
}

/** Reads a query string; anything malformed falls back to the default rather than failing. */
export function parseState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const state = defaultState();
  const mode = params.get('mode');
  if (mode && (MODES as readonly string[]).includes(mode)) state.mode = mode as Mode;
  state.focus = one(params, 'focus') || DEFAULT_FOCUS;
  state.depth = params.get('depth') === '2' ? 2 : 1;
  state.expanded = list(params, 'expand', SLUG, 50);
  state.dismissed = list(params, 'hide', SLUG);
  state.types = list(params, 'types', ENUM, 20);
  state.hiddenKinds = list(params, 'hideKinds', ENUM, 40);
  state.goals = list(params, 'goals', SLUG, 20);
  state.known = list(params, 'known', SLUG, 500);
  state.from = one(params, 'from');
  state.to = one(params, 'to');
  state.selected = one(params, 'select');
  return state;
}

/** Writes only what differs from the default, so links stay short. Commas are left readable. */
export function serializeState(state: ViewState): string {
  const defaults = defaultState();
  const pairs: [string, string][] = [];
  const put = (key: string, value: string, fallback = '') => {
    if (value && value !== fallback) pairs.push([key, value]);
  };
  put('mode', state.mode, defaults.mode);
  put('focus', state.focus, defaults.focus);
  put('depth', String(state.depth), String(defaults.depth));
  put('expand', state.expanded.join(','));
  put('hide', state.dismissed.join(','));
  put('types', state.types.join(','));
  put('hideKinds', state.hiddenKinds.join(','));
  put('goals', state.goals.join(','));
  put('known', state.known.join(','));
  put('from', state.from);
  put('to', state.to);
  put('select', state.selected, state.focus);
  if (pairs.length === 0) return '';
  return `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&')}`;
}

/** True when the explore map must be fetched again (rather than only restyled). */
export function mapChanged(a: ViewState, b: ViewState): boolean {
  return (
    a.focus !== b.focus ||
    a.depth !== b.depth ||
    a.types.join(',') !== b.types.join(',') ||
    a.expanded.join(',') !== b.expanded.join(',') ||
    a.dismissed.join(',') !== b.dismissed.join(',')
  );
}
