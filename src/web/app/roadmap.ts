/**
 * Roadmap mode: the book's sixteen chapters as an outline, each with its concepts in study order
 * (prerequisites first), what the learner already knows ticked, and every concept one step from
 * its details, the map, or a study plan. Plain HTML: readable on a phone and by a screen reader.
 */
import { type Chapter, fetchRoadmap } from './api.ts';
import { type App, focusLink, plural } from './app.ts';
import { byId, fill, h } from './dom.ts';
import { kindStyle, shapeClip } from './map/styles.ts';
import { inStudyOrder, studyLevels } from './study-order.ts';
import type { ViewState } from './url-state.ts';

let chapters: Promise<Chapter[]> | undefined;

function chapterSection(app: App, s: ViewState, chapter: Chapter, levels: Map<string, number>): HTMLElement {
  const learnt = new Set([...s.known, ...s.done]);
  const concepts = inStudyOrder(chapter.concepts, levels);
  const count = concepts.filter((c) => learnt.has(c.slug)).length;
  return h(
    'section',
    {
      class: 'chapter',
      id: `chapter-${chapter.number}`,
      'aria-labelledby': `chapter-${chapter.number}-title`,
    },
    h(
      'h3',
      { id: `chapter-${chapter.number}-title` },
      h('span', { class: 'chapter-number' }, `Chapter ${chapter.number}`),
      ' ',
      chapter.title,
    ),
    h('p', { class: 'chapter-summary' }, chapter.summary),
    h(
      'p',
      { class: 'note' },
      `${plural(concepts.length, 'concept')} in study order${count > 0 ? ` · ${count} known or studied` : ''}`,
    ),
    h(
      'ol',
      { class: 'roadmap-concepts' },
      concepts.map((c) => {
        const ks = kindStyle(c.kind);
        return h(
          'li',
          { 'data-slug': c.slug, class: learnt.has(c.slug) ? 'learnt' : '' },
          h('span', {
            class: 'swatch',
            style: `background:${ks.color};clip-path:${shapeClip(ks.shape)}`,
            'aria-hidden': 'true',
          }),
          h(
            'button',
            {
              type: 'button',
              class: 'link-button',
              'data-focus': `roadmap:${chapter.number}:${c.slug}`,
              onclick: () => app.store.go({ selected: c.slug, edge: '' }, { replace: true }),
            },
            c.name,
          ),
          learnt.has(c.slug)
            ? h(
                'span',
                { class: 'tick' },
                h('span', { 'aria-hidden': 'true' }, ' ✓'),
                h('span', { class: 'visually-hidden' }, ' (known)'),
              )
            : null,
          h('span', { class: 'kind' }, ks.label),
          focusLink(app, c.slug, 'map'),
        );
      }),
    ),
  );
}

export async function drawRoadmap(app: App, s: ViewState, isCurrent: () => boolean): Promise<void> {
  chapters ??= fetchRoadmap();
  chapters.catch(() => {
    chapters = undefined;
  });
  const list = await chapters;
  if (!isCurrent()) return;
  app.store.remember(list.flatMap((c) => c.concepts));
  const levels = studyLevels(list.flatMap((c) => c.concepts));
  byId('mode-panel').hidden = true;
  fill(
    byId('list-view'),
    h(
      'div',
      { class: 'roadmap' },
      h(
        'h2',
        { id: 'roadmap-heading', tabindex: '-1', 'data-focus': 'roadmap-heading' },
        'Roadmap: Docker Deep Dive in 16 chapters',
      ),
      h(
        'p',
        { class: 'note' },
        'Each chapter lists its concepts prerequisites first. Select one for its details, open it on the map, or make it the goal of a study plan.',
      ),
      h(
        'nav',
        { 'aria-label': 'Chapters', class: 'chapter-index' },
        h(
          'ol',
          {},
          list.map((c) => h('li', {}, h('a', { href: `#chapter-${c.number}` }, `${c.number}. ${c.title}`))),
        ),
      ),
      list.map((c) => chapterSection(app, s, c, levels)),
    ),
  );
  app.map.scene = {
    nodes: [],
    edges: [],
    caption: `${list.length} chapters, ${new Set(list.flatMap((c) => c.concepts.map((x) => x.slug))).size} concepts`,
  };
}
