/**
 * Learning paths (Metacademy-style): what a learner must study before their goals, in an order
 * that puts every prerequisite first, skipping what they know and everything that knowledge
 * implies; and the fringe of what they can study next.
 */
import neo4j from 'neo4j-driver';
import { prerequisitesFirst } from '../digraph.ts';
import type { Relation } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Database } from '../neo4j/database.ts';
import {
  conceptProjection,
  relationProjection,
  type StoredConcept,
  toConcept,
  toRelation,
} from './records.ts';

/** Depth bound of the REQUIRES closure: deeper than any chain in the curated graph (~20). */
export const LEARNING_DEPTH = 30;
/** At most this many concepts are considered for one learning path. */
export const LEARNING_MAX_CONCEPTS = 2000;

export interface LearningStep {
  concept: StoredConcept;
  /** The goals that need this step (a goal needs itself). */
  neededFor: string[];
  /** REQUIRES relationships from other steps or goals to this one: why it is on the path. */
  via: Relation[];
  isGoal: boolean;
}

export interface SkippedConcept {
  concept: StoredConcept;
  /** KNOWN: the learner said so; IMPLIED: a known concept requires it (transitively). */
  reason: 'KNOWN' | 'IMPLIED';
}

export interface LearningPlan {
  missingGoals: string[];
  missingKnown: string[];
  goals: StoredConcept[];
  steps: LearningStep[];
  skipped: SkippedConcept[];
  truncated: boolean;
}

/**
 * The learner's known slugs that exist (`knownFound`) and everything they imply through REQUIRES
 * (`knownSlugs`), from the parameter `$known`: a Cypher fragment both queries below start with.
 */
const KNOWN_CLOSURE = `CALL () {
       MATCH (k:Concept) WHERE k.slug IN $known
       RETURN collect(k.slug) AS knownFound
     }
     CALL () {
       MATCH (k:Concept) WHERE k.slug IN $known
       MATCH (k)-[:REQUIRES*0..${LEARNING_DEPTH}]->(y:Concept)
       RETURN collect(DISTINCT y.slug) AS knownSlugs
     }`;

/** Orders ready concepts: earlier chapter first, then name. */
export const byChapterThenName = (a: StoredConcept, b: StoredConcept) =>
  (a.firstChapter ?? 99) - (b.firstChapter ?? 99) ||
  a.sortName.localeCompare(b.sortName) ||
  a.slug.localeCompare(b.slug);

