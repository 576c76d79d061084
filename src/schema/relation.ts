/**
 * Relationships: the `Relation` type, its type and direction enums, and the fields on `Concept`
 * that follow them — a paginated `relations` connection (batched per field over the whole page)
 * and one plain list per common question (`dependsOn`, `requiredBy`, …), which together with
 * `degree` share a single query per page.
 */
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import type { Context } from '../context.ts';
import { RELATION_TYPE_NAMES, RELATION_TYPES, type Relation, type RelationType } from '../domain.ts';
import {
  type ConceptNeighbours,
  type ConceptRelation,
  listOf,
  neighbourLists,
  relationKeyOf,
  relationPages,
} from '../graph/relations.ts';
import { builder, requested } from './builder.ts';
import { ChapterRef } from './chapter.ts';
import { ConceptRef } from './concept.ts';
import { LIMITS } from './limits.ts';
import { type ConnectionArgs, pageRequest, toConnection } from './pagination.ts';

export const RelationTypeEnum = builder.enumType('RelationType', {
  description:
    'The kinds of relationship between concepts. REQUIRES, DEPENDS_ON, PART_OF and EVOLVED_FROM are acyclic.',
  values: Object.fromEntries(
    RELATION_TYPE_NAMES.map((name) => [name, { description: RELATION_TYPES[name].description }]),
  ) as Record<RelationType, { description: string }>,
});

export const DirectionEnum = builder.enumType('Direction', {
  description: 'Which way relationships are followed from a concept.',
  values: {
    OUTGOING: { description: 'From the concept to others (containerd DEPENDS_ON the shim).' },
    INCOMING: { description: 'From others to the concept (the Engine DEPENDS_ON containerd).' },
    BOTH: { description: 'Either way.' },
  },
});

export const RelationRef = builder.objectRef<Relation>('Relation');
RelationRef.implement({
  description:
    'A directed relationship as curated: `from` TYPE `to` (containerd DEPENDS_ON containerd-shim).',
  fields: (t) => ({
    id: t.id({
      description: 'Stable key of the relationship: `from|TYPE|to`.',
      resolve: (r) => `${r.from}|${r.type}|${r.to}`,
    }),
    type: t.field({ type: RelationTypeEnum, description: 'Kind of relationship.', resolve: (r) => r.type }),
    from: t.field({
      type: ConceptRef,
      description: 'The concept the relationship starts from.',
      resolve: (r) => r.from,
    }),
    to: t.field({
      type: ConceptRef,
      description: 'The concept the relationship points to.',
      resolve: (r) => r.to,
    }),
    fromSlug: t.exposeString('from', { description: 'Slug of `from`, without loading it.' }),
    toSlug: t.exposeString('to', { description: 'Slug of `to`, without loading it.' }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'Why the relationship holds, in a sentence.',
    }),
    chapter: t.field({
      type: ChapterRef,
      nullable: true,
      description: 'The chapter that states the relationship, when known.',
      resolve: (r) => r.chapter,
    }),
  }),
});

const RelationConnection = builder.connectionObject(
  {
    type: RelationRef,
    name: 'RelationConnection',
    description:
      'A page of a concept’s relationships, ordered by type, direction, then the other concept’s name.',
    fields: (t) => ({
      totalCount: t.int({
        description: 'How many relationships match, across all pages.',
        resolve: (connection) => (connection as unknown as { totalCount: number }).totalCount,
      }),
    }),
  },
  {
    name: 'RelationEdge',
    description: 'One relationship of the concept, seen from it.',
    fields: (t) => ({
      direction: t.field({
        type: DirectionEnum,
        description: 'OUTGOING when the concept is `from`, INCOMING when it is `to`.',
        resolve: (edge) => (edge as unknown as ConceptRelation).direction,
      }),
      other: t.field({
        type: ConceptRef,
        description: 'The concept at the other end.',
        resolve: (edge) => (edge as unknown as ConceptRelation).other,
      }),
    }),
  },
);

const RELATIONS_ORDERING = 'relations';

builder.objectFields(ConceptRef, (t) => ({
  relations: t.loadable({
    type: RelationConnection,
    byPath: true,
    description: 'This concept’s relationships, paginated (Relay). Batched over all concepts of a page.',
    complexity: (args) => ({
      field: 2,
      multiplier: requested(args.last ?? args.first ?? 20, LIMITS.pageSize, 10),
    }),
    args: {
      ...t.arg.connectionArgs(),
      direction: t.arg({
        type: DirectionEnum,
        defaultValue: 'BOTH',
        description: 'Which way to follow relationships.',
      }),
      types: t.arg({
        type: [RelationTypeEnum],
        required: false,
        description: 'Only these types (all when omitted).',
      }),
    },
    load: async (slugs: string[], ctx, args) => {
      const request = pageRequest(args as ConnectionArgs, RELATIONS_ORDERING, 4);
      const pages = await relationPages(ctx.db, slugs, {
        ...request,
        direction: args.direction,
        types: args.types?.length ? args.types : RELATION_TYPE_NAMES,
      });
      return pages.map((page) => ({
        ...toConnection(page.relations, request, RELATIONS_ORDERING, relationKeyOf, page.more, (r) => ({
          node: r.relation,
          direction: r.direction,
          other: r.other,
        })),
        totalCount: page.total,
      }));
    },
    resolve: (concept) => concept.slug,
  }),
  degree: t.int({
    description: 'Number of relationships this concept takes part in, either way.',
    resolve: async (concept, _args, ctx) => (await neighbours(ctx).load({ slug: concept.slug })).degree,
  }),
}));

