/**
 * Route mode: how one concept leads to another. Routes follow the arrows of meaningful
 * relationships by default (dependencies and prerequisites, never the loose "related to" unless
 * asked), presets answer the common questions, and a second route through a different first
 * step is offered when one exists.
 */
import {
  type ConceptRef,
  fetchDetours,
  fetchRoute,
  type RelationRef,
  type Route,
  type RoutePath,
} from './api.ts';
import { type App, focusLink, plural } from './app.ts';
import { byId, fill, h } from './dom.ts';
import type { RelationType } from './gql/graphql.ts';
import { consistent, type NodeClass, type Scene, type SceneEdge } from './map/scene.ts';
import { RELATION_TYPES, typeStyle } from './map/styles.ts';
import { suggestField } from './suggest-field.ts';
import { MEANINGFUL_TYPES, type PathDirection, type ViewState } from './url-state.ts';

interface FollowOption {
  id: string;
  label: string;
  types: readonly RelationType[];
}

export const FOLLOW_OPTIONS: FollowOption[] = [
  { id: 'meaningful', label: 'Any meaningful relationship', types: MEANINGFUL_TYPES },
  {
    id: 'dependencies',
    label: 'What it needs to run (depends on, uses, manages, part of)',
    types: ['DEPENDS_ON', 'USES', 'MANAGES', 'PART_OF', 'IMPLEMENTS'],
  },
  { id: 'prerequisites', label: 'What to learn first (requires, is a kind of)', types: ['REQUIRES', 'IS_A'] },
  { id: 'anything', label: 'Anything, including “related to”', types: RELATION_TYPES },
];

interface Preset {
  question: string;
  from: string;
  to: string;
  follow: readonly RelationType[];
  direction: PathDirection;
}

export const PRESETS: Preset[] = [
  {
    question: 'How does the Docker CLI reach runc?',
    from: 'docker-cli',
    to: 'runc',
    follow: ['DEPENDS_ON'],
    direction: 'OUTGOING',
  },
  {
    question: 'What must I learn before overlay networks?',
    from: 'overlay-driver',
    to: 'container',
    follow: ['REQUIRES', 'IS_A'],
    direction: 'OUTGOING',
  },
  {
    question: 'How do Docker Secrets rely on Swarm?',
    from: 'docker-secrets',
    to: 'swarm-mode',
    follow: MEANINGFUL_TYPES,
    direction: 'OUTGOING',
  },
];

const sameTypes = (a: readonly string[], b: readonly string[]) =>
  [...a].sort().join(',') === [...b].sort().join(',');

interface Result {
  route: Route;
  alternative?: { nodes: ConceptRef[]; edges: RelationRef[] };
}

let cache: { key: string; result: Result } | undefined;

/** A route through a different first step, no longer than the shortest plus two, if any. */
async function findAlternative(s: ViewState, route: Route): Promise<Result['alternative']> {
  const main = route.path.path;
  if (!main || main.length < 1) return undefined;
  const second = main.nodes[1]?.slug;
  const candidates = [
    ...new Map(
      (route.concept?.relations.edges ?? [])
        .filter((e) => e.other.slug !== second && e.other.slug !== s.from)
        .map((e) => [e.other.slug, e] as const),
    ).values(),
  ].slice(0, 4);
  if (candidates.length === 0) return undefined;
  const via = [0, 1, 2, 3].map(
    (i) => (candidates[i] ?? candidates[candidates.length - 1])?.other.slug ?? s.from,
  ) as [string, string, string, string];
  const maxLength = Math.min(11, main.length + 1);
  const detours = await fetchDetours({ to: s.to, types: s.follow, direction: s.direction, via, maxLength });
  let best: Result['alternative'];
  for (const [i, detour] of [detours.via1, detours.via2, detours.via3, detours.via4].entries()) {
    const first = candidates[i];
    const rest = detour.path;
    if (!first || !rest || rest.nodes.some((n) => n.slug === s.from)) continue;
    const nodes = [route.path.from, ...rest.nodes];
    const edges = [first.node, ...rest.edges];
    if (nodes.length - 1 > main.length + 2) continue;
    if (!best || nodes.length < best.nodes.length) best = { nodes, edges };
  }
  return best;
}

