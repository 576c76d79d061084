/**
 * Study order and learning plans, as pure functions of what the graph answered: every
 * prerequisite before what needs it, ties broken by the book's order (earlier chapter, then name).
 */
import { prerequisitesFirst } from '../digraph.ts';
import type { Relation } from '../domain.ts';
import type { FringeConcept, PlanInputs } from '../graph/learning.ts';
import { compareText, type StoredConcept } from '../graph/records.ts';

/** Orders concepts that are ready to study: earlier chapter first, then name, then slug. */
export const byChapterThenName = (a: StoredConcept, b: StoredConcept) =>
  (a.firstChapter ?? 99) - (b.firstChapter ?? 99) ||
  compareText(a.sortName, b.sortName) ||
  compareText(a.slug, b.slug);

/** `items` in a valid study order along `edges` (prerequisite relationships among them). */
export function studyOrder<T>(items: readonly T[], conceptOf: (item: T) => StoredConcept, edges: Relation[]) {
  return prerequisitesFirst(
    items,
    (item) => conceptOf(item).slug,
    edges,
    (a, b) => byChapterThenName(conceptOf(a), conceptOf(b)),
  );
}

export interface LearningStep {
  /** 1-based place in the study order. */
  position: number;
  concept: StoredConcept;
  /** The goals that need this step (a goal needs itself). */
  neededFor: StoredConcept[];
  /** Prerequisite relationships from later steps or goals to this one: why it is on the path. */
  via: Relation[];
  isGoal: boolean;
  /** Study time of the steps up to and including this one (unestimated steps count 0). */
  cumulativeMinutes: number;
}

export interface SkippedConcept {
  concept: StoredConcept;
  /** KNOWN: the learner said so; IMPLIED: a known concept requires it (transitively). */
  reason: 'KNOWN' | 'IMPLIED';
}

export interface LearningPlan {
  goals: StoredConcept[];
  steps: LearningStep[];
  skipped: SkippedConcept[];
  /** Study time of all steps (unestimated steps count 0). */
  estimatedMinutes: number;
  truncated: boolean;
}

/** The plan for `goals` (all known to exist) given what the learner knows. */
export function buildPlan(inputs: PlanInputs, goals: readonly string[]): LearningPlan {
  const { needed, edges, knownSlugs, knownFound } = inputs;
  const bySlug = new Map(needed.map((c) => [c.slug, c]));
  const goalSet = new Set(goals);

  // Which goals need each concept: walk prerequisites forward from each goal within the needed set.
  const prerequisitesOf = new Map<string, string[]>();
  for (const edge of edges)
    prerequisitesOf.set(edge.from, [...(prerequisitesOf.get(edge.from) ?? []), edge.to]);
  const neededFor = new Map<string, StoredConcept[]>();
  for (const goal of goals) {
    const goalConcept = bySlug.get(goal);
    if (!goalConcept) continue;
    const stack = [goal];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const slug = stack.pop() as string;
      if (seen.has(slug)) continue;
      seen.add(slug);
      neededFor.set(slug, [...(neededFor.get(slug) ?? []), goalConcept]);
      stack.push(...(prerequisitesOf.get(slug) ?? []));
    }
  }

  const toStudy = needed.filter((c) => !knownSlugs.has(c.slug));
  const studying = new Set(toStudy.map((c) => c.slug));
  let minutes = 0;
  const steps = studyOrder(toStudy, (c) => c, edges).map((concept, i) => {
    minutes += concept.estimatedMinutes ?? 0;
    return {
      position: i + 1,
      concept,
      neededFor: neededFor.get(concept.slug) ?? [],
      via: edges.filter((e) => e.to === concept.slug && (studying.has(e.from) || goalSet.has(e.from))),
      isGoal: goalSet.has(concept.slug),
      cumulativeMinutes: minutes,
    };
  });
  const skipped = needed
    .filter((c) => knownSlugs.has(c.slug))
    .map((concept) => ({
      concept,
      reason: (knownFound.has(concept.slug) ? 'KNOWN' : 'IMPLIED') as SkippedConcept['reason'],
    }))
    .sort((a, b) => byChapterThenName(a.concept, b.concept));
  return {
    goals: goals.flatMap((g) => bySlug.get(g) ?? []),
    steps,
    skipped,
    estimatedMinutes: minutes,
    truncated: inputs.truncated,
  };
}

/**
 * What can be studied now on the way to the goals, ranked as `graph/learning.ts` `fringe` ranks it
 * (unlocks, then bottleneck score, chapter, name, slug), computed from the goals' closure a plan
 * is built from: the closure holds every prerequisite of its concepts, so the same answer comes
 * without a second walk of the graph. Undefined when the closure was cut short (`truncated`).
 */
export function fringeOf(inputs: PlanInputs, first: number): FringeConcept[] | undefined {
  if (inputs.truncated) return undefined;
  const { needed, edges, knownSlugs } = inputs;
  const prerequisites = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const edge of edges) {
    prerequisites.set(edge.from, [...(prerequisites.get(edge.from) ?? []), edge.to]);
    // One entry per relationship, as Cypher's COUNT of the pattern counts them.
    dependents.set(edge.to, [...(dependents.get(edge.to) ?? []), edge.from]);
  }
  const ready = (slug: string, besides?: string) =>
    !knownSlugs.has(slug) && (prerequisites.get(slug) ?? []).every((p) => p === besides || knownSlugs.has(p));
  const byCodePoints = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return needed
    .filter((c) => ready(c.slug))
    .map((concept) => ({
      concept,
      unlocks: (dependents.get(concept.slug) ?? []).filter((d) => ready(d, concept.slug)).length,
    }))
    .sort(
      (a, b) =>
        b.unlocks - a.unlocks ||
        (b.concept.bottleneck ?? 0) - (a.concept.bottleneck ?? 0) ||
        // Cypher sorts a missing chapter last.
        (a.concept.firstChapter ?? Number.POSITIVE_INFINITY) -
          (b.concept.firstChapter ?? Number.POSITIVE_INFINITY) ||
        byCodePoints(a.concept.sortName, b.concept.sortName) ||
        byCodePoints(a.concept.slug, b.concept.slug),
    )
    .slice(0, first);
}
