/**
 * Explore mode: the focus's neighbourhood, grown Bloom-style by expansions (all neighbours, or
 * one relationship type in one direction), shrunk by collapsing or removing, always laid out the
 * same way for the same link. Only an appended expansion is fetched on its own; any other change
 * replays the link from scratch, so what is drawn is exactly what the URL reopens.
 */
import { type ConceptRef, fetchNeighborhood, type RelationRef, type Subgraph } from './api.ts';
import { type App, plural } from './app.ts';
import { compareText, focusNext } from './dom.ts';
import type { RelationType } from './gql/graphql.ts';
import {
  arcBend,
  bendTowards,
  FOCUS_SIZE,
  fanLayout,
  NODE_SIZE,
  nodeBox,
  type Placement,
  type RadialInput,
  radialLayout,
  separate,
  treeColumn,
} from './map/layout.ts';
import { consistent, type NodeClass, type Scene, type SceneEdge, spreadParallel } from './map/scene.ts';
import { RELATION_TYPES, typeLabel, typeStyle } from './map/styles.ts';
import { say } from './messages.ts';
import { type Expansion, exploreKey, formatExpansion, sameExpansion, type ViewState } from './url-state.ts';

interface Held {
  concept: ConceptRef;
  depth: number;
  /** The expansion that brought it in (its formatted key); none for the focus's neighbourhood. */
  by?: string;
}

export interface Content {
  key: string;
  focus: string;
  nodes: Map<string, Held>;
  edges: Map<string, RelationRef>;
  /** Concepts each expansion added, by formatted expansion. */
  added: Map<string, string[]>;
  truncated: boolean;
}

let content: Content | undefined;
/** What the last expansion added, highlighted while its state is shown. */
let fresh: { key: string; ids: Set<string>; expansion: string } | undefined;
let pendingTiming: number | undefined;

export const currentContent = () => content;

/** Forgets the fetched map, so the next draw loads it again (Retry). */
export const forgetContent = () => {
  content = undefined;
};

const typesArg = (s: ViewState): RelationType[] | null => (s.types.length > 0 ? s.types : null);

function merge(
  target: Content,
  sub: Subgraph,
  by: string | undefined,
  keep: (slug: string) => boolean,
): string[] {
  const added: string[] = [];
  for (const node of sub.nodes) {
    const slug = node.concept.slug;
    if (target.nodes.has(slug) || !keep(slug)) continue;
    target.nodes.set(slug, { concept: node.concept, depth: node.depth, by });
    added.push(slug);
  }
  for (const edge of sub.edges) {
    if (target.nodes.has(edge.fromSlug) && target.nodes.has(edge.toSlug)) target.edges.set(edge.id, edge);
  }
  return added;
}

/** Fetches one expansion into `target`; returns the concepts it added. */
async function applyExpansion(target: Content, e: Expansion, s: ViewState): Promise<string[]> {
  if (!target.nodes.has(e.slug)) return [];
  const sub = await fetchNeighborhood({
    slug: e.slug,
    depth: 1,
    types: e.type ? [e.type] : typesArg(s),
    exclude: [...target.nodes.keys(), ...s.dismissed],
  });
  const linked = (slug: string) =>
    !e.way ||
    sub.edges.some(
      (r) =>
        (!e.type || r.type === e.type) &&
        (e.way === 'out'
          ? r.fromSlug === e.slug && r.toSlug === slug
          : r.toSlug === e.slug && r.fromSlug === slug),
    );
  const key = formatExpansion(e);
  const added = merge(target, sub, key, linked);
  target.added.set(key, added);
  return added;
}

async function load(s: ViewState, isCurrent: () => boolean): Promise<Content | undefined> {
  const centre = await fetchNeighborhood({
    slug: s.focus,
    depth: s.depth,
    types: typesArg(s),
    exclude: s.dismissed,
  });
  const next: Content = {
    key: exploreKey(s),
    focus: s.focus,
    nodes: new Map(),
    edges: new Map(),
    added: new Map(),
    truncated: centre.truncated,
  };
  next.nodes.set(centre.center.slug, { concept: centre.center, depth: 0 });
  merge(next, centre, undefined, () => true);
  for (const e of s.expanded) {
    await applyExpansion(next, e, s);
    if (!isCurrent()) return undefined;
  }
  return next;
}

