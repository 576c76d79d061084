/**
 * The details panel: the selected concept (summary, kind, chapters, every relationship grouped by
 * type and direction) with what can be done from it — expand one relationship type with the
 * number of new concepts shown first, collapse, remove, study, route — or the selected
 * relationship, explained in a sentence.
 */
import type { ConceptDetails } from './api.ts';
import { type App, conceptDetails, focusLink, focusOn } from './app.ts';
import { fill, h } from './dom.ts';
import { collapse, currentContent, dismiss, expand } from './explore.ts';
import { kindStyle, shapeClip, typeLabel, typeStyle } from './map/styles.ts';
import type { Expansion, ViewState, Way } from './url-state.ts';

const panel = () => document.getElementById('details') as HTMLElement;

interface Group {
  key: string;
  label: string;
  expansion: Expansion;
  edges: ConceptDetails['relations']['edges'];
}

function groupsOf(concept: ConceptDetails): Group[] {
  const groups = new Map<string, Group>();
  for (const edge of concept.relations.edges) {
    const type = edge.node.type;
    const style = typeStyle(type);
    const way: Way | undefined = style.symmetric ? undefined : edge.direction === 'INCOMING' ? 'in' : 'out';
    const key = way ? `${type}:${way}` : type;
    if (!groups.has(key)) {
      groups.set(key, {
        key,
        label: way === 'in' ? style.incoming : typeLabel(type),
        expansion: { slug: concept.slug, type, way },
        edges: [],
      });
    }
    groups.get(key)?.edges.push(edge);
  }
  return [...groups.values()];
}

/** A sentence for a relationship: "containerd depends on containerd shim: note". */
export function explainRelation(
  app: App,
  r: { fromSlug: string; toSlug: string; type: string; note: string | null },
) {
  const sentence = `${app.store.nameOf(r.fromSlug)} ${typeStyle(r.type).verb} ${app.store.nameOf(r.toSlug)}`;
  return r.note ? `${sentence}: ${r.note}` : `${sentence}.`;
}

function edgeDetails(app: App, s: ViewState) {
  const [from = '', type = '', to = ''] = s.edge.split('|');
  const c = currentContent();
  const relation = c?.edges.get(s.edge) ?? app.map.scene.edges.find((e) => e.id === s.edge);
  const note = relation && 'note' in relation ? relation.note : null;
  fill(
    panel(),
    h('h2', { id: 'details-name', tabindex: '-1', 'data-focus': 'details-name' }, 'Relationship'),
    h(
      'p',
      { id: 'details-summary', class: 'relation-sentence' },
      focusLink(app, from, app.store.nameOf(from)),
      ` ${typeStyle(type).verb} `,
      focusLink(app, to, app.store.nameOf(to)),
      '.',
    ),
    note ? h('p', {}, note) : h('p', { class: 'note' }, 'No note on this relationship.'),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () => app.store.go({ selected: from, edge: '' }, { replace: true }),
        },
        `Details of ${app.store.nameOf(from)}`,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () => app.store.go({ selected: to, edge: '' }, { replace: true }),
        },
        `Details of ${app.store.nameOf(to)}`,
      ),
    ),
  );
}

function expandMenu(app: App, s: ViewState, concept: ConceptDetails): HTMLElement | null {
  const c = currentContent();
  if (s.mode !== 'explore' || !c?.nodes.has(concept.slug)) return null;
  const held = (slug: string) => c.nodes.has(slug) || s.dismissed.includes(slug);
  const allNew = new Set(concept.relations.edges.map((e) => e.other.slug).filter((slug) => !held(slug)));
  const isExpanded = s.expanded.some((e) => e.slug === concept.slug);
  const items = groupsOf(concept).map((group) => {
    const fresh = new Set(group.edges.map((e) => e.other.slug).filter((slug) => !held(slug)));
    return h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'btn expand-type',
          'data-focus': `expand:${group.key}:${concept.slug}`,
          'data-type': group.expansion.type ?? '',
          'data-way': group.expansion.way ?? '',
          disabled: fresh.size === 0,
          onclick: () => void expand(app, group.expansion),
        },
        h('span', {
          class: 'swatch-line',
          style: `border-color:${typeStyle(group.expansion.type ?? '').color}`,
        }),
        group.label,
        h(
          'span',
          { class: 'count' },
          fresh.size === 0 ? `all ${group.edges.length} shown` : `+${fresh.size} new`,
        ),
      ),
    );
  });
  return h(
    'section',
    { class: 'expand-menu', 'aria-labelledby': 'expand-heading' },
    h('h3', { id: 'expand-heading' }, 'Expand'),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn primary',
          'data-focus': `expand-all:${concept.slug}`,
          disabled: allNew.size === 0 || concept.slug === s.focus,
          onclick: () => void expand(app, { slug: concept.slug }),
        },
        allNew.size === 0 ? 'All neighbours shown' : `Add all neighbours (+${allNew.size})`,
      ),
      isExpanded
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn',
              'data-focus': `collapse:${concept.slug}`,
              onclick: () => collapse(app, concept.slug),
            },
            'Collapse',
          )
        : null,
      concept.slug !== s.focus
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn',
              'data-focus': `remove:${concept.slug}`,
              onclick: () => dismiss(app, concept.slug),
            },
            'Remove from map',
          )
        : null,
    ),
    h('p', { class: 'note' }, 'Or one kind of relationship, with the number of concepts it adds:'),
    h('ul', { class: 'expand-types' }, items),
  );
}

