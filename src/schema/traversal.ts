/**
 * Transitive questions: prerequisites, impact, shortest path and neighbourhood. Every size-like
 * argument is capped (see `limits.ts`) and checked before any Cypher runs; every answer says
 * when it was cut short.
 */
import type { Reached } from '../graph/traversals.ts';
import type { PathAnswer, Subgraph, Traversal } from '../service/graph-service.ts';
import { LIMITS } from '../service/limits.ts';
import { builder, requested } from './builder.ts';
import { ConceptRef } from './concept.ts';
import { closureSelection } from './concept-selection.ts';
import { slugsOfConceptIds } from './node.ts';
import { DirectionEnum, RelationRef, RelationTypeEnum } from './relation.ts';

const ReachedRef = builder.objectRef<Reached>('ReachedConcept').implement({
  description:
    'A concept reached by a traversal, with how far away it is and the relationship that reached it.',
  fields: (t) => ({
    concept: t.field({ type: ConceptRef, description: 'The concept reached.', resolve: (r) => r.concept }),
    depth: t.exposeInt('depth', {
      description: 'Hops from the start along the shortest route (1 = direct).',
    }),
    via: t.field({
      type: RelationRef,
      description: 'The last relationship of that route.',
      resolve: (r) => r.via,
    }),
  }),
});

const TraversalRef = builder.objectRef<Traversal>('Traversal').implement({
  description: 'The concepts a transitive traversal reached from one concept.',
  fields: (t) => ({
    start: t.field({
      type: ConceptRef,
      description: 'The concept the traversal started from.',
      resolve: (r) => r.start,
    }),
    concepts: t.field({
      type: [ReachedRef],
      description: 'The concepts reached (order: see the query field).',
      resolve: (r) => r.concepts,
    }),
    edges: t.field({
      type: [RelationRef],
      description:
        'Every followed relationship among the start and the concepts reached: draw them as a graph. ' +
        'Sorted by `fromSlug`, then `type`, then `toSlug`.',
      resolve: (r) => r.edges,
    }),
    count: t.int({
      description: 'Number of concepts reached (after truncation).',
      resolve: (r) => r.concepts.length,
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when `limit` cut the list: more concepts are reachable.',
    }),
    maxDepth: t.exposeInt('maxDepth', { description: 'The depth bound the traversal used.' }),
  }),
});

builder.queryFields((t) => ({
  prerequisites: t.field({
    type: TraversalRef,
    description:
      'Everything to understand before `slug`: the transitive closure over REQUIRES and IS_A (the general idea before the instance), in a valid study order ' +
      '(each concept after its own prerequisites; ties by chapter, then name), each with its depth and the edge that brought it in.',
    // The search reads up to `limit` concepts whatever the selection: that work counts on its own.
    complexity: (args) => ({
      field:
        10 * requested(args.maxDepth, LIMITS.prerequisiteDepth) +
        requested(args.limit, LIMITS.traversalLimit),
      multiplier: requested(args.limit, LIMITS.traversalLimit, 10),
    }),
    args: {
      slug: t.arg.string({ description: 'The concept to learn.' }),
      maxDepth: t.arg.int({
        defaultValue: 10,
        description: 'How many prerequisite (REQUIRES, IS_A) hops to follow (1-10).',
      }),
      limit: t.arg.int({ defaultValue: 500, description: 'At most this many concepts (1-1000).' }),
    },
    resolve: (_root, args, ctx, info) => ctx.graph.prerequisites(args.slug, args, closureSelection(info)),
  }),
  impact: t.field({
    type: TraversalRef,
    description:
      'What transitively rests on `slug`: the concepts that reach it through incoming relationships of `types` ' +
      '(by default REQUIRES, IS_A and DEPENDS_ON: what must be relearned or may break when it changes), nearest first.',
    complexity: (args) => ({
      field: 10 * requested(args.maxDepth, LIMITS.impactDepth) + requested(args.limit, LIMITS.traversalLimit),
      multiplier: requested(args.limit, LIMITS.traversalLimit, 10),
    }),
    args: {
      slug: t.arg.string({ description: 'The concept that changes.' }),
      types: t.arg({
        type: [RelationTypeEnum],
        required: false,
        description: 'Relationship types to follow backwards (default REQUIRES, IS_A, DEPENDS_ON).',
      }),
      maxDepth: t.arg.int({ defaultValue: 5, description: 'How many hops to follow (1-10).' }),
      limit: t.arg.int({ defaultValue: 500, description: 'At most this many concepts (1-1000).' }),
    },
    resolve: (_root, args, ctx, info) => ctx.graph.impact(args.slug, args, closureSelection(info)),
  }),
}));

const PathRef = builder.objectRef<NonNullable<PathAnswer['path']>>('Path').implement({
  description:
    'A route through the graph: concepts in order, and the relationships between consecutive ones.',
  fields: (t) => ({
    length: t.int({ description: 'Number of relationships on the path.', resolve: (p) => p.edges.length }),
    nodes: t.field({
      type: [ConceptRef],
      description: 'The concepts from `from` to `to`, in order.',
      resolve: (p) => p.nodes,
    }),
    edges: t.field({
      type: [RelationRef],
      description: 'edges[i] links nodes[i] and nodes[i+1]; its own `from`/`to` give the stored direction.',
      resolve: (p) => p.edges,
    }),
  }),
});

