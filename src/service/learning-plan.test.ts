import { describe, expect, it } from 'vitest';
import type { Relation } from '../domain.ts';
import type { PlanInputs } from '../graph/learning.ts';
import type { StoredConcept } from '../graph/records.ts';
import { buildPlan, byChapterThenName, fringeOf, studyOrder } from './learning-plan.ts';

const concept = (
  slug: string,
  firstChapter: number | null,
  estimatedMinutes: number | null = null,
  sortName = slug,
): StoredConcept => ({
  slug,
  name: slug,
  kind: 'CONCEPT',
  summary: '',
  aliases: [],
  tags: [],
  chapters: firstChapter === null ? [] : [firstChapter],
  background: false,
  estimatedMinutes,
  bottleneck: null,
  sortName,
  firstChapter,
});

/** A REQUIRES edge: `from` needs `to` first. */
const requires = (from: string, to: string): Relation => ({
  type: 'REQUIRES',
  from,
  to,
  note: null,
  chapter: null,
});

/*
 * Two goals, secrets (chapter 14) and overlay (12), over a shared base: swarm (10), container (3),
 * image (2, unestimated). The learner knows namespaces (1), which implies kernel (1).
 * `secrets > container` is redundant beside `secrets > swarm > container`.
 */
const C = {
  secrets: concept('secrets', 14, 20),
  overlay: concept('overlay', 12, 25),
  swarm: concept('swarm', 10, 30),
  container: concept('container', 3, 15),
  image: concept('image', 2, null),
  namespaces: concept('namespaces', 1, 10),
  kernel: concept('kernel', 1, 5),
};
const EDGES = [
  requires('secrets', 'swarm'),
  requires('secrets', 'container'),
  requires('swarm', 'container'),
  requires('overlay', 'container'),
  requires('container', 'image'),
  requires('container', 'namespaces'),
  requires('namespaces', 'kernel'),
];
const inputs = (overrides: Partial<PlanInputs> = {}): PlanInputs => ({
  goalsFound: new Set(['secrets', 'overlay']),
  knownFound: new Set(['namespaces']),
  knownSlugs: new Set(['namespaces', 'kernel']),
  // Deliberately not in study order: the plan must not depend on the order the graph answered.
  needed: [C.kernel, C.secrets, C.image, C.namespaces, C.overlay, C.container, C.swarm],
  edges: EDGES,
  truncated: false,
  ...overrides,
});
const slugs = (concepts: readonly StoredConcept[]) => concepts.map((c) => c.slug);

