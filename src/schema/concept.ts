/** The `Concept` type, its kind enum, and the root fields that look concepts up. */

import type { Context } from '../context.ts';
import { CONCEPT_KINDS } from '../domain.ts';
import { conceptNotFound } from '../errors.ts';
import { findConceptsBySlugs, suggestSlugs } from '../graph/concepts.ts';
import type { StoredConcept } from '../graph/records.ts';
import { builder } from './builder.ts';

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
  id: { resolve: (concept: StoredConcept) => concept.slug, parse: (id) => id },
  load: async (slugs: string[], ctx: Context) => {
    const found = await findConceptsBySlugs(ctx.db, slugs);
    return found.map((concept, i) => concept ?? new UnknownSlug(slugs[i] as string));
  },
  cacheResolved: (concept) => concept.slug,
});

/** Loads concepts by slug; unknown slugs become one CONCEPT_NOT_FOUND error with suggestions. */
export async function requireConcepts(
  ctx: Context,
  slugs: readonly string[],
  argument: string,
): Promise<StoredConcept[]> {
  const loaded = await ConceptRef.getDataloader(ctx).loadMany(slugs);
  const missing = slugs.filter((_, i) => loaded[i] instanceof Error);
  if (missing.length > 0) {
    const suggestions = await Promise.all(missing.map((slug) => suggestSlugs(ctx.db, slug)));
    throw conceptNotFound(
      missing.map((slug, i) => ({ slug, suggestions: suggestions[i] ?? [] })),
      argument,
    );
  }
  return loaded as StoredConcept[];
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
    summary: t.exposeString('summary', {
      description: 'One to three sentences saying what it is and why it matters.',
    }),
    aliases: t.exposeStringList('aliases', {
      description: 'Other names it goes by (searchable), e.g. `dockerd`.',
    }),
    tags: t.exposeStringList('tags', { description: 'Lowercase topic tags, e.g. `networking`.' }),
    background: t.exposeBoolean('background', {
      description:
        'True for background knowledge the notes assume without naming it (the Linux kernel, a process, …).',
    }),
    bottleneckScore: t.int({
      nullable: true,
      description:
        'How many concepts transitively REQUIRE or DEPEND_ON this one: a measure of how much rests on it. ' +
        'Computed by the loader; null on generated (synthetic) graphs.',
      resolve: (c) => c.bottleneck,
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
