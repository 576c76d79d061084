/**
 * The concept-map page: wires the search, the map, the filters and the three modes (explore,
 * learning path, path) to the URL, which is the single source of the view's state.
 */
import {
  ApiError,
  type ConceptDetails,
  type ConceptRef,
  fetchConcept,
  fetchLearningPath,
  fetchNeighborhood,
  fetchNextToLearn,
  fetchPath,
  type LearningPath,
  type RelationRef,
  type SearchHit,
} from './api.ts';
import { byId, h } from './dom.ts';
import { GraphView, relationLabel } from './graph-view.ts';
import { KIND_STYLES, kindStyle, RELATION_TYPES, SHAPE_CLIPS, TYPE_STYLES, typeStyle } from './styles.ts';
import { attachSuggest } from './suggest.ts';
import { type Mode, mapChanged, parseState, serializeState, type ViewState } from './url-state.ts';

const startedAt = performance.now();

// ---------------------------------------------------------------------------------------------
// State and history
// ---------------------------------------------------------------------------------------------

let state: ViewState = parseState(location.search);
/** What the canvas currently shows, so a state change redraws only when it must. */
let drawn: { mode: Mode; key: string; state?: ViewState } = { mode: 'explore', key: '' };
let generation = 0;
let pending = 0;
let firstRenderMs: number | undefined;
const conceptCache = new Map<string, Promise<ConceptDetails>>();
const names = new Map<string, string>();

/** Replaces an element's content, skipping absent parts. */
function fill(parent: HTMLElement, ...children: (Node | string | null | undefined)[]) {
  parent.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined));
}

function remember(concepts: ConceptRef[]) {
  for (const c of concepts) names.set(c.slug, c.name);
}
const nameOf = (slug: string) => names.get(slug) ?? slug;