export async function learningPlan(
  db: Database,
  goals: readonly string[],
  known: readonly string[],
): Promise<LearningPlan> {
  const { records } = await db.read(
    `CALL () {
       MATCH (g:Concept) WHERE g.slug IN $goals
       RETURN collect(g) AS goalNodes
     }
     CALL (goalNodes) {
       UNWIND goalNodes AS g
       MATCH (g)-[:REQUIRES*0..${LEARNING_DEPTH}]->(x:Concept)
       WITH DISTINCT x LIMIT $maxConcepts
       RETURN collect(x) AS needed
     }
     ${KNOWN_CLOSURE}
     WITH goalNodes, needed, knownFound, knownSlugs, [n IN needed | n.slug] AS neededSlugs
     RETURN [g IN goalNodes | g.slug] AS goalsFound, knownFound, knownSlugs,
            [n IN needed | ${conceptProjection('n')}] AS needed,
            COLLECT {
              UNWIND neededSlugs AS s
              MATCH (a:Concept {slug: s})-[r:REQUIRES]->(b:Concept)
              WHERE b.slug IN neededSlugs
              RETURN ${relationProjection('r', 'a', 'b')}
            } AS edges`,
    { goals, known, maxConcepts: neo4j.int(LEARNING_MAX_CONCEPTS + 1) },
  );
  const record = records[0];
  const goalsFound = new Set((record?.get('goalsFound') as string[]) ?? []);
  const knownFound = new Set((record?.get('knownFound') as string[]) ?? []);
  const knownSlugs = new Set((record?.get('knownSlugs') as string[]) ?? []);
  const missingGoals = goals.filter((g) => !goalsFound.has(g));
  const missingKnown = known.filter((k) => !knownFound.has(k));
  let needed = ((record?.get('needed') as unknown[]) ?? []).map(toConcept);
  const truncated = needed.length > LEARNING_MAX_CONCEPTS;
  needed = needed.slice(0, LEARNING_MAX_CONCEPTS);
  const edges = ((record?.get('edges') as unknown[]) ?? []).map(toRelation);

  const goalSet = new Set(goals);
  const toStudy = needed.filter((c) => !knownSlugs.has(c.slug));
  const skipped = needed
    .filter((c) => knownSlugs.has(c.slug))
    .map((concept) => ({
      concept,
      reason: (knownFound.has(concept.slug) ? 'KNOWN' : 'IMPLIED') as SkippedConcept['reason'],
    }))
    .sort((a, b) => byChapterThenName(a.concept, b.concept));

  // Which goals need each concept: walk REQUIRES forward from each goal within the needed set.
  const requires = new Map<string, string[]>();
  for (const edge of edges) requires.set(edge.from, [...(requires.get(edge.from) ?? []), edge.to]);
  const neededFor = new Map<string, string[]>();
  for (const goal of goals) {
    if (!goalsFound.has(goal)) continue;
    const stack = [goal];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const slug = stack.pop() as string;
      if (seen.has(slug)) continue;
      seen.add(slug);
      neededFor.set(slug, [...(neededFor.get(slug) ?? []), goal]);
      stack.push(...(requires.get(slug) ?? []));
    }
  }

  const studying = new Set(toStudy.map((c) => c.slug));
  const ordered = prerequisitesFirst(toStudy, (c) => c.slug, edges, byChapterThenName);
  const steps = ordered.map((concept) => ({
    concept,
    neededFor: neededFor.get(concept.slug) ?? [],
    via: edges.filter((e) => e.to === concept.slug && (studying.has(e.from) || goalSet.has(e.from))),
    isGoal: goalSet.has(concept.slug),
  }));
  const goalConcepts = goals
    .map((g) => needed.find((c) => c.slug === g))
    .filter((c): c is StoredConcept => !!c);
  return { missingGoals, missingKnown, goals: goalConcepts, steps, skipped, truncated };
}

export interface FringeConcept {
  concept: StoredConcept;
  /** Concepts that become studyable once this one is learnt (it was their last missing prerequisite). */
  unlocks: number;
}

/** What the learner can study now (all prerequisites known), ranked by how much each unlocks. */
export async function nextToLearn(
  db: Database,
  known: readonly string[],
  first: number,
): Promise<{ missingKnown: string[]; fringe: FringeConcept[] }> {
  const { records } = await db.read(
    `${KNOWN_CLOSURE}
     RETURN knownFound, COLLECT {
       MATCH (c:Concept)
       WHERE NOT c.slug IN knownSlugs
         AND all(p IN COLLECT { MATCH (c)-[:REQUIRES]->(p:Concept) RETURN p.slug } WHERE p IN knownSlugs)
       WITH c, COUNT {
         MATCH (d:Concept)-[:REQUIRES]->(c)
         WHERE NOT d.slug IN knownSlugs
           AND all(q IN COLLECT { MATCH (d)-[:REQUIRES]->(q:Concept) RETURN q.slug } WHERE q = c.slug OR q IN knownSlugs)
       } AS unlocks
       ORDER BY unlocks DESC, coalesce(c.bottleneck, 0) DESC, c.firstChapter, c.sortName, c.slug
       LIMIT $first
       RETURN {concept: ${conceptProjection('c')}, unlocks: unlocks}
     } AS fringe`,
    { known, first: neo4j.int(first) },
  );
  const record = records[0];
  const knownFound = new Set((record?.get('knownFound') as string[]) ?? []);
  return {
    missingKnown: known.filter((k) => !knownFound.has(k)),
    fringe: ((record?.get('fringe') as Record<string, unknown>[]) ?? []).map((item) => ({
      concept: toConcept(item.concept),
      unlocks: toNumber(item.unlocks),
    })),
  };
}