function explain(app: App, edge: RelationRef): string {
  const sentence = `${app.store.nameOf(edge.fromSlug)} ${typeStyle(edge.type).verb} ${app.store.nameOf(edge.toSlug)}`;
  return edge.note ? `${sentence}: ${edge.note}` : sentence;
}

function routeList(app: App, nodes: ConceptRef[], edges: RelationRef[], id: string): HTMLElement {
  return h(
    'ol',
    { class: 'path-steps', id },
    nodes.map((node, i) => {
      const edge = edges[i];
      return h(
        'li',
        { 'data-slug': node.slug },
        focusLink(app, node.slug, node.name),
        edge
          ? h(
              'span',
              {
                class: 'rel',
                'data-type': edge.type,
                style: `border-left-color:${typeStyle(edge.type).color}`,
              },
              explain(app, edge),
            )
          : null,
      );
    }),
  );
}

function controls(app: App, s: ViewState): HTMLElement[] {
  const { store } = app;
  const current = FOLLOW_OPTIONS.find((o) => sameTypes(o.types, s.follow))?.id ?? 'custom';
  return [
    h('h2', { id: 'path-heading' }, 'Route'),
    h('p', { class: 'note' }, 'How does one concept lead to another? Pick a question or two concepts.'),
    h(
      'ul',
      { class: 'presets plain', 'aria-label': 'Questions' },
      PRESETS.map((p) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'btn preset',
              'data-focus': `preset:${p.from}`,
              onclick: () =>
                store.go({
                  from: p.from,
                  to: p.to,
                  follow: [...p.follow],
                  direction: p.direction,
                  selected: '',
                  edge: '',
                }),
            },
            p.question,
          ),
        ),
      ),
    ),
    suggestField(
      app,
      'path-from',
      'From',
      (c) => store.go({ from: c.slug }),
      s.from ? store.nameOf(s.from) : '',
    ),
    suggestField(app, 'path-to', 'To', (c) => store.go({ to: c.slug }), s.to ? store.nameOf(s.to) : ''),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          'data-focus': 'swap',
          onclick: () => store.go({ from: s.to, to: s.from }),
        },
        'Swap',
      ),
    ),
    h(
      'fieldset',
      { class: 'follow' },
      h('legend', {}, 'Follow'),
      FOLLOW_OPTIONS.map((o) =>
        h(
          'label',
          {},
          h('input', {
            type: 'radio',
            name: 'follow',
            value: o.id,
            checked: o.id === current,
            'data-focus': `follow:${o.id}`,
            onchange: () => store.go({ follow: [...o.types] }),
          }),
          ` ${o.label}`,
        ),
      ),
      current === 'custom' ? h('p', { class: 'note' }, `Custom: ${s.follow.join(', ') || 'nothing'}`) : null,
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          checked: s.direction === 'BOTH',
          'data-focus': 'direction',
          onchange: (event: Event) =>
            store.go({ direction: (event.target as HTMLInputElement).checked ? 'BOTH' : 'OUTGOING' }),
        }),
        ' Either direction (ignore the arrows)',
      ),
    ),
  ];
}

function resultBlock(app: App, s: ViewState, result: Result | undefined): HTMLElement[] {
  if (!result)
    return [h('p', { class: 'empty-state', id: 'path-summary' }, 'Choose where the route starts and ends.')];
  const { route } = result;
  const main = route.path.path;
  if (!main) {
    return [
      h(
        'p',
        { id: 'path-summary', class: 'empty-state' },
        `No route from ${route.path.from.name} to ${route.path.to.name} within ${route.path.maxLength} steps along these relationships${s.direction === 'OUTGOING' ? ' in the direction of the arrows' : ''}. Try “Either direction” or another kind of relationship.`,
      ),
    ];
  }
  const out = [
    h(
      'p',
      { id: 'path-summary' },
      h('strong', {}, plural(main.length, 'step')),
      ` from ${route.path.from.name} to ${route.path.to.name}:`,
    ),
    routeList(app, main.nodes, main.edges, 'path-list'),
  ];
  if (result.alternative) {
    out.push(
      h(
        'h3',
        { id: 'alternative-heading' },
        `Another route (${plural(result.alternative.edges.length, 'step')})`,
      ),
      routeList(app, result.alternative.nodes, result.alternative.edges, 'alternative-list'),
    );
  }
  return out;
}