/** At most this many concepts in a convenience list; use `relations` to page through more. */
export const RELATED_LIST_LIMIT = 100;

/**
 * One loader per request behind `degree` and every plain list below: however many of those fields
 * a page of concepts asks for, they cost one query together. A key is a slug and the relationship
 * type a field needs (none for `degree`); the batch reads each slug's lists of every type asked for.
 */
const neighbours = createContextCache(
  (ctx: Context) =>
    new DataLoader(
      async (keys: readonly { slug: string; type?: RelationType }[]) => {
        const slugs = [...new Set(keys.map((k) => k.slug))];
        const types = [...new Set(keys.flatMap((k) => (k.type ? [k.type] : [])))];
        const lists = await neighbourLists(ctx.db, slugs, types, RELATED_LIST_LIMIT);
        const bySlug = new Map(slugs.map((slug, i) => [slug, lists[i] as ConceptNeighbours]));
        return keys.map((k) => bySlug.get(k.slug) as ConceptNeighbours);
      },
      { cacheKeyFn: (k) => `${k.slug}|${k.type ?? ''}` },
    ),
);

const relatedLists: [string, RelationType, 'OUTGOING' | 'INCOMING' | 'BOTH', string][] = [
  ['dependsOn', 'DEPENDS_ON', 'OUTGOING', 'What this concept needs to work (DEPENDS_ON).'],
  ['dependents', 'DEPENDS_ON', 'INCOMING', 'What needs this concept to work (incoming DEPENDS_ON).'],
  ['requires', 'REQUIRES', 'OUTGOING', 'Direct learning prerequisites: study these first (REQUIRES).'],
  ['requiredBy', 'REQUIRES', 'INCOMING', 'Concepts for which this one is a direct prerequisite.'],
  ['partOf', 'PART_OF', 'OUTGOING', 'What this concept is a component of.'],
  ['parts', 'PART_OF', 'INCOMING', 'The components of this concept.'],
  ['implements', 'IMPLEMENTS', 'OUTGOING', 'Specifications or models this concept implements.'],
  ['implementedBy', 'IMPLEMENTS', 'INCOMING', 'What implements this specification or model.'],
  ['uses', 'USES', 'OUTGOING', 'What this concept makes use of.'],
  ['usedBy', 'USES', 'INCOMING', 'What makes use of this concept.'],
  ['manages', 'MANAGES', 'OUTGOING', 'What this concept manages the lifecycle of.'],
  ['managedBy', 'MANAGES', 'INCOMING', 'What manages the lifecycle of this concept.'],
  ['operatesOn', 'OPERATES_ON', 'OUTGOING', 'What this command acts on.'],
  ['operatedOnBy', 'OPERATES_ON', 'INCOMING', 'Commands that act on this concept.'],
  ['evolvedFrom', 'EVOLVED_FROM', 'OUTGOING', 'What this concept succeeded.'],
  ['evolvedInto', 'EVOLVED_FROM', 'INCOMING', 'What succeeded this concept.'],
  ['alternatives', 'ALTERNATIVE_TO', 'BOTH', 'Alternatives to this concept.'],
  ['related', 'RELATED_TO', 'BOTH', 'Loosely related concepts.'],
];

builder.objectFields(ConceptRef, (t) =>
  Object.fromEntries(
    relatedLists.map(([field, type, direction, description]) => [
      field,
      t.field({
        type: [ConceptRef],
        description: `${description} By name; at most ${RELATED_LIST_LIMIT} (page with \`relations\` for more).`,
        // Cost multiplier: the expected fan-out. Outgoing lists are short (a concept requires or
        // uses a few others); incoming and symmetric ones can reach the cap on a hub.
        complexity: { field: 1, multiplier: direction === 'OUTGOING' ? 3 : 10 },
        resolve: async (concept, _args, ctx) =>
          listOf(
            await neighbours(ctx).load({ slug: concept.slug, type }),
            type,
            direction,
            RELATED_LIST_LIMIT,
          ),
      }),
    ]),
  ),
);