/** Moves to a new state: records it in the URL (a history entry unless `replace`) and renders it. */
function go(next: Partial<ViewState>, options: { replace?: boolean } = {}) {
  state = { ...state, ...next };
  const url = `${location.pathname}${serializeState(state)}`;
  if (url !== `${location.pathname}${location.search}`) {
    if (options.replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  void render();
}

window.addEventListener('popstate', () => {
  state = parseState(location.search);
  void render();
});

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

const statusEl = byId('status');
const alertEl = byId('alert');

function setStatus(text: string) {
  statusEl.textContent = text;
}

function busy(delta: number) {
  pending += delta;
  document.body.dataset.loading = String(pending);
  if (pending > 0) setStatus('Loading…');
  else if (statusEl.textContent === 'Loading…') setStatus('');
}

function clearAlert() {
  alertEl.hidden = true;
  alertEl.className = 'alert';
  alertEl.replaceChildren();
}

function showError(error: unknown) {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError(error instanceof Error ? error.message : String(error), 'CLIENT_ERROR');
  alertEl.className = 'alert';
  alertEl.dataset.code = apiError.code;
  alertEl.replaceChildren(
    h('strong', {}, apiError.code === 'CONCEPT_NOT_FOUND' ? 'Unknown concept. ' : 'Something went wrong. '),
    apiError.message,
  );
  if (apiError.suggestions.length > 0) {
    alertEl.append(
      ' Did you mean ',
      ...apiError.suggestions.slice(0, 5).flatMap((slug, i) => [i > 0 ? ', ' : '', focusLink(slug, slug)]),
      '?',
    );
  }
  alertEl.append(h('button', { type: 'button', class: 'link-button', onclick: () => retry() }, 'Retry'));
  alertEl.hidden = false;
}

function showInfo(text: string) {
  alertEl.className = 'alert info';
  alertEl.dataset.code = '';
  alertEl.replaceChildren(text);
  alertEl.hidden = false;
}

function retry() {
  clearAlert();
  drawn = { mode: state.mode, key: '' };
  conceptCache.clear();
  void render();
}

/** An in-page link that moves the focus (a real href, so it can be opened in a new tab too). */
function focusLink(slug: string, label: string): HTMLAnchorElement {
  const target = {
    ...state,
    mode: 'explore' as Mode,
    focus: slug,
    expanded: [],
    dismissed: [],
    selected: '',
  };
  return h(
    'a',
    {
      href: `/${serializeState(target)}`,
      'data-slug': slug,
      onclick: ((event: MouseEvent) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        go({ mode: 'explore', focus: slug, expanded: [], dismissed: [], selected: '' });
      }) as EventListener,
    },
    label,
  );
}

// ---------------------------------------------------------------------------------------------
// Map
// ---------------------------------------------------------------------------------------------

const view = new GraphView(byId('cy'), {
  select: (slug) => go({ selected: slug }, { replace: true }),
  expand: (slug) => void expand(slug),
  edge: (relation) => setStatus(explainRelation(relation)),
  background: () => {
    view.select(undefined);
  },
});

function explainRelation(relation: RelationRef): string {
  const sentence = `${nameOf(relation.fromSlug)} ${relationLabel(relation.type)} ${nameOf(relation.toSlug)}`;
  return relation.note ? `${sentence}: ${relation.note}` : sentence;
}

const exploreKey = (s: ViewState) =>
  [s.focus, s.depth, s.types.join(','), s.expanded.join(','), s.dismissed.join(',')].join('|');
const typesArg = (s: ViewState) => (s.types.length > 0 ? s.types : null);

async function drawExplore(s: ViewState, mine: number) {
  const key = exploreKey(s);
  if (drawn.mode === 'explore' && drawn.key === key) return;
  const centre = await fetchNeighborhood({
    slug: s.focus,
    depth: s.depth,
    types: typesArg(s),
    exclude: s.dismissed,
  });
  if (mine !== generation) return;
  const batches = [centre];
  for (const slug of s.expanded) {
    const held = new Set([...batches.flatMap((b) => b.nodes.map((n) => n.concept.slug)), ...s.dismissed]);
    if (!held.has(slug)) continue;
    const more = await fetchNeighborhood({ slug, depth: 1, types: typesArg(s), exclude: [...held] });
    if (mine !== generation) return;
    batches.push(more);
  }
  view.clear();
  for (const [i, batch] of batches.entries()) {
    const concepts = batch.nodes.map((n) => n.concept);
    remember(concepts);
    view.add(concepts, batch.edges, { addedBy: i === 0 ? '' : s.expanded[i - 1] });
  }
  view.remove(s.dismissed.filter((slug) => slug !== s.focus));
  decorateExplore(s);
  await view.layout(false);
  drawn = { mode: 'explore', key, state: s };
  if (batches[0]?.truncated)
    showInfo(
      'Only part of this neighbourhood is shown (it is large). Filter by relationship type to see the rest.',
    );
  markFirstRender();
}

function decorateExplore(s: ViewState) {
  view.cy.nodes().removeClass('focus expanded step goal');
  view.node(s.focus)?.addClass('focus');
  for (const slug of s.expanded) view.node(slug)?.addClass('expanded');
  view.cy.edges().removeClass('highlight');
  view.hideKinds(s.hiddenKinds, s.focus);
  updateCaption();
}

/** Adds the neighbours of `slug` that are not on the map yet (only those are fetched). */
async function expand(slug: string) {
  if (state.mode !== 'explore') {
    go({ mode: 'explore', focus: slug, expanded: [], dismissed: [], selected: slug });
    return;
  }
  if (state.expanded.includes(slug) || slug === state.focus) {
    go({ selected: slug }, { replace: true });
    return;
  }
  busy(1);
  try {
    const more = await fetchNeighborhood({ slug, depth: 1, types: typesArg(state), exclude: view.slugs() });
    const concepts = more.nodes.map((n) => n.concept);
    remember(concepts);
    const added = view.add(concepts, more.edges, { addedBy: slug, near: slug });
    const next = { ...state, expanded: [...state.expanded, slug], selected: slug };
    drawn = { mode: 'explore', key: exploreKey(next), state: next };
    decorateExplore(next);
    if (added.length > 0) await view.layout(true);
    setStatus(
      added.length > 0
        ? `Added ${added.length} concept${added.length === 1 ? '' : 's'} around ${nameOf(slug)}.`
        : `${nameOf(slug)} has no further neighbours.`,
    );
    go({ expanded: next.expanded, selected: slug });
  } catch (error) {
    showError(error);
  } finally {
    busy(-1);
  }
}

/** Takes away what expanding `slug` added (and what expanding those added, recursively). */
function removeExpansion(slug: string): string[] {
  const removed = new Set<string>();
  const walk = (s: string) => {
    for (const child of view.addedBy(s)) {
      if (child === state.focus || removed.has(child)) continue;
      removed.add(child);
      walk(child);
    }
  };
  walk(slug);
  view.remove([...removed]);
  return state.expanded.filter((e) => e !== slug && !removed.has(e));
}

function collapse(slug: string) {
  const expanded = removeExpansion(slug);
  const next = { ...state, expanded };
  drawn = { mode: 'explore', key: exploreKey(next), state: next };
  decorateExplore(next);
  go({ expanded });
}

function dismiss(slug: string) {
  if (slug === state.focus || !view.has(slug)) return;
  const expanded = state.expanded.includes(slug) ? removeExpansion(slug) : state.expanded;
  view.remove([slug]);
  const dismissed = [...state.dismissed, slug];
  const next = { ...state, expanded, dismissed, selected: '' };
  drawn = { mode: 'explore', key: exploreKey(next), state: next };
  decorateExplore(next);
  setStatus(`Removed ${nameOf(slug)} from the map.`);
  go({ expanded, dismissed, selected: '' });
}

function markFirstRender() {
  if (firstRenderMs !== undefined) return;
  firstRenderMs = Math.round(performance.now() - startedAt);
  performance.mark('concept-map:first-render');
  document.documentElement.dataset.firstRenderMs = String(Math.round(performance.now()));
}

function updateCaption() {
  const visible = view.cy.nodes(':visible').length;
  const edges = view.cy.edges(':visible').length;
  byId('map-caption').textContent =
    `${visible} concept${visible === 1 ? '' : 's'}, ${edges} relationship${edges === 1 ? '' : 's'}`;
  renderOnMapList();
}

function renderOnMapList() {
  const nodes = view.cy
    .nodes(':visible')
    .map((n) => ({ slug: n.id(), name: n.data('name') as string, kind: n.data('kind') as string }))
    .sort((a, b) => a.name.localeCompare(b.name));
  byId('onmap-count').textContent = String(nodes.length);
  byId('onmap-list').replaceChildren(
    ...nodes.map((n) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            'data-slug': n.slug,
            onclick: () => go({ selected: n.slug }, { replace: true }),
          },
          n.name,
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Learning path mode
// ---------------------------------------------------------------------------------------------

const modePanel = byId('mode-panel');

function chips(slugs: string[], onRemove: (slug: string) => void, label: string): HTMLUListElement {
  return h(
    'ul',
    { class: 'chips', 'aria-label': label },
    slugs.map((slug) =>
      h(
        'li',
        { 'data-slug': slug },
        nameOf(slug),
        h(
          'button',
          { type: 'button', 'aria-label': `Remove ${nameOf(slug)}`, onclick: () => onRemove(slug) },
          '×',
        ),
      ),
    ),
  );
}

function suggestField(
  id: string,
  label: string,
  onPick: (hit: SearchHit['concept']) => void,
  value = '',
): HTMLElement {
  const input = h('input', {
    id,
    type: 'search',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-list`,
    autocomplete: 'off',
    placeholder: 'Type a concept…',
    value,
  });
  const list = h('div', { id: `${id}-list`, role: 'listbox', class: 'suggestions', hidden: true });
  attachSuggest({
    input,
    list,
    onPick,
    onError: showError,
    clearOnPick: !value && id !== 'path-from' && id !== 'path-to',
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, list);
}

async function drawLearn(s: ViewState, mine: number) {
  const pathPromise = s.goals.length > 0 ? fetchLearningPath(s.goals, s.known) : Promise.resolve(undefined);
  const [path, next] = await Promise.all([pathPromise, fetchNextToLearn(s.known, 8)]);
  if (mine !== generation) return;
  if (path) {
    remember([...path.goals, ...path.steps.map((st) => st.concept), ...path.skipped.map((sk) => sk.concept)]);
  }
  remember(next.map((n) => n.concept));
  for (const slug of s.known) if (!names.has(slug)) names.set(slug, slug);

  fill(
    modePanel,
    h('h2', {}, 'Learning path'),
    h(
      'p',
      { class: 'note' },
      'Choose what you want to understand; tick what you already know. Steps come prerequisites first.',
    ),
    h('h3', {}, 'Goals'),
    s.goals.length > 0
      ? chips(s.goals, (slug) => go({ goals: s.goals.filter((g) => g !== slug) }), 'Goals')
      : h('p', { class: 'empty-state' }, 'No goal yet.'),
    suggestField('goal-input', 'Add a goal', (c) => {
      remember([c]);
      if (!state.goals.includes(c.slug)) go({ goals: [...state.goals, c.slug] });
    }),
    path ? learnSteps(path, s) : null,
    s.known.length > 0 ? h('h3', {}, 'You know') : null,
    s.known.length > 0
      ? chips(s.known, (slug) => go({ known: s.known.filter((k) => k !== slug) }), 'Known concepts')
      : null,
    path && path.skipped.length > 0 ? skippedList(path) : null,
    h('h3', {}, 'Next to learn'),
    next.length === 0
      ? h('p', { class: 'empty-state' }, 'Nothing left to suggest.')
      : h(
          'ul',
          { id: 'next-list' },
          next.map((n) =>
            h(
              'li',
              { 'data-slug': n.concept.slug },
              h(
                'button',
                {
                  type: 'button',
                  class: 'link-button',
                  onclick: () => go({ selected: n.concept.slug }, { replace: true }),
                },
                n.concept.name,
              ),
              n.unlocks > 0 ? h('span', { class: 'note' }, ` unlocks ${n.unlocks}`) : null,
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn',
                  onclick: () => go({ goals: [...new Set([...state.goals, n.concept.slug])] }),
                },
                'Goal',
              ),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn',
                  onclick: () => go({ known: [...new Set([...state.known, n.concept.slug])] }),
                },
                'Known',
              ),
            ),
          ),
        ),
  );

  view.clear();
  if (!path) {
    byId('map-caption').textContent = 'Choose a goal to see its learning path';
    renderOnMapList();
    drawn = { mode: 'learn', key: '' };
    return;
  }
  // A grid read like text, in study order: step 1 top left, the goals last. Prerequisite edges
  // stay drawn, so what unlocks what is still visible.
  const goals = new Set(path.steps.filter((st) => st.isGoal).map((st) => st.concept.slug));
  const position = new Map(path.steps.map((st) => [st.concept.slug, st.position]));
  view.add(
    path.steps.map((st) => st.concept),
    path.steps.flatMap((st) => st.via),
    {
      label: (c) => `${position.get(c.slug)}. ${c.name}`,
      classes: (c) => (goals.has(c.slug) ? 'step goal' : 'step'),
    },
  );
  const columns = Math.max(1, Math.min(5, Math.ceil(Math.sqrt(path.steps.length * 1.8))));
  const positions: Record<string, { x: number; y: number }> = {};
  for (const [i, step] of path.steps.entries()) {
    const row = Math.floor(i / columns);
    positions[step.concept.slug] = { x: (i % columns) * 190 + (row % 2) * 40, y: row * 120 };
  }
  await view.preset(positions);
  byId('map-caption').textContent =
    `${path.totalSteps} step${path.totalSteps === 1 ? '' : 's'}, in study order, row by row`;
  renderOnMapList();
  drawn = { mode: 'learn', key: '' };
  markFirstRender();
}

function learnSteps(path: LearningPath, s: ViewState): HTMLElement {
  const list = h(
    'ol',
    { class: 'steps', id: 'steps-list' },
    path.steps.map((step) =>
      h(
        'li',
        { 'data-slug': step.concept.slug, 'data-position': step.position },
        h('span', { class: 'num' }, `${step.position}.`),
        h(
          'span',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              onclick: () => go({ selected: step.concept.slug }, { replace: true }),
            },
            step.concept.name,
          ),
          step.isGoal ? h('span', { class: 'goal-tag' }, 'goal') : null,
          !step.isGoal && step.neededFor.length > 0
            ? h('span', { class: 'note' }, ` for ${step.neededFor.map((g) => g.name).join(', ')}`)
            : null,
        ),
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            'aria-label': `I know ${step.concept.name}`,
            onchange: () => go({ known: [...new Set([...s.known, step.concept.slug])] }),
          }),
          ' known',
        ),
      ),
    ),
  );
  return h(
    'div',
    {},
    h('h3', {}, 'Study order'),
    h(
      'p',
      { id: 'step-count' },
      h('strong', {}, String(path.totalSteps)),
      ` step${path.totalSteps === 1 ? '' : 's'} to study`,
      path.truncated ? ' (cut short: the goals need too much at once)' : '',
    ),
    path.steps.length > 0
      ? list
      : h('p', { class: 'empty-state' }, 'You already know everything these goals need.'),
  );
}

function skippedList(path: LearningPath): HTMLElement {
  return h(
    'div',
    {},
    h('h3', {}, `Skipped (${path.skipped.length})`),
    h(
      'ul',
      { id: 'skipped-list' },
      path.skipped.map((sk) =>
        h(
          'li',
          { 'data-slug': sk.concept.slug, 'data-reason': sk.reason },
          sk.concept.name,
          h(
            'span',
            { class: 'note' },
            sk.reason === 'KNOWN' ? ' — you know it' : ' — implied by what you know',
          ),
        ),
      ),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Path mode
// ---------------------------------------------------------------------------------------------

async function drawPath(s: ViewState, mine: number) {
  const result = s.from && s.to ? await fetchPath(s.from, s.to, typesArg(s)) : undefined;
  if (mine !== generation) return;
  if (result) remember([result.from, result.to, ...(result.path?.nodes ?? [])]);

  const explanation: (HTMLElement | string)[] = [];
  if (result?.path) {
    const { nodes, edges } = result.path;
    explanation.push(
      h(
        'p',
        { id: 'path-summary' },
        h('strong', {}, String(result.path.length)),
        ` relationship${result.path.length === 1 ? '' : 's'} from ${result.from.name} to ${result.to.name}:`,
      ),
      h(
        'ol',
        { class: 'path-steps', id: 'path-list' },
        nodes.map((node, i) => {
          const edge = edges[i];
          return h(
            'li',
            { 'data-slug': node.slug },
            focusLink(node.slug, node.name),
            edge ? h('span', { class: 'rel', 'data-type': edge.type }, explainRelation(edge)) : null,
          );
        }),
      ),
    );
  } else if (result) {
    explanation.push(
      h(
        'p',
        { id: 'path-summary', class: 'empty-state' },
        `No path from ${result.from.name} to ${result.to.name} within ${result.maxLength} relationships${s.types.length > 0 ? ' of the chosen types' : ''}.`,
      ),
    );
  }

  fill(
    modePanel,
    h('h2', {}, 'Shortest path'),
    h('p', { class: 'note' }, 'How are two concepts connected? Relationship-type filters apply.'),
    suggestField('path-from', 'From', (c) => go({ from: c.slug }), s.from ? nameOf(s.from) : ''),
    suggestField('path-to', 'To', (c) => go({ to: c.slug }), s.to ? nameOf(s.to) : ''),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => go({ from: state.to, to: state.from }) },
        'Swap',
      ),
    ),
    ...explanation,
  );

  view.clear();
  if (!result?.path) {
    byId('map-caption').textContent = result ? 'No path' : 'Choose two concepts';
    renderOnMapList();
    drawn = { mode: 'path', key: '' };
    return;
  }
  const { nodes, edges } = result.path;
  view.add(nodes, edges, { classes: (c) => (c.slug === s.from || c.slug === s.to ? 'goal' : '') });
  view.cy.edges().addClass('highlight');
  const perRow = 5;
  const positions: Record<string, { x: number; y: number }> = {};
  for (const [i, node] of nodes.entries()) {
    const row = Math.floor(i / perRow);
    const col = row % 2 === 0 ? i % perRow : perRow - 1 - (i % perRow);
    positions[node.slug] = { x: col * 220, y: row * 140 };
  }
  await view.preset(positions);
  byId('map-caption').textContent = `Path of ${result.path.length}`;
  renderOnMapList();
  drawn = { mode: 'path', key: '' };
  markFirstRender();
}

// ---------------------------------------------------------------------------------------------
// Details panel
// ---------------------------------------------------------------------------------------------

const detailsEl = byId('details');

function conceptDetails(slug: string): Promise<ConceptDetails> {
  let cached = conceptCache.get(slug);
  if (!cached) {
    cached = fetchConcept(slug);
    conceptCache.set(slug, cached);
    cached.catch(() => conceptCache.delete(slug));
  }
  return cached;
}

async function renderDetails(s: ViewState, mine: number) {
  const slug = s.selected || (s.mode === 'explore' ? s.focus : '');
  view.select(slug || undefined);
  if (!slug) {
    detailsEl.replaceChildren(
      h('p', { class: 'empty-state' }, 'Select a concept on the map to see its details.'),
    );
    return;
  }
  const concept = await conceptDetails(slug);
  if (mine !== generation) return;
  remember([concept]);
  const style = kindStyle(concept.kind);
  const onMap = view.has(slug);
  const isExpanded = s.expanded.includes(slug);

  const groups = new Map<string, { label: string; items: ConceptDetails['relations']['edges'] }>();
  for (const edge of concept.relations.edges) {
    const ts = typeStyle(edge.node.type);
    const key = ts.symmetric ? edge.node.type : `${edge.node.type}:${edge.direction}`;
    const label = edge.direction === 'INCOMING' ? ts.incoming : ts.outgoing;
    if (!groups.has(key)) groups.set(key, { label, items: [] });
    groups.get(key)?.items.push(edge);
  }

  const actions = h('div', { class: 'actions' });
  if (s.mode !== 'explore' || slug !== s.focus) {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: 'btn primary',
          onclick: () => go({ mode: 'explore', focus: slug, expanded: [], dismissed: [], selected: '' }),
        },
        'Focus here',
      ),
    );
  }
  if (s.mode === 'explore' && onMap && slug !== s.focus) {
    actions.append(
      isExpanded
        ? h('button', { type: 'button', class: 'btn', onclick: () => collapse(slug) }, 'Collapse')
        : h(
            'button',
            { type: 'button', class: 'btn', onclick: () => void expand(slug) },
            'Expand neighbours',
          ),
      h('button', { type: 'button', class: 'btn', onclick: () => dismiss(slug) }, 'Remove from map'),
    );
  }
  if (!s.goals.includes(slug)) {
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: 'btn',
          onclick: () => go({ mode: 'learn', goals: [...s.goals, slug], selected: '' }),
        },
        'Learning path to here',
      ),
    );
  }
  actions.append(
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        onclick: () => go({ mode: 'path', from: slug, to: s.to === slug ? '' : s.to, selected: '' }),
      },
      'Path from here',
    ),
  );

  fill(
    detailsEl,
    h('h2', { id: 'details-name' }, concept.name),
    h(
      'p',
      { class: 'kind-badge' },
      h('span', {
        class: 'swatch',
        style: `background:${style.color};clip-path:${SHAPE_CLIPS[style.shape] ?? 'none'}`,
      }),
      h('span', { id: 'details-kind' }, style.label),
      h('code', {}, concept.slug),
    ),
    h('p', { id: 'details-summary' }, concept.summary),
    actions,
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
    ...[...groups.values()].flatMap((group) => [
      h('p', { class: 'note' }, h('strong', {}, group.label)),
      h(
        'ul',
        {},
        group.items.map((edge) =>
          h(
            'li',
            { title: edge.node.note ?? '' },
            focusLink(edge.other.slug, edge.other.name),
            edge.node.note ? h('span', { class: 'note' }, ` — ${edge.node.note}`) : null,
          ),
        ),
      ),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Controls: modes, filters, legend, toolbar, keyboard
// ---------------------------------------------------------------------------------------------

function buildFilters() {
  const typeBox = byId('type-filters');
  for (const type of RELATION_TYPES) {
    const ts = TYPE_STYLES[type];
    if (!ts) continue;
    typeBox.append(
      h(
        'label',
        {},
        h('input', { type: 'checkbox', value: type, 'data-type': type, onchange: onTypeToggle }),
        h('span', {
          class: `edge-swatch${ts.symmetric ? ' symmetric' : ''}`,
          style: `border-top-style:${ts.line};border-top-color:${ts.color};border-left-color:${ts.color}`,
        }),
        ts.outgoing.replace(/ \(.*\)$/, ''),
      ),
    );
  }
  const kindBox = byId('kind-filters');
  for (const [kind, ks] of Object.entries(KIND_STYLES)) {
    kindBox.append(
      h(
        'label',
        {},
        h('input', { type: 'checkbox', value: kind, 'data-kind': kind, onchange: onKindToggle }),
        h('span', {
          class: 'swatch',
          style: `background:${ks.color};clip-path:${SHAPE_CLIPS[ks.shape] ?? 'none'}`,
        }),
        ks.label,
      ),
    );
  }
  byId('types-all').addEventListener('click', () => go({ types: [] }));
  byId('types-learning').addEventListener('click', () => go({ types: ['REQUIRES'] }));
}

function onTypeToggle() {
  const boxes = [...document.querySelectorAll<HTMLInputElement>('#type-filters input')];
  const checked = boxes.filter((b) => b.checked).map((b) => b.value);
  go({ types: checked.length === boxes.length ? [] : checked });
}

function onKindToggle() {
  const hidden = [...document.querySelectorAll<HTMLInputElement>('#kind-filters input')]
    .filter((b) => !b.checked)
    .map((b) => b.value);
  go({ hiddenKinds: hidden }, { replace: true });
}

function syncControls(s: ViewState) {
  for (const button of document.querySelectorAll<HTMLButtonElement>('.modes button')) {
    button.setAttribute('aria-pressed', String(button.dataset.mode === s.mode));
  }
  for (const box of document.querySelectorAll<HTMLInputElement>('#type-filters input')) {
    box.checked = s.types.length === 0 || s.types.includes(box.value);
  }
  for (const box of document.querySelectorAll<HTMLInputElement>('#kind-filters input')) {
    box.checked = !s.hiddenKinds.includes(box.value);
  }
  byId<HTMLSelectElement>('depth').value = String(s.depth);
  modePanel.hidden = s.mode === 'explore';
  const modeName = s.mode === 'learn' ? 'Learning path' : s.mode === 'path' ? 'Path' : nameOf(s.focus);
  document.title = `${modeName} · Docker concept map`;
}

function wireControls() {
  for (const button of document.querySelectorAll<HTMLButtonElement>('.modes button')) {
    button.addEventListener('click', () => {
      const mode = button.dataset.mode as Mode;
      if (mode !== state.mode) go({ mode, selected: '' });
    });
  }
  byId<HTMLSelectElement>('depth').addEventListener('change', (event) =>
    go({ depth: Number((event.target as HTMLSelectElement).value) === 2 ? 2 : 1, expanded: [] }),
  );
  byId('fit').addEventListener('click', () => view.fit());
  byId('zoom-in').addEventListener('click', () => view.zoom(1.25));
  byId('zoom-out').addEventListener('click', () => view.zoom(0.8));
  byId('relayout').addEventListener('click', () => void view.layout(false));

  const search = byId<HTMLInputElement>('search-input');
  attachSuggest({
    input: search,
    list: byId('search-results'),
    onPick: (c) => {
      remember([c]);
      go({ mode: 'explore', focus: c.slug, expanded: [], dismissed: [], selected: '' });
    },
    onError: showError,
  });

  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
    const selected = state.selected || state.focus;
    switch (event.key) {
      case '/':
        event.preventDefault();
        search.focus();
        break;
      case 'f':
        view.fit();
        break;
      case '+':
      case '=':
        view.zoom(1.25);
        break;
      case '-':
        view.zoom(0.8);
        break;
      case 'l':
        void view.layout(false);
        break;
      case 'e':
        if (state.mode === 'explore') void expand(selected);
        break;
      case 'c':
        if (state.mode === 'explore' && state.expanded.includes(selected)) collapse(selected);
        break;
      case 'x':
        if (state.mode === 'explore') dismiss(selected);
        break;
      case 'Escape':
        go({ selected: '' }, { replace: true });
        break;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Render
// ---------------------------------------------------------------------------------------------

async function render() {
  const mine = ++generation;
  const s = state;
  syncControls(s);
  busy(1);
  try {
    if (s.mode === 'explore') {
      if (drawn.mode !== 'explore' || !drawn.state || mapChanged(drawn.state, s) || drawn.key === '') {
        await drawExplore(s, mine);
      }
      if (mine !== generation) return;
      decorateExplore(s);
    } else if (s.mode === 'learn') {
      await drawLearn(s, mine);
    } else {
      await drawPath(s, mine);
    }
    if (mine !== generation) return;
    if (!alertEl.hidden && !alertEl.classList.contains('info')) clearAlert();
    await renderDetails(s, mine);
  } catch (error) {
    if (mine === generation) {
      showError(error);
      if (!detailsEl.hasChildNodes()) {
        fill(
          detailsEl,
          h('p', { class: 'empty-state' }, 'Nothing to show until the API answers. Use Retry above.'),
        );
      }
    }
  } finally {
    busy(-1);
    if (mine === generation) document.body.dataset.ready = 'true';
  }
}

buildFilters();
wireControls();
void render();

declare global {
  interface Window {
    /** Read-only handle for debugging and the browser tests. */
    conceptMap: {
      readonly cy: GraphView['cy'];
      readonly state: ViewState;
      readonly firstRenderMs: number | undefined;
    };
  }
}
window.conceptMap = {
  get cy() {
    return view.cy;
  },
  get state() {
    return state;
  },
  get firstRenderMs() {
    return firstRenderMs;
  },
};