/** Placement of every held concept: radial around the focus, fans for expansions, no overlaps. */
export function layoutContent(c: Content, aspect: number): Map<string, Placement> {
  const edgesTo = (slug: string) =>
    [...c.edges.values()].filter((r) => r.fromSlug === slug || r.toSlug === slug);
  const toFocus = new Map<string, { type: string; out: boolean }>();
  for (const r of edgesTo(c.focus)) {
    const other = r.fromSlug === c.focus ? r.toSlug : r.fromSlug;
    if (!toFocus.has(other)) toFocus.set(other, { type: r.type, out: r.fromSlug === c.focus });
  }
  const name = (slug: string) => c.nodes.get(slug)?.concept.name ?? slug;
  const groupKey = (slug: string) => {
    const link = toFocus.get(slug);
    const typeIndex = link ? RELATION_TYPES.indexOf(link.type as RelationType) : 99;
    return `${String(typeIndex).padStart(2, '0')}${link?.out ? 0 : 1}${name(slug).toLowerCase()}`;
  };
  const base = [...c.nodes.values()].filter((n) => n.by === undefined && n.concept.slug !== c.focus);
  const ring1: RadialInput[] = base
    .filter((n) => n.depth === 1)
    .map((n) => ({ n, key: groupKey(n.concept.slug) }))
    .sort((a, b) => compareText(a.key, b.key))
    .map(({ n }) => n)
    .map((n) => ({ id: n.concept.slug, label: n.concept.name }));
  const ring1Ids = new Set(ring1.map((n) => n.id));
  const ring2: RadialInput[] = base
    .filter((n) => n.depth >= 2)
    .sort((a, b) => compareText(a.concept.name, b.concept.name))
    .map((n) => {
      const parent = ring1.find((p) =>
        edgesTo(n.concept.slug).some((r) => r.fromSlug === p.id || r.toSlug === p.id),
      )?.id;
      return {
        id: n.concept.slug,
        label: n.concept.name,
        parent: parent && ring1Ids.has(parent) ? parent : undefined,
      };
    });
  if (aspect < 1) {
    const children = new Map<string, string[]>([[c.focus, ring1.map((n) => n.id)]]);
    const add = (parent: string, id: string) => children.set(parent, [...(children.get(parent) ?? []), id]);
    for (const n of ring2) if (n.parent) add(n.parent, n.id);
    for (const [key, ids] of c.added) for (const id of ids) add(key.split(':')[0] ?? '', id);
    return treeColumn(c.focus, (id) => children.get(id) ?? [], name, [...c.nodes.keys()]);
  }
  const placed = radialLayout({ id: c.focus, label: name(c.focus) }, ring1, ring2, aspect);
  for (const [key, ids] of c.added) {
    const origin = placed.get(key.split(':')[0] ?? '');
    if (!origin || ids.length === 0) continue;
    const fans = fanLayout(
      origin,
      { x: 0, y: 0 },
      ids.map((id) => ({ id, label: name(id) })),
    );
    for (const [id, p] of fans) placed.set(id, p);
  }
  const offsets = separate(
    [...placed].map(([id, p]) => ({
      id,
      box: nodeBox(p, p.side, name(id), id === c.focus ? FOCUS_SIZE : NODE_SIZE),
      pinned: id === c.focus,
    })),
  );
  for (const [id, offset] of offsets) {
    const p = placed.get(id);
    if (p) placed.set(id, { ...p, x: p.x + offset.x, y: p.y + offset.y });
  }
  return placed;
}

