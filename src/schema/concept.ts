/** The `Concept` type, its kind enum, and the root fields that look concepts up. */
import { CONCEPT_KINDS } from '../domain.ts';
import type { ConceptOrdering } from '../graph/concept-list.ts';
import type { ConceptRow } from '../graph/records.ts';
import { LIMITS } from '../service/limits.ts';
import { builder, requested } from './builder.ts';
import { asks, conceptSelection } from './concept-selection.ts';

export const ConceptKindEnum = builder.enumType('ConceptKind', {
  description: 'What sort of thing a concept is.',
  values: Object.fromEntries(
    Object.entries(CONCEPT_KINDS).map(([name, description]) => [name, { description }]),
  ),
});

export const ConceptRef = builder.nodeRef<ConceptRow>('Concept', {
  id: { resolve: (concept) => concept.slug },
});

ConceptRef.implement({
  description: 'A concept of the container world: a component, specification, feature, command, …',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'slug' in value,
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, unique, kebab-case key, e.g. `containerd`.' }),
    // Every other stored field through `detail`: at hand when the query that returned the concept
    // read it (queries read what the request asks), else loaded in one batched query.
    name: t.string({ description: 'Display name.', resolve: (c, _args, ctx) => ctx.graph.detail(c, 'name') }),
    kind: t.field({
      type: ConceptKindEnum,
      description: 'What sort of thing this is.',
      resolve: (c, _args, ctx) => ctx.graph.detail(c, 'kind'),
    }),
    summary: t.string({
      description: 'One to three sentences saying what it is and why it matters.',
      resolve: (c, _args, ctx) => ctx.graph.detail(c, 'summary'),
    }),
    aliases: t.stringList({
      description: 'Other names it goes by (searchable), e.g. `dockerd`.',
      resolve: (c, _args, ctx) => ctx.graph.detail(c, 'aliases'),
    }),
    tags: t.stringList({
      description: 'Lowercase topic tags, e.g. `networking`.',
      resolve: (c, _args, ctx) => ctx.graph.detail(c, 'tags'),
    }),
    background: t.boolean({
      description:
        'True for background knowledge the notes assume without naming it (the Linux kernel, a process, …).',
      resolve: (c, _args, ctx) => ctx.graph.detail(c, 'background'),
    }),
    estimatedMinutes: t.int({
      nullable: true,
      description:
        'Curated study time in minutes: what a learner needs to understand this concept once its ' +
        'prerequisites are known. Null where not estimated (generated graphs).',
      resolve: (c, _args, ctx) => ctx.graph.detail(c, 'estimatedMinutes'),
    }),
    bottleneckScore: t.int({
      nullable: true,
      description:
        'How many concepts transitively REQUIRE or DEPEND_ON this one: a measure of how much rests on it. ' +
        'Computed by the loader; null on generated (synthetic) graphs.',
      resolve: (c, _args, ctx) => ctx.graph.detail(c, 'bottleneck'),
    }),
  }),
});

builder.queryField('concept', (t) =>
  t.field({
    type: ConceptRef,
    nullable: true,
    description: 'The concept with this slug. Unknown slug: error `CONCEPT_NOT_FOUND` with suggestions.',
    args: { slug: t.arg.string({ description: 'The concept slug, e.g. `containerd`.' }) },
    resolve: (_root, { slug }, ctx, info) => ctx.graph.selectedConcept(slug, conceptSelection(info)),
  }),
);

const ConceptFilterInput = builder.inputType('ConceptFilter', {
  description: 'Narrows `concepts`; all given conditions must hold.',
  fields: (t) => ({
    kinds: t.field({ type: [ConceptKindEnum], required: false, description: 'Any of these kinds.' }),
    chapter: t.int({ required: false, description: 'Covered in this chapter (1-16).' }),
    tags: t.stringList({ required: false, description: 'Carries every one of these tags.' }),
    background: t.boolean({
      required: false,
      description: 'Only background concepts (true) or only the rest (false).',
    }),
  }),
});

const ConceptOrderEnum = builder.enumType('ConceptOrder', {
  description:
    'Orderings of `concepts`; every one ends with the slug, so it is total and cursors are stable.',
  values: {
    NAME: { description: 'By name (case-insensitive), then slug.' },
    SLUG: { description: 'By slug.' },
    CHAPTER: {
      description: 'By the first chapter that covers the concept, then name: the book’s reading order.',
    },
  } satisfies Record<ConceptOrdering, { description: string }>,
});

const ConceptConnection = builder.connectionObject(
  {
    type: ConceptRef,
    name: 'ConceptConnection',
    description:
      'A page of concepts (Relay), with keyset cursors that stay valid when concepts are added or removed.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many concepts match the filter, across all pages.',
        resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  { name: 'ConceptEdge', description: 'One concept of the page.' },
);

builder.queryField('concepts', (t) =>
  t.field({
    type: ConceptConnection,
    description:
      'All concepts, filtered and ordered, one page at a time (Relay; 0-100 per page, 20 by default). ' +
      '`first`/`after` and `last`/`before` may be combined as the Relay specification describes.',
    complexity: (args) => ({
      field: 5,
      multiplier: requested(args.first ?? args.last ?? 20, LIMITS.pageSize, 10),
    }),
    args: {
      ...t.arg.connectionArgs(),
      filter: t.arg({
        type: ConceptFilterInput,
        required: false,
        description: 'Conditions the concepts must meet.',
      }),
      orderBy: t.arg({ type: ConceptOrderEnum, defaultValue: 'NAME', description: 'Sort order.' }),
    },
    resolve: (_root, args, ctx, info) =>
      ctx.graph.concepts({ ...args, filter: args.filter ?? {} }, conceptSelection(info, ['edges', 'node']), {
        totalCount: asks(info, [], 'totalCount'),
        pageInfo: asks(info, [], 'pageInfo'),
      }),
  }),
);