describe('learning plan', () => {
  describe('buildPlan', () => {
    const plan = buildPlan(inputs(), ['secrets', 'overlay']);
    const step = (slug: string) => plan.steps.find((s) => s.concept.slug === slug);

    it('lists the goals in the order asked', () => {
      expect(slugs(plan.goals)).toEqual(['secrets', 'overlay']);
    });

    it('studies every prerequisite before what needs it, earlier chapters first among the ready', () => {
      expect(plan.steps.map((s) => s.concept.slug)).toEqual([
        'image',
        'container',
        'swarm',
        'overlay',
        'secrets',
      ]);
    });

    it('numbers the steps from 1', () => {
      expect(plan.steps.map((s) => s.position)).toEqual([1, 2, 3, 4, 5]);
    });

    it('marks the goals among the steps', () => {
      expect(plan.steps.filter((s) => s.isGoal).map((s) => s.concept.slug)).toEqual(['overlay', 'secrets']);
    });

    it('skips what the learner knows, and what that implies, as KNOWN and IMPLIED', () => {
      expect(plan.skipped.map((s) => [s.concept.slug, s.reason])).toEqual([
        ['kernel', 'IMPLIED'],
        ['namespaces', 'KNOWN'],
      ]);
      expect(plan.steps.map((s) => s.concept.slug)).not.toContain('namespaces');
      expect(plan.steps.map((s) => s.concept.slug)).not.toContain('kernel');
    });

    it('says which goals need each step (a goal needs itself), in the order of the goals', () => {
      expect(slugs(step('secrets')?.neededFor ?? [])).toEqual(['secrets']);
      expect(slugs(step('swarm')?.neededFor ?? [])).toEqual(['secrets']);
      expect(slugs(step('overlay')?.neededFor ?? [])).toEqual(['overlay']);
      expect(slugs(step('container')?.neededFor ?? [])).toEqual(['secrets', 'overlay']);
      expect(slugs(step('image')?.neededFor ?? [])).toEqual(['secrets', 'overlay']);
    });

    it('gives each step the prerequisite edges that brought it in, from later steps or goals', () => {
      expect(step('container')?.via).toEqual([
        requires('secrets', 'container'),
        requires('swarm', 'container'),
        requires('overlay', 'container'),
      ]);
      expect(step('image')?.via).toEqual([requires('container', 'image')]);
      expect(step('swarm')?.via).toEqual([requires('secrets', 'swarm')]);
      expect(step('secrets')?.via).toEqual([]);
    });

    it('runs a total of study time, counting unestimated steps as 0', () => {
      expect(plan.steps.map((s) => s.cumulativeMinutes)).toEqual([0, 15, 45, 70, 90]);
    });

    it('totals the study time of the steps only, not of what is skipped', () => {
      expect(plan.estimatedMinutes).toBe(90);
    });

    it('passes truncated through', () => {
      expect(plan.truncated).toBe(false);
      expect(buildPlan(inputs({ truncated: true }), ['secrets', 'overlay']).truncated).toBe(true);
    });

    it('leaves out a goal the graph did not return', () => {
      const partial = buildPlan(inputs(), ['ghost', 'overlay']);
      expect(slugs(partial.goals)).toEqual(['overlay']);
      expect(partial.steps.map((s) => s.concept.slug)).toEqual([
        'image',
        'container',
        'swarm',
        'overlay',
        'secrets',
      ]);
      expect(slugs(partial.steps.find((s) => s.concept.slug === 'swarm')?.neededFor ?? [])).toEqual([]);
      expect(partial.steps.find((s) => s.concept.slug === 'secrets')?.isGoal).toBe(false);
    });

    it('skips a goal the learner already knows, without a step', () => {
      const known = buildPlan(
        inputs({
          goalsFound: new Set(['container']),
          knownFound: new Set(['container']),
          knownSlugs: new Set(['container', 'image', 'namespaces', 'kernel']),
          needed: [C.container, C.image, C.namespaces, C.kernel],
        }),
        ['container'],
      );
      expect(slugs(known.goals)).toEqual(['container']);
      expect(known.steps).toEqual([]);
      expect(known.estimatedMinutes).toBe(0);
      expect(known.skipped.map((s) => [s.concept.slug, s.reason])).toEqual([
        ['kernel', 'IMPLIED'],
        ['namespaces', 'IMPLIED'],
        ['image', 'IMPLIED'],
        ['container', 'KNOWN'],
      ]);
    });

    it('gives an empty plan for nothing needed', () => {
      expect(
        buildPlan(inputs({ needed: [], edges: [], knownSlugs: new Set(), knownFound: new Set() }), []),
      ).toEqual({ goals: [], steps: [], skipped: [], estimatedMinutes: 0, truncated: false });
    });

    it('places every concept of a prerequisite cycle rather than losing one', () => {
      const a = concept('a', 1, 1);
      const b = concept('b', 1, 2);
      const cyclic = buildPlan(
        inputs({
          needed: [a, b],
          edges: [requires('a', 'b'), requires('b', 'a')],
          knownSlugs: new Set(),
          knownFound: new Set(),
        }),
        ['a'],
      );
      expect(cyclic.steps.map((s) => s.concept.slug).sort()).toEqual(['a', 'b']);
      expect(cyclic.estimatedMinutes).toBe(3);
    });
  });

  describe('studyOrder', () => {
    it('orders any items by their concepts, prerequisites first', () => {
      const items = [C.secrets, C.container, C.swarm].map((c) => ({
        concept: c,
        note: c.slug.toUpperCase(),
      }));
      const ordered = studyOrder(items, (item) => item.concept, EDGES);
      expect(ordered.map((item) => item.note)).toEqual(['CONTAINER', 'SWARM', 'SECRETS']);
    });

    it('puts a prerequisite from a later chapter before what needs it', () => {
      const early = concept('early', 1);
      const late = concept('late', 9);
      expect(slugs(studyOrder([early, late], (c) => c, [requires('early', 'late')]))).toEqual([
        'late',
        'early',
      ]);
    });

    it('follows the book among independent concepts', () => {
      const items = [concept('z', 5), concept('b', 2), concept('a', 2), concept('none', null)];
      expect(slugs(studyOrder(items, (c) => c, []))).toEqual(['a', 'b', 'z', 'none']);
    });
  });

  describe('byChapterThenName', () => {
    const sorted = (concepts: StoredConcept[]) => slugs([...concepts].sort(byChapterThenName));

    it('puts earlier chapters first', () => {
      expect(sorted([concept('x', 7), concept('y', 2)])).toEqual(['y', 'x']);
    });

    it('puts concepts without a chapter after every chapter', () => {
      expect(sorted([concept('unplaced', null), concept('last', 98)])).toEqual(['last', 'unplaced']);
    });

    it('breaks a chapter tie by sort name, then by slug', () => {
      expect(sorted([concept('b', 3, null, 'beta'), concept('a', 3, null, 'gamma')])).toEqual(['b', 'a']);
      expect(sorted([concept('y', 3, null, 'same'), concept('x', 3, null, 'same')])).toEqual(['x', 'y']);
    });

    it('compares names as Neo4j does, by code unit rather than locale', () => {
      expect(sorted([concept('lower', 1, null, 'apple'), concept('upper', 1, null, 'Zebra')])).toEqual([
        'upper',
        'lower',
      ]);
    });

    it('calls equal concepts equal', () => {
      expect(byChapterThenName(concept('same', 4), concept('same', 4))).toBe(0);
    });
  });

  describe('fringeOf (next steps toward the goals, from their closure)', () => {
    const ranked = (i: PlanInputs, first = 8) =>
      fringeOf(i, first)?.map((f) => `${f.concept.slug}:${f.unlocks}`);

    it('offers what has every prerequisite known, with what it is the last missing prerequisite of', () => {
      expect(ranked(inputs())).toEqual(['image:1']);
    });

    it('ranks by what each unlocks, then chapter, and keeps the first few', () => {
      const knowing = inputs({ knownSlugs: new Set(['namespaces', 'kernel', 'image']) });
      expect(ranked(knowing)).toEqual(['container:2']);
      const both = inputs({
        knownSlugs: new Set(['namespaces', 'kernel', 'image', 'container']),
      });
      // swarm unlocks secrets; overlay (a goal) unlocks nothing; swarm comes first.
      expect(ranked(both)).toEqual(['swarm:1', 'overlay:0']);
      expect(ranked(both, 1)).toEqual(['swarm:1']);
    });

    it('gives no answer when the closure was cut short', () => {
      expect(fringeOf(inputs({ truncated: true }), 8)).toBeUndefined();
    });
  });
});
