/** Learning paths and the study fringe: the Metacademy-style questions a learner asks. */
import type { FringeConcept } from '../graph/learning.ts';
import type { LearningPlan, LearningStep, SkippedConcept } from '../service/learning-plan.ts';
import { LIMITS } from '../service/limits.ts';
import { builder, requested } from './builder.ts';
import { ConceptRef } from './concept.ts';
import { RelationRef } from './relation.ts';

const LearningStepRef = builder.objectRef<LearningStep>('LearningStep').implement({
  description: 'One concept to study, in order.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: '1-based place in the study order.' }),
    concept: t.field({ type: ConceptRef, description: 'What to study.', resolve: (s) => s.concept }),
    isGoal: t.exposeBoolean('isGoal', { description: 'True when this step is one of the goals.' }),
    neededFor: t.field({
      type: [ConceptRef],
      description: 'The goals that need this step (a goal needs itself).',
      resolve: (s) => s.neededFor,
    }),
    via: t.field({
      type: [RelationRef],
      description:
        'The prerequisite relationships (REQUIRES, IS_A) from later steps or goals that put this concept on the path.',
      resolve: (s) => s.via,
    }),
    cumulativeMinutes: t.exposeInt('cumulativeMinutes', {
      description:
        'Estimated study time of this step and every step before it, in minutes (a running total of ' +
        '`concept.estimatedMinutes`; steps without an estimate count 0).',
    }),
  }),
});

const SkipReasonEnum = builder.enumType('SkipReason', {
  description: 'Why a prerequisite of the goals is not a step.',
  values: {
    KNOWN: { description: 'The learner listed it in `known`.' },
    IMPLIED: { description: 'A concept the learner knows requires it (transitively), so they know it too.' },
  },
});

const SkippedRef = builder.objectRef<SkippedConcept>('SkippedConcept').implement({
  description: 'A prerequisite of the goals the learner already knows.',
  fields: (t) => ({
    concept: t.field({ type: ConceptRef, description: 'The concept skipped.', resolve: (s) => s.concept }),
    reason: t.field({ type: SkipReasonEnum, description: 'Why it is skipped.', resolve: (s) => s.reason }),
  }),
});

const LearningPathRef = builder.objectRef<LearningPlan>('LearningPath').implement({
  description: 'What to study, in order, to understand the goals.',
  fields: (t) => ({
    goals: t.field({ type: [ConceptRef], description: 'The goals, as asked.', resolve: (p) => p.goals }),
    steps: t.field({
      type: [LearningStepRef],
      description:
        'Every missing prerequisite of the goals, and the goals themselves unless known, prerequisites first ' +
        '(ties: earlier chapter, then name).',
      resolve: (p) => p.steps,
    }),
    totalSteps: t.int({ description: 'Number of steps.', resolve: (p) => p.steps.length }),
    estimatedMinutes: t.exposeInt('estimatedMinutes', {
      description:
        'Estimated study time of the whole plan, in minutes: the sum of its steps’ `estimatedMinutes` ' +
        '(steps without an estimate count 0).',
    }),
    skipped: t.field({
      type: [SkippedRef],
      description:
        'Prerequisites left out because the learner knows them or knowledge they have implies them.',
      resolve: (p) => p.skipped,
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True if the goals need more concepts than one path may hold (2000).',
    }),
  }),
});

const NextConceptRef = builder.objectRef<FringeConcept>('NextConcept').implement({
  description: 'A concept the learner can study now: all of its prerequisites are known.',
  fields: (t) => ({
    concept: t.field({ type: ConceptRef, description: 'The concept.', resolve: (n) => n.concept }),
    unlocks: t.exposeInt('unlocks', {
      description:
        'How many concepts become studyable once this one is learnt (it is their last missing prerequisite).',
    }),
  }),
});

/** Cost of each slug in a `known` list (see `learningPath`'s complexity). */
const KNOWN_SLUG_COST = 10;

builder.queryFields((t) => ({
  learningPath: t.field({
    type: LearningPathRef,
    description:
      'A study plan for the goals: every prerequisite not yet known, in an order where each comes after its own ' +
      'prerequisites. What the learner knows, and everything that knowledge implies, is skipped.',
    // A plan holds up to 2000 steps, usually a few dozen: its lists count ×50, each goal adds work.
    // Each goal adds a closure to walk. Each known slug is sent, matched and checked: 500 of them
    // take ~12 ms of the server in one plan, as much as a page of 50 concepts with their lists
    // (4,415 points), hence 10 points a slug (it was 1 per 5: the cost model let 15 such plans
    // through as 3,675 points, ~180 ms of work).
    complexity: (args) => ({
      field:
        100 +
        20 * requested(args.goals?.length, LIMITS.goals) +
        KNOWN_SLUG_COST * requested(args.known?.length, LIMITS.known),
      multiplier: 5,
    }),
    args: {
      goals: t.arg.stringList({ description: 'Slugs of the concepts to understand (1-20).' }),
      known: t.arg.stringList({
        defaultValue: [],
        description: 'Slugs the learner already understands (0-500).',
      }),
    },
    resolve: (_root, args, ctx) => ctx.graph.learningPath(args.goals, args.known),
  }),
  nextToLearn: t.field({
    type: [NextConceptRef],
    description:
      'The fringe of what the learner knows: concepts not yet known whose prerequisites are all known, ' +
      'ranked by how many concepts each unlocks (then by bottleneck score, chapter and name).',
    // Ranking the fringe reads every concept and its prerequisites: a whole-graph question.
    complexity: (args) => ({
      field:
        300 +
        10 * requested(args.goals?.length, LIMITS.nextGoals) +
        KNOWN_SLUG_COST * requested(args.known?.length, LIMITS.known),
      multiplier: requested(args.first, LIMITS.nextFirst),
    }),
    args: {
      known: t.arg.stringList({ description: 'Slugs the learner already understands (0-500).' }),
      goals: t.arg.stringList({
        required: false,
        description:
          'Slugs the learner is working toward (0-20): only concepts on the way to them are suggested, ' +
          'ranked by what they unlock on that way.',
      }),
      first: t.arg.int({ defaultValue: 10, description: 'How many suggestions (1-50).' }),
    },
    resolve: (_root, args, ctx) => ctx.graph.nextToLearn(args.known, args),
  }),
}));