/** The route down a column (labels right), the other route in a column to its left. */
function routeScene(
  s: ViewState,
  main: RoutePath | null | undefined,
  alternative: Result['alternative'],
): Scene {
  if (!main) return { nodes: [], edges: [], caption: 'No route' };
  const gap = 80;
  const placed = new Map<string, { x: number; y: number; side: 'right' | 'left' }>();
  for (const [i, n] of main.nodes.entries()) placed.set(n.slug, { x: 0, y: i * gap, side: 'right' });
  for (const [i, n] of (alternative?.nodes ?? []).entries()) {
    if (!placed.has(n.slug)) placed.set(n.slug, { x: -200, y: i * gap + gap / 2, side: 'left' });
  }
  const ends = new Set([s.from, s.to]);
  const concepts = new Map([...main.nodes, ...(alternative?.nodes ?? [])].map((n) => [n.slug, n]));
  const onMain = new Set(main.nodes.map((n) => n.slug));
  const nodes = [...concepts.values()].map((c) => {
    const p = placed.get(c.slug) ?? { x: 0, y: 0, side: 'right' as const };
    const classes: NodeClass[] = [];
    if (ends.has(c.slug)) classes.push('goal');
    if (!onMain.has(c.slug)) classes.push('alternative');
    if (s.selected === c.slug) classes.push('selected');
    return {
      id: c.slug,
      name: c.name,
      kind: c.kind,
      label: c.name,
      ...p,
      classes,
      note: onMain.has(c.slug) ? 'on the route' : 'on the other route',
    };
  });
  const edge = (r: RelationRef, cls: SceneEdge['classes']): SceneEdge => ({
    id: r.id,
    source: r.fromSlug,
    target: r.toSlug,
    type: r.type,
    note: r.note,
    bend: 0,
    classes: s.edge === r.id ? [...cls, 'selected'] : cls,
  });
  const edges = [
    ...main.edges.map((r) => edge(r, ['highlight'])),
    ...(alternative?.edges ?? []).map((r) => edge(r, ['alternative'])),
  ];
  return consistent({
    nodes,
    edges,
    anchor: s.from,
    align: 'top',
    caption: `Route of ${plural(main.length, 'step')}${alternative ? `, and another of ${alternative.edges.length}` : ''}`,
  });
}

export async function drawPath(app: App, s: ViewState, isCurrent: () => boolean): Promise<void> {
  let result: Result | undefined;
  if (s.from && s.to) {
    const key = JSON.stringify([s.from, s.to, s.follow, s.direction]);
    result = cache?.key === key ? cache.result : undefined;
    if (!result) {
      const route = await fetchRoute({ from: s.from, to: s.to, types: s.follow, direction: s.direction });
      if (!isCurrent()) return;
      app.store.remember([route.path.from, route.path.to, ...(route.path.path?.nodes ?? [])]);
      const alternative = await findAlternative(s, route).catch(() => undefined);
      if (!isCurrent()) return;
      if (alternative) app.store.remember(alternative.nodes);
      result = { route, alternative };
      cache = { key, result };
    }
  }
  const modePanel = byId('mode-panel');
  fill(
    modePanel,
    controls(app, s),
    h('div', { class: 'route-result', 'aria-live': 'polite' }, resultBlock(app, s, result)),
  );
  modePanel.hidden = false;
  app.map.show(
    result
      ? routeScene(s, result.route.path.path, result.alternative)
      : { nodes: [], edges: [], caption: 'Choose two concepts' },
    'fit',
  );
}
