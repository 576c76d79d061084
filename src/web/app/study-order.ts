/**
 * Concepts in an order a learner can study them: each after what it REQUIRES and the more general
 * concepts it IS_A kind of. Pure and
 * unit-tested; the roadmap sorts each chapter with it.
 */

export interface Prerequisites {
  slug: string;
  name: string;
  /** REQUIRES targets. */
  requires: readonly { slug: string }[];
  /** IS_A targets: the general idea comes before the instance. */
  isA?: readonly { slug: string }[];
}

/**
 * Each concept's level: 0 without prerequisites (REQUIRES or IS_A), else one more than its deepest
 * prerequisite (over every concept given; those outside the list count as known). Cycles, which the
 * loader refuses, would be cut rather than loop.
 */
export function studyLevels(concepts: readonly Prerequisites[]): Map<string, number> {
  const bySlug = new Map(concepts.map((c) => [c.slug, c]));
  const levels = new Map<string, number>();
  const visiting = new Set<string>();
  const level = (slug: string): number => {
    const known = levels.get(slug);
    if (known !== undefined) return known;
    const concept = bySlug.get(slug);
    if (!concept || visiting.has(slug)) return -1;
    visiting.add(slug);
    const before = [...concept.requires, ...(concept.isA ?? [])];
    const value = 1 + Math.max(-1, ...before.map((r) => level(r.slug)));
    visiting.delete(slug);
    levels.set(slug, value);
    return value;
  };
  for (const c of concepts) level(c.slug);
  return levels;
}

/** `concepts` sorted by study level, then name: a valid study order. */
function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

export function inStudyOrder<T extends { slug: string; name: string }>(
  concepts: readonly T[],
  levels: Map<string, number>,
): T[] {
  return [...concepts].sort(
    (a, b) => (levels.get(a.slug) ?? 0) - (levels.get(b.slug) ?? 0) || compareNames(a.name, b.name),
  );
}