function studyActions(app: App, s: ViewState, slug: string): HTMLElement[] {
  const { store } = app;
  const out: HTMLElement[] = [];
  if (s.mode !== 'explore' || slug !== s.focus) {
    out.push(
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          'data-focus': 'focus-here',
          onclick: () => store.go(focusOn(slug), { undoable: true }),
        },
        'Focus the map here',
      ),
    );
  }
  if (!s.goals.includes(slug)) {
    out.push(
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          'data-focus': 'plan-to-here',
          onclick: () =>
            store.go({
              mode: 'learn',
              goals: [...s.goals, slug],
              selected: '',
              edge: '',
              presentation: 'list',
            }),
        },
        'Study plan for this',
      ),
    );
  }
  out.push(
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        'data-focus': 'route-from-here',
        onclick: () =>
          store.go({
            mode: 'path',
            from: slug,
            to: s.to === slug ? '' : s.to,
            selected: '',
            edge: '',
            presentation: 'map',
          }),
      },
      'Route from here',
    ),
  );
  return out;
}

export async function renderDetails(app: App, s: ViewState, isCurrent: () => boolean): Promise<void> {
  if (s.edge) {
    edgeDetails(app, s);
    return;
  }
  const slug = s.selected || (s.mode === 'explore' ? s.focus : '');
  if (!slug) {
    fill(
      panel(),
      h('h2', { id: 'details-name', tabindex: '-1', 'data-focus': 'details-name' }, 'Details'),
      h('p', { class: 'empty-state' }, 'Select a concept to see what it is and how it relates to others.'),
    );
    return;
  }
  const concept = await conceptDetails(slug);
  if (!isCurrent()) return;
  app.store.remember([concept, ...concept.relations.edges.map((e) => e.other)]);
  const style = kindStyle(concept.kind);
  fill(
    panel(),
    h('h2', { id: 'details-name', tabindex: '-1', 'data-focus': 'details-name' }, concept.name),
    h(
      'p',
      { class: 'kind-badge' },
      h('span', { class: 'swatch', style: `background:${style.color};clip-path:${shapeClip(style.shape)}` }),
      h('span', { id: 'details-kind' }, style.label),
      h('code', {}, concept.slug),
    ),
    h('p', { id: 'details-summary' }, concept.summary),
    expandMenu(app, s, concept),
    h('div', { class: 'actions' }, studyActions(app, s, slug)),
    concept.aliases.length > 0
      ? h('p', {}, h('strong', {}, 'Also called: '), concept.aliases.join(', '))
      : null,
    concept.chapters.length > 0 ? h('h3', {}, 'Chapters') : null,
    concept.chapters.length > 0
      ? h(
          'ul',
          {},
          concept.chapters.map((c) => h('li', {}, `Chapter ${c.number}: ${c.title}`)),
        )
      : null,
    h('h3', {}, `Relationships (${concept.relations.totalCount})`),
    ...groupsOf(concept).flatMap((group) => [
      h('p', { class: 'group-label' }, group.label),
      h(
        'ul',
        { class: 'relations' },
        group.edges.map((edge) =>
          h(
            'li',
            {},
            focusLink(app, edge.other.slug, edge.other.name),
            edge.node.note ? h('span', { class: 'note' }, ` — ${edge.node.note}`) : null,
          ),
        ),
      ),
    ]),
  );
}
