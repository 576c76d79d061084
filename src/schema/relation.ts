/**
 * Relationships: the `Relation` type, its type and direction enums, and the fields on `Concept`
 * that follow them — a paginated `relations` connection (batched per field over the whole page)
 * and one plain list per common question (`dependsOn`, `requiredBy`, …: `PLAIN_LISTS`), which
 * together with `degree` are read by the query that returned the concepts, or share a single
 * query per page when that query could not.
 */
import { RELATION_TYPE_NAMES, RELATION_TYPES, type Relation, type RelationType } from '../domain.ts';
import { type ConceptRelation, PLAIN_LISTS } from '../graph/relations.ts';
import { listKey, RELATED_LIST_LIMIT } from '../graph/selection.ts';
import { LIMITS } from '../service/limits.ts';
import { builder, requested } from './builder.ts';
import { ChapterRef } from './chapter.ts';
import { ConceptRef } from './concept.ts';

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
      resolve: (r, _args, ctx) => ctx.graph.concept(r.from),
    }),
    to: t.field({
      type: ConceptRef,
      description: 'The concept the relationship points to.',
      resolve: (r, _args, ctx) => ctx.graph.concept(r.to),
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
      resolve: (r, _args, ctx) => (r.chapter === null ? null : ctx.graph.chapterOrNull(r.chapter)),
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

builder.objectFields(ConceptRef, (t) => ({
  relations: t.field({
    type: RelationConnection,
    description:
      'This concept’s relationships, paginated (Relay). Batched over all concepts of a page: the same ' +
      'arguments on every concept of a page cost one query.',
    complexity: (args) => ({
      field: 2,
      multiplier: requested(args.first ?? args.last ?? 20, LIMITS.pageSize, 10),
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
    resolve: (concept, args, ctx) => ctx.graph.relations(concept.slug, args),
  }),
  degree: t.int({
    description: 'Number of relationships this concept takes part in, either way.',
    resolve: (concept, _args, ctx) => ctx.graph.degree(concept.slug),
  }),
}));

builder.objectFields(ConceptRef, (t) =>
  Object.fromEntries(
    PLAIN_LISTS.map(([field, type, direction, description]) => {
      const list = { type, direction };
      const key = listKey(list);
      return [
        field,
        t.field({
          type: [ConceptRef],
          description: `${description} By name; at most ${RELATED_LIST_LIMIT} (page with \`relations\` for more).`,
          // Cost multiplier: the expected fan-out. Outgoing lists are short (a concept requires or
          // uses a few others); incoming and symmetric ones can reach the cap on a hub.
          complexity: { field: 1, multiplier: direction === 'OUTGOING' ? 3 : 10 },
          resolve: (concept, _args, ctx) => ctx.graph.neighbours(concept.slug, list, key),
        }),
      ];
    }),
  ),
);
