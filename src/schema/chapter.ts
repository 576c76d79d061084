/** The `Chapter` type (the book's chapters) and its root fields. */
import { GraphQLError } from 'graphql';
import type { Context } from '../context.ts';
import type { Chapter } from '../domain.ts';
import { ErrorCode } from '../errors.ts';
import { conceptsOfChapters, findChaptersByNumbers, listChapters } from '../graph/chapters.ts';
import { builder } from './builder.ts';
import { ConceptRef, detail } from './concept.ts';

export const ChapterRef = builder.loadableNodeRef('Chapter', {
  id: { resolve: (chapter: Chapter) => String(chapter.number), parse: (id) => Number(id) },
  load: async (numbers: number[], ctx: Context) => {
    const found = await findChaptersByNumbers(ctx.db, numbers);
    return found.map(
      (chapter, i) =>
        chapter ??
        new GraphQLError(`No chapter has the number ${numbers[i]}`, {
          extensions: { code: ErrorCode.CHAPTER_NOT_FOUND, number: numbers[i] },
        }),
    );
  },
  cacheResolved: (chapter) => chapter.number,
});

ChapterRef.implement({
  description: 'A chapter of Docker Deep Dive (5th edition), the source the graph was curated from.',
  fields: (t) => ({
    number: t.exposeInt('number', { description: 'Chapter number, 1-16.' }),
    title: t.exposeString('title', { description: 'Chapter title.' }),
    summary: t.exposeString('summary', { description: 'What the chapter covers, in our words.' }),
    concepts: t.loadableList({
      type: ConceptRef,
      description: 'Concepts this chapter covers, by name.',
      load: (numbers: number[], ctx) => conceptsOfChapters(ctx.db, numbers),
      resolve: (chapter) => chapter.number,
    }),
  }),
});

builder.objectField(ConceptRef, 'chapters', (t) =>
  t.field({
    type: [ChapterRef],
    description: 'The chapters that cover this concept, in book order.',
    resolve: (concept, _args, ctx) => detail(ctx, concept, 'chapters'),
  }),
);

builder.queryFields((t) => ({
  chapters: t.field({
    type: [ChapterRef],
    description: 'All chapters, in book order.',
    resolve: (_root, _args, ctx) => listChapters(ctx.db),
  }),
  chapter: t.field({
    type: ChapterRef,
    nullable: true,
    description: 'The chapter with this number. Unknown number: error `CHAPTER_NOT_FOUND`.',
    args: { number: t.arg.int({ description: 'Chapter number, 1-16.' }) },
    resolve: (_root, { number }) => number,
  }),
}));
