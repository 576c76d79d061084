/**
 * The study plan's side panel: goals and "I know…" (both by search), the next steps toward the
 * goals, what is ready to learn when there is no goal yet, what was skipped, and the learner's
 * progress with the link that carries it.
 */
import type { LearningPath, StudyPlan } from './api.ts';
import { type App, plural } from './app.ts';
import { byId, focusNext, h } from './dom.ts';
import { clearProgress } from './progress.ts';
import { suggestField } from './suggest-field.ts';
import type { ViewState } from './url-state.ts';

function chips(app: App, slugs: string[], label: string, onRemove: (slug: string) => void, id: string) {
  return h(
    'ul',
    { class: 'chips', 'aria-label': label, id },
    slugs.map((slug) =>
      h(
        'li',
        { 'data-slug': slug },
        app.store.nameOf(slug),
        h(
          'button',
          {
            type: 'button',
            'aria-label': `Remove ${app.store.nameOf(slug)} from ${label.toLowerCase()}`,
            'data-focus': `${id}:${slug}`,
            onclick: () => {
              focusNext(`${id}-field`);
              onRemove(slug);
            },
          },
          '×',
        ),
      ),
    ),
  );
}

export function sidePanel(app: App, s: ViewState, plan: StudyPlan): HTMLElement[] {
  const { store } = app;
  const path = plan.learningPath;
  const positions = new Map(path?.steps.map((st) => [st.concept.slug, st.position]) ?? []);
  const next = (plan.towardGoals ?? []).slice(0, 3);
  const link = `${location.origin}${store.href({ mode: 'learn', selected: '', edge: '' })}`;
  const parts: (HTMLElement | null)[] = [
    h('h2', { id: 'learn-heading' }, 'Study plan'),
    h('h3', {}, 'Goals'),
    s.goals.length > 0
      ? chips(
          app,
          s.goals,
          'Goals',
          (slug) => store.go({ goals: s.goals.filter((g) => g !== slug) }),
          'goals',
        )
      : h('p', { class: 'empty-state' }, 'No goal yet.'),
    suggestField(app, 'goals-field', 'Add a goal', (c) => {
      if (!store.state.goals.includes(c.slug)) store.go({ goals: [...store.state.goals, c.slug] });
    }),
    h('h3', {}, 'What you know'),
    s.known.length > 0
      ? chips(
          app,
          s.known,
          'Known',
          (slug) => store.go({ known: s.known.filter((k) => k !== slug) }),
          'known',
        )
      : null,
    suggestField(app, 'known-field', 'I know…', (c) => {
      focusNext('known-field');
      store.go({ known: [...new Set([...store.state.known, c.slug])] });
    }),
  ];
  if (path) {
    parts.push(
      h('h3', {}, 'Next steps'),
      next.length > 0
        ? h(
            'ol',
            { id: 'next-steps', class: 'plain' },
            next.map((step) =>
              h(
                'li',
                { 'data-slug': step.concept.slug },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link-button',
                    onclick: () => store.go({ selected: step.concept.slug, edge: '' }, { replace: true }),
                  },
                  `${positions.has(step.concept.slug) ? `${positions.get(step.concept.slug)}. ` : ''}${step.concept.name}`,
                ),
                step.unlocks > 0 ? h('span', { class: 'note' }, ` unlocks ${step.unlocks}`) : null,
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    'data-focus': `next-done:${step.concept.slug}`,
                    onclick: () => store.go({ done: [...new Set([...s.done, step.concept.slug])] }),
                  },
                  'Studied',
                ),
              ),
            ),
          )
        : h('p', { class: 'empty-state' }, 'Every step is studied. Well done!'),
    );
  }
  const ready = plan.nextToLearn ?? [];
  parts.push(
    path ? null : h('h3', {}, 'Ready to learn'),
    path
      ? null
      : ready.length === 0
        ? h('p', { class: 'empty-state' }, 'Nothing left to suggest.')
        : h(
            'ul',
            { id: 'next-list', class: 'plain' },
            ready.map((n) =>
              h(
                'li',
                { 'data-slug': n.concept.slug },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'link-button',
                    onclick: () => store.go({ selected: n.concept.slug, edge: '' }, { replace: true }),
                  },
                  n.concept.name,
                ),
                n.unlocks > 0 ? h('span', { class: 'note' }, ` unlocks ${n.unlocks}`) : null,
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    'aria-label': `Goal: make ${n.concept.name} a goal`,
                    onclick: () => store.go({ goals: [...new Set([...s.goals, n.concept.slug])] }),
                  },
                  'Goal',
                ),
                ' ',
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn small',
                    'aria-label': `I know it: ${n.concept.name}`,
                    onclick: () => store.go({ known: [...new Set([...s.known, n.concept.slug])] }),
                  },
                  'I know it',
                ),
              ),
            ),
          ),
    path && path.skipped.length > 0 ? skippedList(path) : null,
    h('h3', {}, 'Your progress'),
    h(
      'p',
      { class: 'note' },
      'Kept in this browser. The link carries your goals and progress to another device.',
    ),
    h('label', { for: 'export-link', class: 'visually-hidden' }, 'Link to this plan'),
    h('input', { id: 'export-link', class: 'export-link', type: 'text', readonly: true, value: link }),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          id: 'copy-link',
          onclick: () => {
            void navigator.clipboard?.writeText(link).then(
              () => (byId('copy-status').textContent = 'Link copied.'),
              () => (byId('copy-status').textContent = 'Select the link above and copy it.'),
            );
          },
        },
        'Copy link',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'btn small',
          onclick: () => {
            clearProgress();
            store.go({ goals: [], known: [], done: [], selected: '' });
          },
        },
        'Start over',
      ),
    ),
    h('p', { id: 'copy-status', class: 'note', role: 'status' }),
  );
  return parts.filter((p): p is HTMLElement => p !== null);
}

function skippedList(path: LearningPath): HTMLElement {
  return h(
    'details',
    { class: 'skipped' },
    h('summary', {}, `Skipped: ${plural(path.skipped.length, 'concept')} you know`),
    h(
      'ul',
      { id: 'skipped-list', class: 'plain' },
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
