/**
 * What a link to the page carries: the view as a small, readable query string
 * (`?focus=containerd&expand=runc:DEPENDS_ON:out&mode=learn&goals=overlay-driver`). Pure functions,
 * so the round trip is unit-tested without a browser.
 */
import { defaultPresentation, MODES, type Mode, type Presentation } from '../page-modes.ts';
import type { ConceptKind, RelationType } from './gql/graphql.ts';

export { defaultPresentation, MODES, type Mode, type Presentation };

/** Which way an expansion follows relationships from the expanded concept. */
export type Way = 'out' | 'in';

/** One "add the neighbours of …" step; without `type`, every followed type in both directions. */
export interface Expansion {
  slug: string;
  type?: RelationType;
  way?: Way;
}

/** How a route is followed in path mode. */
export type PathDirection = 'OUTGOING' | 'BOTH';

export interface ViewState {
  mode: Mode;
  /** Centre of the explore map. */
  focus: string;
  /** Hops shown around the focus (1-2). */
  depth: 1 | 2;
  /** Expansions, in the order they were made. */
  expanded: Expansion[];
  /** Concepts the learner took off the map. */
  dismissed: string[];
  /** Relationship types followed when exploring; empty = all. */
  types: RelationType[];
  /** Kinds hidden from the map. */
  hiddenKinds: ConceptKind[];
  /** Study plan: goals, what the learner knew before, and what they have studied since. */
  goals: string[];
  known: string[];
  done: string[];
  /** Path mode: endpoints, the relationship types a route may follow, and its direction. */
  from: string;
  to: string;
  follow: RelationType[];
  direction: PathDirection;
  /** The concept whose details are open (defaults to the focus), or a relationship id. */
  selected: string;
  edge: string;
  /** Map or list; each mode has its own default (see `defaultPresentation`). */
  presentation: Presentation;
}

export const DEFAULT_FOCUS = 'docker-engine';

/**
 * Routes follow what things need and what must be learnt first, along the arrows; the loose
 * ALTERNATIVE_TO and RELATED_TO only when the learner asks for them.
 */
export const MEANINGFUL_TYPES: readonly RelationType[] = [
  'DEPENDS_ON',
  'REQUIRES',
  'IS_A',
  'PART_OF',
  'IMPLEMENTS',
  'USES',
  'MANAGES',
  'OPERATES_ON',
  'EVOLVED_FROM',
];

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
    done: [],
    from: '',
    to: '',
    follow: [...MEANINGFUL_TYPES],
    direction: 'OUTGOING',
    selected: '',
    edge: '',
    presentation: 'map',
  };
}

const SLUG = /^[a-z0-9][a-z0-9.-]{0,99}$/;
const ENUM = /^[A-Z][A-Z0-9_]{0,39}$/;
const EDGE = /^[a-z0-9][a-z0-9.-]{0,99}\|[A-Z][A-Z0-9_]{0,39}\|[a-z0-9][a-z0-9.-]{0,99}$/;

function list(params: URLSearchParams, key: string, valid: RegExp, max = 200): string[] {
  const raw = params.get(key);
  if (!raw) return [];
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => valid.test(s));
  return [...new Set(items)].slice(0, max);
}

function one(params: URLSearchParams, key: string, valid = SLUG): string {
  const raw = params.get(key)?.trim() ?? '';
  return valid.test(raw) ? raw : '';
}

export function parseExpansion(raw: string): Expansion | undefined {
  const [slug = '', type, way] = raw.split(':');
  if (!SLUG.test(slug)) return undefined;
  if (type === undefined) return { slug };
  if (!ENUM.test(type)) return undefined;
  return { slug, type: type as RelationType, way: way === 'in' ? 'in' : way === 'out' ? 'out' : undefined };
}

export function formatExpansion(e: Expansion): string {
  if (!e.type) return e.slug;
  return e.way ? `${e.slug}:${e.type}:${e.way}` : `${e.slug}:${e.type}`;
}

export const sameExpansion = (a: Expansion, b: Expansion) => formatExpansion(a) === formatExpansion(b);

/** Reads a query string; anything malformed falls back to the default rather than failing. */
export function parseState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const state = defaultState();
  const mode = params.get('mode');
  if (mode && (MODES as readonly string[]).includes(mode)) state.mode = mode as Mode;
  state.focus = one(params, 'focus') || DEFAULT_FOCUS;
  state.depth = params.get('depth') === '2' ? 2 : 1;
  const expansions = (params.get('expand') ?? '')
    .split(',')
    .map((s) => parseExpansion(s.trim()))
    .filter((e): e is Expansion => e !== undefined);
  state.expanded = expansions
    .filter((e, i) => expansions.findIndex((f) => sameExpansion(e, f)) === i)
    .slice(0, 50);
  state.dismissed = list(params, 'hide', SLUG);
  state.types = list(params, 'types', ENUM, 20) as RelationType[];
  state.hiddenKinds = list(params, 'hideKinds', ENUM, 40) as ConceptKind[];
  state.goals = list(params, 'goals', SLUG, 20);
  state.known = list(params, 'known', SLUG, 500);
  state.done = list(params, 'done', SLUG, 500);
  state.from = one(params, 'from');
  state.to = one(params, 'to');
  if (params.has('follow')) state.follow = list(params, 'follow', ENUM, 20) as RelationType[];
  state.direction = params.get('dir') === 'both' ? 'BOTH' : 'OUTGOING';
  state.selected = one(params, 'select');
  state.edge = one(params, 'edge', EDGE);
  const view = params.get('view');
  state.presentation = view === 'map' || view === 'list' ? view : defaultPresentation(state.mode);
  return state;
}

/** Writes only what differs from the default, so links stay short. Commas and colons stay readable. */
export function serializeState(state: ViewState): string {
  const defaults = defaultState();
  const pairs: [string, string][] = [];
  const put = (key: string, value: string, fallback = '') => {
    if (value && value !== fallback) pairs.push([key, value]);
  };
  put('mode', state.mode, defaults.mode);
  put('focus', state.focus, defaults.focus);
  put('depth', String(state.depth), String(defaults.depth));
  put('expand', state.expanded.map(formatExpansion).join(','));
  put('hide', state.dismissed.join(','));
  put('types', state.types.join(','));
  put('hideKinds', state.hiddenKinds.join(','));
  put('goals', state.goals.join(','));
  put('known', state.known.join(','));
  put('done', state.done.join(','));
  put('from', state.from);
  put('to', state.to);
  const follow = state.follow.join(',');
  if (follow !== defaults.follow.join(',')) pairs.push(['follow', follow || 'none']);
  put('dir', state.direction === 'BOTH' ? 'both' : '');
  put('select', state.selected, state.focus);
  put('edge', state.edge);
  put('view', state.presentation, defaultPresentation(state.mode));
  if (pairs.length === 0) return '';
  return `?${pairs
    .map(
      ([k, v]) =>
        `${k}=${encodeURIComponent(v).replace(/%2C/g, ',').replace(/%3A/g, ':').replace(/%7C/g, '|')}`,
    )
    .join('&')}`;
}

/** True when the explore map must be fetched again (rather than only restyled). */
export function mapChanged(a: ViewState, b: ViewState): boolean {
  return exploreKey(a) !== exploreKey(b);
}

/** Everything the explore map's content depends on (not its styling). */
export const exploreKey = (s: ViewState) =>
  [
    s.focus,
    s.depth,
    s.types.join(','),
    s.expanded.map(formatExpansion).join(','),
    s.dismissed.join(','),
  ].join('|');
