/** Graph health for curators: counts, bottlenecks and the integrity report. */
import type { GraphStats, IntegrityReport } from '../graph/health.ts';
import { LIMITS } from '../service/limits.ts';
import { builder, requested } from './builder.ts';
import { ConceptKindEnum, ConceptRef } from './concept.ts';
import { RelationTypeEnum } from './relation.ts';

const KindCountRef = builder.objectRef<{ kind: string; count: number }>('KindCount').implement({
  description: 'How many concepts have a kind.',
  fields: (t) => ({
    kind: t.field({ type: ConceptKindEnum, description: 'The kind.', resolve: (k) => k.kind as never }),
    count: t.exposeInt('count', { description: 'Number of concepts.' }),
  }),
});

const TypeCountRef = builder.objectRef<{ type: string; count: number }>('TypeCount').implement({
  description: 'How many relationships have a type.',
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, description: 'The type.', resolve: (c) => c.type as never }),
    count: t.exposeInt('count', { description: 'Number of relationships.' }),
  }),
});

const GraphStatsRef = builder.objectRef<GraphStats>('GraphStats').implement({
  description: 'Size and shape of the graph.',
  fields: (t) => ({
    concepts: t.exposeInt('concepts', { description: 'Number of concepts.' }),
    relations: t.exposeInt('relations', { description: 'Number of relationships between concepts.' }),
    chapters: t.exposeInt('chapters', { description: 'Number of chapters.' }),
    byKind: t.field({ type: [KindCountRef], description: 'Concepts per kind.', resolve: (s) => s.byKind }),
    byType: t.field({
      type: [TypeCountRef],
      description: 'Relationships per type.',
      resolve: (s) => s.byType,
    }),
    loadedAt: t.exposeString('loadedAt', {
      nullable: true,
      description: 'When the loader last wrote the graph (ISO 8601).',
    }),
    checksum: t.exposeString('checksum', {
      nullable: true,
      description: 'Digest of the loaded content; changes with every content change.',
    }),
    bottlenecks: t.field({
      type: [ConceptRef],
      description: 'The concepts with the highest bottleneck score: what most of the graph rests on.',
      args: { first: t.arg.int({ defaultValue: 10, description: 'How many (1-50).' }) },
      complexity: (args) => ({ field: 5, multiplier: requested(args.first, LIMITS.bottlenecksFirst) }),
      resolve: (_stats, args, ctx) => ctx.graph.bottlenecks(args.first),
    }),
  }),
});

const CycleRef = builder.objectRef<IntegrityReport['cycles'][number]>('Cycle').implement({
  description: 'A cycle in a relationship type that must be acyclic.',
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, description: 'The relationship type.', resolve: (c) => c.type }),
    slugs: t.exposeStringList('slugs', {
      description: 'The concepts around the cycle; the first is repeated at the end.',
    }),
  }),
});

const RedundantRef = builder
  .objectRef<IntegrityReport['redundantRequires'][number]>('RedundantPrerequisite')
  .implement({
    description: 'A REQUIRES relationship already implied by a longer chain of REQUIRES.',
    fields: (t) => ({
      from: t.exposeString('from', { description: 'Slug of the concept with the redundant prerequisite.' }),
      to: t.exposeString('to', { description: 'Slug of the prerequisite.' }),
      via: t.exposeString('via', {
        description: 'Slug of a direct prerequisite through which `to` is already required.',
      }),
    }),
  });

const IntegrityRef = builder.objectRef<IntegrityReport>('IntegrityReport').implement({
  description: 'Problems in the stored graph. Every list is empty on a healthy graph (ours is).',
  fields: (t) => ({
    ok: t.boolean({
      description: 'True when every list below is empty.',
      resolve: (r) =>
        !r.cycles.length && !r.orphans.length && !r.redundantRequires.length && !r.uncoveredChapters.length,
    }),
    cycles: t.field({
      type: [CycleRef],
      description: 'Cycles in REQUIRES, DEPENDS_ON, PART_OF or EVOLVED_FROM.',
      resolve: (r) => r.cycles,
    }),
    orphans: t.field({
      type: [ConceptRef],
      description: 'Concepts with no relationship at all (at most 100).',
      resolve: (r) => r.orphans,
    }),
    redundantRequires: t.field({
      type: [RedundantRef],
      description: 'REQUIRES relationships implied by other REQUIRES chains.',
      resolve: (r) => r.redundantRequires,
    }),
    uncoveredChapters: t.exposeIntList('uncoveredChapters', { description: 'Chapters no concept cites.' }),
  }),
});

builder.queryFields((t) => ({
  graphStats: t.field({
    type: GraphStatsRef,
    description: 'Counts by kind and type, and the biggest bottlenecks.',
    // Counts over the whole graph.
    complexity: 300,
    resolve: (_r, _a, ctx) => ctx.graph.graphStats(),
  }),
  integrity: t.field({
    type: IntegrityRef,
    description: 'The integrity report: cycles, orphans, redundant prerequisites, uncovered chapters.',
    // Whole-graph scans (cycles, redundant edges): the dearest question the API answers.
    complexity: 1_000,
    resolve: (_r, _a, ctx) => ctx.graph.integrity(),
  }),
}));