/** The explore scene of the current content under `s`'s styling (kinds hidden, selection). */
export function exploreScene(c: Content, s: ViewState, aspect: number): Scene {
  const placed = layoutContent(c, aspect);
  const column = aspect < 1;
  const hidden = new Set<string>(s.hiddenKinds);
  const expandedSlugs = new Set(s.expanded.map((e) => e.slug));
  const freshIds = fresh && fresh.key === c.key ? fresh.ids : new Set<string>();
  const selected = s.selected || s.focus;
  const nodes = [...c.nodes.values()]
    .filter((n) => n.concept.slug === s.focus || !hidden.has(n.concept.kind))
    .map((n) => {
      const p = placed.get(n.concept.slug) ?? { x: 0, y: 0, side: 'bottom' as const };
      const classes: NodeClass[] = [];
      if (n.concept.slug === s.focus) classes.push('focus');
      if (expandedSlugs.has(n.concept.slug)) classes.push('expanded');
      if (freshIds.has(n.concept.slug)) classes.push('fresh');
      if (n.concept.slug === selected && !s.edge) classes.push('selected');
      return {
        id: n.concept.slug,
        name: n.concept.name,
        kind: n.concept.kind,
        label: n.concept.name,
        x: p.x,
        y: p.y,
        side: p.side,
        classes,
        note: n.by
          ? `added by expanding ${c.nodes.get(n.by.split(':')[0] ?? '')?.concept.name ?? n.by}`
          : `${n.depth} from the focus`,
      };
    });
  const origin = new Map<string, string>();
  for (const n of c.nodes.values()) if (n.by) origin.set(n.concept.slug, n.by.split(':')[0] ?? '');
  const centre = placed.get(c.focus) ?? { x: 0, y: 0 };
  const edges: SceneEdge[] = [...c.edges.values()].map((r) => {
    const a = placed.get(r.fromSlug) ?? centre;
    const b = placed.get(r.toSlug) ?? centre;
    const straight =
      r.fromSlug === c.focus ||
      r.toSlug === c.focus ||
      origin.get(r.fromSlug) === r.toSlug ||
      origin.get(r.toSlug) === r.fromSlug;
    const classes: SceneEdge['classes'] = [];
    if (r.id === s.edge) classes.push('selected');
    if (freshIds.has(r.fromSlug) || freshIds.has(r.toSlug)) classes.push('fresh');
    return {
      id: r.id,
      source: r.fromSlug,
      target: r.toSlug,
      type: r.type,
      note: r.note,
      bend: column ? arcBend(a, b, 140) : straight ? 0 : bendTowards(a, b, centre),
      classes,
    };
  });
  const scene = consistent({
    nodes,
    edges: column ? edges : spreadParallel(edges),
    anchor: s.focus,
    align: column ? 'top' : 'centre',
    caption: '',
  });
  const hiddenCount = c.nodes.size - scene.nodes.length;
  scene.caption = `${plural(scene.nodes.length, 'concept')}, ${plural(scene.edges.length, 'relationship')}${hiddenCount > 0 ? ` (${hiddenCount} hidden by kind)` : ''}`;
  return scene;
}

/** Draws explore mode for `s`, fetching only when the content changed. */
export async function drawExplore(app: App, s: ViewState, isCurrent: () => boolean): Promise<void> {
  const key = exploreKey(s);
  const reload = !content || content.key !== key;
  if (reload) {
    const loaded = await load(s, isCurrent);
    if (!loaded || !isCurrent()) return;
    app.store.remember([...loaded.nodes.values()].map((n) => n.concept));
    // A new map, a collapse or a removal: frame it afresh, so the zoom recovers from expansions.
    const sameFocus = content?.focus === loaded.focus;
    content = loaded;
    fresh = undefined;
    app.map.show(exploreScene(loaded, s, app.map.layoutAspect()), 'fit', sameFocus);
    if (loaded.truncated)
      say(
        'Only part of this neighbourhood is shown (it is large). Filter by relationship type to see the rest.',
      );
    return;
  }
  const c = content as Content;
  app.map.show(
    exploreScene(c, s, app.map.layoutAspect()),
    pendingTiming !== undefined ? 'reveal' : 'keep',
    pendingTiming !== undefined,
  );
  if (pendingTiming !== undefined) {
    const started = pendingTiming;
    pendingTiming = undefined;
    requestAnimationFrame(() => {
      app.timings.expand = Math.round(performance.now() - started);
      performance.measure('concept-map:expand', { start: started });
    });
  }
}

export function describeExpansion(app: App, e: Expansion): string {
  const name = app.store.nameOf(e.slug);
  if (!e.type) return name;
  const style = typeStyle(e.type);
  if (!e.way || style.symmetric) return `${name} (${typeLabel(e.type).toLowerCase()})`;
  return `${name} (${(e.way === 'out' ? style.outgoing : style.incoming).replace(/ \(.*\)$/, '').toLowerCase()})`;
}

