/** The `Chapter` type (the book's chapters) and its root fields. */
import type { Chapter } from '../domain.ts';
import { builder } from './builder.ts';
import { ConceptRef } from './concept.ts';

export const ChapterRef = builder.nodeRef<Chapter>('Chapter', {
  id: { resolve: (chapter) => String(chapter.number) },
});

ChapterRef.implement({
  description: 'A chapter of Docker Deep Dive (5th edition), the source the graph was curated from.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'title' in value && 'number' in value,
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Chapter number, 1-16.' }),
    title: t.exposeString('title', { description: 'Chapter title.' }),
    summary: t.exposeString('summary', { description: 'What the chapter covers, in our words.' }),
    concepts: t.field({
      type: [ConceptRef],
      description: 'Concepts this chapter covers, by name.',
      resolve: (chapter, _args, ctx) => ctx.graph.chapterConcepts(chapter.number),
    }),
  }),
});

builder.objectField(ConceptRef, 'chapters', (t) =>
  t.field({
    type: [ChapterRef],
    description: 'The chapters that cover this concept, in book order.',
    resolve: async (concept, _args, ctx) =>
      Promise.all((await ctx.graph.detail(concept, 'chapters')).map((n) => ctx.graph.chapter(n))),
  }),
);

builder.queryFields((t) => ({
  chapters: t.field({
    type: [ChapterRef],
    description: 'All chapters, in book order.',
    resolve: (_root, _args, ctx) => ctx.graph.chapters(),
  }),
  chapter: t.field({
    type: ChapterRef,
    nullable: true,
    description: 'The chapter with this number. Unknown number: error `CHAPTER_NOT_FOUND`.',
    args: { number: t.arg.int({ description: 'Chapter number, 1-16.' }) },
    resolve: (_root, { number }, ctx) => ctx.graph.chapter(number),
  }),
}));
