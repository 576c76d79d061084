/**
 * Study-plan mode, after Metacademy: pick goals, say what you know ("I know…" by search), and get
 * a numbered plan — each step with its summary, why it is needed (the relationship that put it
 * there), its study time and the total — with the next steps you can take now, progress kept in
 * this browser and a link that carries it elsewhere. The map draws the plan as an arc diagram.
 */
import {
  ApiError,
  type ConceptRef,
  fetchStudyPlan,
  type LearningPath,
  type LearningStep,
  type StudyPlan,
} from './api.ts';
import { type App, focusLink, plural } from './app.ts';
import { byId, fill, focusNext, h } from './dom.ts';
import { sidePanel } from './learn-panel.ts';
import { arcBend, columnLayout } from './map/layout.ts';
import { consistent, type NodeClass, type Scene, type SceneEdge } from './map/scene.ts';
import { typeStyle } from './map/styles.ts';
import { say } from './messages.ts';
import { formatMinutes, servesLabel, studyTime } from './plan.ts';
import type { ViewState } from './url-state.ts';

let cache: { key: string; plan: StudyPlan } | undefined;

/** The steps `nextToLearn(known, goals)` says can be studied now, with what each unlocks on the way. */
const nextOf = (plan: StudyPlan) => new Map((plan.towardGoals ?? []).map((n) => [n.concept.slug, n.unlocks]));

function why(app: App, step: LearningStep): string | undefined {
  if (step.isGoal) return undefined;
  const sentences = step.via.map((edge) => {
    const from = app.store.nameOf(edge.fromSlug);
    const text = `${from} ${typeStyle(edge.type).verb} ${step.concept.name}`;
    return edge.note ? `${text} (${edge.note.replace(/\.$/, '')})` : text;
  });
  return sentences.length > 0 ? `Needed because ${sentences.join('; ')}.` : undefined;
}

function stepItem(app: App, s: ViewState, path: LearningPath, step: LearningStep, next: Map<string, number>) {
  const slug = step.concept.slug;
  const done = s.done.includes(slug);
  const minutes = step.concept.estimatedMinutes;
  const serves = servesLabel(step, path.goals.length);
  const reason = why(app, step);
  const opens = next.get(slug) ?? 0;
  return h(
    'li',
    {
      'data-slug': slug,
      'data-position': step.position,
      class: ['step', done ? 'done' : '', next.has(slug) ? 'next' : '', s.selected === slug ? 'selected' : '']
        .filter(Boolean)
        .join(' '),
    },
    h(
      'div',
      { class: 'step-head' },
      h('span', { class: 'num', 'aria-hidden': 'true' }, String(step.position)),
      h(
        'h3',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link-button step-name',
            'data-focus': `step:${slug}`,
            'aria-label': `Step ${step.position}: ${step.concept.name}${done ? ' (done)' : ''}`,
            onclick: () => app.store.go({ selected: slug, edge: '' }, { replace: true }),
          },
          step.concept.name,
        ),
      ),
      step.isGoal ? h('span', { class: 'tag goal-tag' }, 'goal') : null,
      next.has(slug) ? h('span', { class: 'tag next-tag' }, 'next') : null,
      typeof minutes === 'number'
        ? h(
            'span',
            { class: 'time', title: `${formatMinutes(step.cumulativeMinutes)} from the start of the plan` },
            formatMinutes(minutes),
          )
        : null,
    ),
    h('p', { class: 'summary' }, step.concept.summary),
    reason ? h('p', { class: 'why' }, reason) : null,
    serves || opens > 0
      ? h(
          'p',
          { class: 'note' },
          [serves, opens > 0 ? `unlocks ${plural(opens, 'concept')} on the way` : '']
            .filter(Boolean)
            .join(' · '),
        )
      : null,
    h(
      'div',
      { class: 'step-actions' },
      h(
        'label',
        { class: 'check' },
        h('input', {
          type: 'checkbox',
          checked: done,
          'data-focus': `done:${slug}`,
          onchange: (event: Event) => {
            const checked = (event.target as HTMLInputElement).checked;
            app.store.go({
              done: checked ? [...new Set([...s.done, slug])] : s.done.filter((d) => d !== slug),
            });
          },
        }),
        ' Studied',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          'data-focus': `know:${slug}`,
          onclick: () => {
            focusNext('plan-heading');
            app.store.go({ known: [...new Set([...s.known, slug])], done: s.done.filter((d) => d !== slug) });
          },
        },
        'I knew this already',
      ),
      focusLink(app, slug, 'On the map'),
    ),
  );
}