const PathMissEnum = builder.enumType('PathMiss', {
  description: 'Why `path` found no path.',
  values: {
    NO_PATH_WITHIN_LIMIT: {
      description: 'No path of at most `maxLength` relationships of the given types and direction.',
    },
  },
});

const PathResultRef = builder.objectRef<PathAnswer>('PathResult').implement({
  description: 'The answer to `path`: the shortest path, or null with the reason.',
  fields: (t) => ({
    from: t.field({ type: ConceptRef, description: 'Start concept.', resolve: (r) => r.from }),
    to: t.field({ type: ConceptRef, description: 'End concept.', resolve: (r) => r.to }),
    path: t.field({
      type: PathRef,
      nullable: true,
      description: 'A shortest path; null when there is none.',
      resolve: (r) => r.path,
    }),
    reason: t.field({
      type: PathMissEnum,
      nullable: true,
      description: 'Why there is no path; null when there is one.',
      resolve: (r) => (r.path ? null : 'NO_PATH_WITHIN_LIMIT'),
    }),
    maxLength: t.exposeInt('maxLength', { description: 'The length bound used.' }),
  }),
});

const SubgraphNodeRef = builder.objectRef<Subgraph['nodes'][number]>('SubgraphNode').implement({
  description: 'A concept of a subgraph and its distance from the centre.',
  fields: (t) => ({
    concept: t.field({ type: ConceptRef, description: 'The concept.', resolve: (n) => n.concept }),
    depth: t.exposeInt('depth', { description: 'Hops from the centre (0 for the centre itself).' }),
  }),
});

const SubgraphRef = builder.objectRef<Subgraph>('Subgraph').implement({
  description:
    'A piece of the graph ready to draw as a concept map: nodes, the edges between them, and whether it was cut.',
  fields: (t) => ({
    center: t.field({
      type: ConceptRef,
      description: 'The concept the subgraph is centred on.',
      resolve: (s) => s.center,
    }),
    nodes: t.field({
      type: [SubgraphNodeRef],
      description: 'The concepts, nearest first (the centre first unless excluded).',
      resolve: (s) => s.nodes,
    }),
    edges: t.field({
      type: [RelationRef],
      description:
        'Relationships between returned concepts, and between them and the excluded (already held) ones. ' +
        'Sorted by `fromSlug`, then `type`, then `toSlug`.',
      resolve: (s) => s.edges,
    }),
    truncated: t.exposeBoolean('truncated', { description: 'True when `limit` cut the node list.' }),
  }),
});

builder.queryFields((t) => ({
  path: t.field({
    type: PathResultRef,
    description: 'A shortest path between two concepts along the given relationship types (all by default).',
    // A breadth-first search grows with the length bound; the path itself holds at most 13 nodes.
    complexity: (args) => ({ field: 10 * requested(args.maxLength, LIMITS.pathLength), multiplier: 2 }),
    args: {
      from: t.arg.string({ description: 'Slug of the start concept.' }),
      to: t.arg.string({ description: 'Slug of the end concept.' }),
      types: t.arg({
        type: [RelationTypeEnum],
        required: false,
        description: 'Relationship types to follow (all when omitted).',
      }),
      direction: t.arg({
        type: DirectionEnum,
        defaultValue: 'BOTH',
        description:
          'OUTGOING follows relationships as stored (from → to), INCOMING against, BOTH either way.',
      }),
      maxLength: t.arg.int({
        defaultValue: 8,
        description: 'Longest path considered, in relationships (1-12).',
      }),
    },
    resolve: (_root, args, ctx) => ctx.graph.path(args.from, args.to, args),
  }),
  neighborhood: t.field({
    type: SubgraphRef,
    description:
      'The concepts within `depth` hops of `slug` and the relationships among them, for a concept map. ' +
      'Pass the IDs a client already holds as `exclude` to receive only what is new (expand a node).',
    complexity: (args) => ({
      field:
        10 * 4 ** (requested(args.depth, LIMITS.neighborhoodDepth) - 1) +
        requested(args.limit, LIMITS.neighborhoodLimit) +
        requested(args.exclude?.length, LIMITS.exclude, 10),
      multiplier: requested(args.limit, LIMITS.neighborhoodLimit, 10),
    }),
    args: {
      slug: t.arg.string({ description: 'The centre concept.' }),
      depth: t.arg.int({ defaultValue: 1, description: 'Hops from the centre (1-3).' }),
      types: t.arg({
        type: [RelationTypeEnum],
        required: false,
        description: 'Relationship types to follow (all when omitted).',
      }),
      limit: t.arg.int({
        defaultValue: 100,
        description: 'At most this many concepts besides the centre (1-500).',
      }),
      exclude: t.arg({
        type: ['ID'],
        required: false,
        description:
          'Concept IDs (global IDs or slugs) the client already has: not returned again, but edges to them are.',
      }),
    },
    resolve: (_root, args, ctx) =>
      ctx.graph.neighborhood(args.slug, {
        ...args,
        exclude: slugsOfConceptIds('exclude', args.exclude ?? []),
      }),
  }),
}));