/** Adds what `e` brings that is not on the map yet, highlights it and says how many. */
export async function expand(app: App, e: Expansion): Promise<void> {
  const { store } = app;
  const s = store.state;
  if (s.mode !== 'explore' || !content || content.key !== exploreKey(s)) {
    store.go(
      { mode: 'explore', focus: e.slug, expanded: [], dismissed: [], selected: '', edge: '' },
      { undoable: true },
    );
    return;
  }
  if (s.expanded.some((x) => sameExpansion(x, e)) || (e.slug === s.focus && !e.type)) {
    say(`${describeExpansion(app, e)}: already expanded.`);
    store.go({ selected: e.slug, edge: '' }, { replace: true });
    return;
  }
  const started = performance.now();
  const working: Content = {
    ...content,
    nodes: new Map(content.nodes),
    edges: new Map(content.edges),
    added: new Map(content.added),
  };
  let added: string[];
  try {
    added = await applyExpansion(working, e, s);
  } catch (error) {
    app.fail(error);
    return;
  }
  if (store.state !== s) return;
  if (added.length === 0) {
    say(
      working.edges.size > content.edges.size
        ? `No new concepts around ${describeExpansion(app, e)}: its neighbours are already on the map.`
        : `${describeExpansion(app, e)} has no further neighbours.`,
    );
    store.go({ selected: e.slug, edge: '' }, { replace: true });
    return;
  }
  store.remember(added.map((slug) => working.nodes.get(slug)?.concept).filter((c): c is ConceptRef => !!c));
  const next: ViewState = { ...s, expanded: [...s.expanded, e], selected: e.slug, edge: '' };
  working.key = exploreKey(next);
  content = working;
  fresh = { key: working.key, ids: new Set(added), expansion: formatExpansion(e) };
  pendingTiming = started;
  const names = added.slice(0, 3).map((slug) => store.nameOf(slug));
  say(
    `Added ${plural(added.length, 'concept')} around ${describeExpansion(app, e)}: ${names.join(', ')}${added.length > 3 ? ', …' : ''}.`,
  );
  focusNext(`collapse:${e.slug}`, 'details-name');
  store.go({ expanded: next.expanded, selected: e.slug, edge: '' }, { undoable: true });
}

/** Expansions to drop with `slug`'s: its own, and those of the concepts they brought in. */
function withoutExpansionsOf(s: ViewState, slugs: Set<string>): Expansion[] {
  const removed = new Set(slugs);
  let changed = true;
  while (changed) {
    changed = false;
    for (const e of s.expanded) {
      if (!removed.has(e.slug)) continue;
      for (const id of content?.added.get(formatExpansion(e)) ?? []) {
        if (!removed.has(id) && id !== s.focus) {
          removed.add(id);
          changed = true;
        }
      }
    }
  }
  return s.expanded.filter((e) => !removed.has(e.slug));
}

export function collapse(app: App, slug: string): void {
  const s = app.store.state;
  const expanded = withoutExpansionsOf(s, new Set([slug]));
  if (expanded.length === s.expanded.length) return;
  say(`Collapsed ${app.store.nameOf(slug)}.`);
  focusNext(`expand-all:${slug}`, 'details-name');
  app.store.go({ expanded, selected: slug, edge: '' }, { undoable: true });
}

export function dismiss(app: App, slug: string): void {
  const s = app.store.state;
  if (slug === s.focus || s.dismissed.includes(slug)) return;
  const expanded = withoutExpansionsOf(s, new Set([slug]));
  say(`Removed ${app.store.nameOf(slug)} from the map. Undo or Restore brings it back.`);
  focusNext(`restore:${slug}`, 'map-heading');
  app.store.go({ expanded, dismissed: [...s.dismissed, slug], selected: '', edge: '' }, { undoable: true });
}

export function restore(app: App, slugs: string[]): void {
  const s = app.store.state;
  say(`Restored ${slugs.map((slug) => app.store.nameOf(slug)).join(', ')}.`);
  focusNext('map-heading');
  app.store.go({ dismissed: s.dismissed.filter((d) => !slugs.includes(d)) }, { undoable: true });
}