function planList(app: App, s: ViewState, plan: StudyPlan): HTMLElement {
  const path = plan.learningPath;
  if (!path) {
    return h(
      'div',
      { class: 'plan-empty' },
      h('h2', { id: 'plan-heading', tabindex: '-1', 'data-focus': 'plan-heading' }, 'Your study plan'),
      h(
        'p',
        {},
        'Choose a goal — something you want to understand, such as overlay networking or Docker Secrets — and the plan lists what to study first, in order.',
      ),
      h('p', { class: 'note' }, 'Use “Add a goal” in the panel, or pick one of the suggestions there.'),
    );
  }
  const steps = path.steps;
  const done = new Set(s.done);
  const next = nextOf(plan);
  const time = studyTime(steps, done);
  const doneCount = steps.filter((st) => done.has(st.concept.slug)).length;
  return h(
    'div',
    { class: 'plan' },
    h(
      'h2',
      { id: 'plan-heading', tabindex: '-1', 'data-focus': 'plan-heading' },
      `${plural(path.totalSteps, 'step')} to ${path.goals.map((g) => g.name).join(', ')}`,
    ),
    h(
      'p',
      { id: 'step-count', class: 'plan-summary' },
      h('strong', {}, String(path.totalSteps)),
      ` step${path.totalSteps === 1 ? '' : 's'} to study, prerequisites first`,
      time
        ? ` · about ${formatMinutes(path.estimatedMinutes)} in all${time.unknown > 0 ? ` (${time.unknown} without an estimate)` : ''}`
        : '',
      path.truncated ? ' (cut short: the goals need too much at once)' : '',
    ),
    steps.length > 0
      ? h(
          'div',
          { class: 'progress-line' },
          h('progress', { max: steps.length, value: doneCount, 'aria-label': 'Steps studied' }),
          h(
            'span',
            { id: 'progress-text' },
            `${doneCount} of ${steps.length} studied${time ? ` · ${formatMinutes(time.remaining)} left` : ''}`,
          ),
        )
      : null,
    path.steps.length > 0
      ? h(
          'ol',
          { class: 'plan-steps', id: 'steps-list' },
          path.steps.map((step) => stepItem(app, s, path, step, next)),
        )
      : h('p', { class: 'empty-state' }, 'You already know everything these goals need.'),
  );
}

/** The plan as an arc diagram: steps down a column, prerequisite arcs on the left. */
function planScene(s: ViewState, plan: StudyPlan): Scene {
  const path = plan.learningPath;
  if (!path || path.steps.length === 0)
    return { nodes: [], edges: [], caption: 'Choose a goal to see its plan' };
  const placed = columnLayout(
    path.steps.map((st) => st.concept.slug),
    52,
  );
  const done = new Set(s.done);
  const next = nextOf(plan);
  const nodes = path.steps.map((step) => {
    const p = placed.get(step.concept.slug) ?? { x: 0, y: 0, side: 'right' as const };
    const classes: NodeClass[] = ['step'];
    if (step.isGoal) classes.push('goal');
    if (done.has(step.concept.slug)) classes.push('done');
    if (next.has(step.concept.slug)) classes.push('next');
    if (s.selected === step.concept.slug) classes.push('selected');
    return {
      id: step.concept.slug,
      name: step.concept.name,
      kind: step.concept.kind,
      label: `${step.position}. ${step.concept.name}`,
      ...p,
      classes,
      note: `step ${step.position}`,
    };
  });
  const edges: SceneEdge[] = path.steps.flatMap((step) =>
    step.via.map((edge) => {
      const a = placed.get(edge.fromSlug) ?? { x: 0, y: 0 };
      const b = placed.get(edge.toSlug) ?? { x: 0, y: 0 };
      return {
        id: edge.id,
        source: edge.fromSlug,
        target: edge.toSlug,
        type: edge.type,
        note: edge.note,
        bend: arcBend(a, b),
        classes: s.edge === edge.id ? ['selected' as const] : [],
      };
    }),
  );
  const goal = path.steps.find((st) => st.isGoal)?.concept.slug;
  return consistent({
    nodes,
    edges,
    anchor: path.steps[0]?.concept.slug ?? goal,
    align: 'top',
    caption: `${plural(path.totalSteps, 'step')}, in study order from the top`,
  });
}

export async function drawLearn(app: App, s: ViewState, isCurrent: () => boolean): Promise<void> {
  const started = performance.now();
  const learnt = [...new Set([...s.known, ...s.done])];
  const key = JSON.stringify([s.goals, s.known, learnt]);
  let plan = cache?.key === key ? cache.plan : undefined;
  if (!plan) {
    try {
      plan = await fetchStudyPlan(s.goals, s.known, learnt);
    } catch (error) {
      // A link from an older graph may name concepts that no longer exist: drop them, say so.
      if (!(error instanceof ApiError && error.code === 'CONCEPT_NOT_FOUND' && error.slugs.length > 0))
        throw error;
      const gone = new Set(error.slugs);
      say(`Left out what this graph does not have: ${error.slugs.join(', ')}.`);
      app.store.go(
        {
          goals: s.goals.filter((g) => !gone.has(g)),
          known: s.known.filter((k) => !gone.has(k)),
          done: s.done.filter((d) => !gone.has(d)),
        },
        { replace: true },
      );
      return;
    }
    if (!isCurrent()) return;
    cache = { key, plan };
    performance.measure('concept-map:plan-fetch', { start: started });
  }
  const path = plan.learningPath;
  const remembered: ConceptRef[] = [...(plan.nextToLearn ?? []), ...(plan.towardGoals ?? [])].map(
    (n) => n.concept,
  );
  if (path)
    remembered.push(
      ...path.goals,
      ...path.steps.map((st) => st.concept),
      ...path.skipped.map((sk) => sk.concept),
    );
  app.store.remember(remembered);
  const modePanel = byId('mode-panel');
  fill(modePanel, sidePanel(app, s, plan));
  modePanel.hidden = false;
  fill(byId('list-view'), planList(app, s, plan));
  app.map.show(planScene(s, plan), 'fit');
  performance.measure('concept-map:plan-built', { start: started });
  requestAnimationFrame(() => {
    if (!isCurrent()) return;
    app.timings.plan = Math.round(performance.now() - started);
    performance.measure('concept-map:plan', { start: started });
  });
}
