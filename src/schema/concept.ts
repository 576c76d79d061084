/** The `Concept` type, its kind enum, and the root fields that look concepts up. */

import type { Context } from '../context.ts';
import { CONCEPT_KINDS } from '../domain.ts';
import { conceptNotFound } from '../errors.ts';
import { CONCEPT_ORDERINGS, type ConceptOrdering, listConcepts, sortKeyOf } from '../graph/concept-list.ts';
import { findConceptsBySlugs, suggestSlugs } from '../graph/concepts.ts';
import { type ConceptRow, isHead, type StoredConcept } from '../graph/records.ts';
import { builder, requested } from './builder.ts';
import { bounded, LIMITS } from './limits.ts';
import { pageRequest, toConnection } from './pagination.ts';

export const ConceptKindEnum = builder.enumType('ConceptKind', {
  description: 'What sort of thing a concept is.',
  values: Object.fromEntries(
    Object.entries(CONCEPT_KINDS).map(([name, description]) => [name, { description }]),
  ),
});

class UnknownSlug extends Error {
  constructor(readonly slug: string) {
    super(`No concept has the slug "${slug}"`);
  }
}

export const ConceptRef = builder.loadableNodeRef('Concept', {
  id: { resolve: (concept: ConceptRow) => concept.slug, parse: (id) => id },
  load: async (slugs: string[], ctx: Context): Promise<(ConceptRow | Error)[]> => {
    const found = await findConceptsBySlugs(ctx.db, slugs);
    return found.map((concept, i) => concept ?? new UnknownSlug(slugs[i] as string));
  },
  // Whole concepts resolved anywhere answer later lookups by slug; a list's head is cached under
  // a key no lookup uses, so that asking a head for its details still loads them.
  cacheResolved: (concept) => (isHead(concept) ? `head:${concept.slug}` : concept.slug),
});

/** One field of a concept: at hand when whole, loaded (batched with its siblings) for a head. */
export function detail<K extends keyof StoredConcept>(
  ctx: Context,
  concept: ConceptRow,
  key: K,
): StoredConcept[K] | Promise<StoredConcept[K]> {
  if (!isHead(concept)) return concept[key];
  return (ConceptRef.getDataloader(ctx).load(concept.slug) as Promise<StoredConcept>).then(
    (whole) => whole[key],
  );
}

/** Loads concepts by slug; unknown slugs become one CONCEPT_NOT_FOUND error with suggestions. */
export async function requireConcepts(
  ctx: Context,
  slugs: readonly string[],
  argument: string,
): Promise<StoredConcept[]> {
  // Only whole concepts are cached under their slug (see `cacheResolved`).
  const loaded = await ConceptRef.getDataloader(ctx).loadMany(slugs);
  // A failed lookup (Neo4j down, say) is not a missing slug: let it surface as what it is.
  const failure = loaded.find((result) => result instanceof Error && !(result instanceof UnknownSlug));
  if (failure) throw failure;
  const missing = slugs.filter((_, i) => loaded[i] instanceof UnknownSlug);
  if (missing.length > 0) {
    const suggestions = await Promise.all(missing.map((slug) => suggestSlugs(ctx.db, slug)));
    throw conceptNotFound(
      missing.map((slug, i) => ({ slug, suggestions: suggestions[i] ?? [] })),
      argument,
    );
  }
  return loaded as StoredConcept[];
}

/** Lets later fields (a relation's `from`/`to`) reuse concepts a traversal already returned. */
export function primeConcepts(ctx: Context, concepts: Iterable<StoredConcept>): void {
  const loader = ConceptRef.getDataloader(ctx);
  for (const concept of concepts) loader.prime(concept.slug, concept);
}

ConceptRef.implement({
  description: 'A concept of the container world: a component, specification, feature, command, …',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, unique, kebab-case key, e.g. `containerd`.' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    kind: t.field({
      type: ConceptKindEnum,
      description: 'What sort of thing this is.',
      resolve: (c) => c.kind,
    }),
    summary: t.string({
      description: 'One to three sentences saying what it is and why it matters.',
      resolve: (c, _args, ctx) => detail(ctx, c, 'summary'),
    }),
    aliases: t.stringList({
      description: 'Other names it goes by (searchable), e.g. `dockerd`.',
      resolve: (c, _args, ctx) => detail(ctx, c, 'aliases'),
    }),
    tags: t.stringList({
      description: 'Lowercase topic tags, e.g. `networking`.',
      resolve: (c, _args, ctx) => detail(ctx, c, 'tags'),
    }),
    background: t.boolean({
      description:
        'True for background knowledge the notes assume without naming it (the Linux kernel, a process, …).',
      resolve: (c, _args, ctx) => detail(ctx, c, 'background'),
    }),
    bottleneckScore: t.int({
      nullable: true,
      description:
        'How many concepts transitively REQUIRE or DEPEND_ON this one: a measure of how much rests on it. ' +
        'Computed by the loader; null on generated (synthetic) graphs.',
      resolve: (c, _args, ctx) => detail(ctx, c, 'bottleneck'),
    }),
  }),
});

builder.queryField('concept', (t) =>
  t.field({
    type: ConceptRef,
    nullable: true,
    description: 'The concept with this slug. Unknown slug: error `CONCEPT_NOT_FOUND` with suggestions.',
    args: { slug: t.arg.string({ description: 'The concept slug, e.g. `containerd`.' }) },
    resolve: async (_root, { slug }, ctx) => (await requireConcepts(ctx, [slug], 'slug'))[0] ?? null,
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
      'All concepts, filtered and ordered, one page at a time (Relay; 0-100 per page, 20 by default).',
    complexity: (args) => ({
      field: 5,
      multiplier: requested(args.last ?? args.first ?? 20, LIMITS.pageSize, 10),
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
    resolve: async (_root, args, ctx) => {
      const ordering = args.orderBy;
      const request = pageRequest(args, `concepts:${ordering}`, CONCEPT_ORDERINGS[ordering].length);
      const filter = args.filter ?? {};
      if (filter.chapter != null) bounded('filter.chapter', filter.chapter, { min: 1, max: 99 });
      const page = await listConcepts(ctx.db, { filter, ordering, ...request });
      return {
        ...toConnection(
          page.concepts,
          request,
          `concepts:${ordering}`,
          (c) => sortKeyOf(c, ordering),
          page.more,
        ),
        totalCount: page.total,
      };
    },
  }),
);
