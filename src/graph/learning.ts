/**
 * What learning paths and the study fringe are computed from: the prerequisite closure of a
 * learner's goals and of what they know (along REQUIRES and IS_A), in one query each. Ordering and
 * the plan itself are built from these answers by `service/learning-plan.ts`.
 */
import neo4j from 'neo4j-driver';
import { PREREQUISITE_TYPES, type Relation } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Reader } from '../neo4j/database.ts';
import { typeExpression } from './cypher.ts';
import {
  conceptProjection,
  relationProjection,
  type StoredConcept,
  toConcept,
  toRelation,
} from './records.ts';

/** Depth bound of a prerequisite closure: deeper than any chain in the curated graph (~20). */
export const LEARNING_DEPTH = 30;
/** At most this many concepts are considered for one learning path. */
export const LEARNING_MAX_CONCEPTS = 2000;

const PREREQUISITE = typeExpression(PREREQUISITE_TYPES);

/**
 * The learner's known slugs that exist (`knownFound`) and everything they imply through
 * prerequisites (`knownSlugs`), from the parameter `$known`; and the goals that exist
 * (`goalNodes`), from `$goals`: the fragment both queries below start with.
 */
const KNOWN_AND_GOALS = `CALL () {
       MATCH (k:Concept) WHERE k.slug IN $known
       RETURN collect(k.slug) AS knownFound
     }
     CALL () {
       MATCH (k:Concept) WHERE k.slug IN $known
       MATCH (k)-[${PREREQUISITE}*0..${LEARNING_DEPTH}]->(y:Concept)
       RETURN collect(DISTINCT y.slug) AS knownSlugs
     }
     CALL () {
       MATCH (g:Concept) WHERE g.slug IN $goals
       RETURN collect(g) AS goalNodes
     }`;

/** What a learning plan is built from. */
export interface PlanInputs {
  goalsFound: Set<string>;
  knownFound: Set<string>;
  /** Known slugs and everything they imply. */
  knownSlugs: Set<string>;
  /** The goals and their whole prerequisite closure (at most LEARNING_MAX_CONCEPTS). */
  needed: StoredConcept[];
  /** Prerequisite relationships among `needed`. */
  edges: Relation[];
  truncated: boolean;
}

const slugSet = (value: unknown) => new Set(((value as unknown[] | undefined) ?? []).map(String));

export async function planInputs(
  db: Reader,
  goals: readonly string[],
  known: readonly string[],
): Promise<PlanInputs> {
  const { records } = await db.read(
    `${KNOWN_AND_GOALS}
     CALL (goalNodes) {
       UNWIND goalNodes AS g
       MATCH (g)-[${PREREQUISITE}*0..${LEARNING_DEPTH}]->(x:Concept)
       WITH DISTINCT x LIMIT $maxConcepts
       RETURN collect(x) AS needed
     }
     WITH goalNodes, needed, knownFound, knownSlugs, [n IN needed | n.slug] AS neededSlugs
     RETURN [g IN goalNodes | g.slug] AS goalsFound, knownFound, knownSlugs,
            [n IN needed | ${conceptProjection('n')}] AS needed,
            COLLECT {
              UNWIND neededSlugs AS s
              MATCH (a:Concept {slug: s})-[r${PREREQUISITE}]->(b:Concept)
              WHERE b.slug IN neededSlugs
              RETURN ${relationProjection('r', 'a', 'b')}
            } AS edges`,
    { goals, known, maxConcepts: neo4j.int(LEARNING_MAX_CONCEPTS + 1) },
  );
  const record = records[0];
  const needed = ((record?.get('needed') as unknown[]) ?? []).map(toConcept);
  return {
    goalsFound: slugSet(record?.get('goalsFound')),
    knownFound: slugSet(record?.get('knownFound')),
    knownSlugs: slugSet(record?.get('knownSlugs')),
    needed: needed.slice(0, LEARNING_MAX_CONCEPTS),
    edges: ((record?.get('edges') as unknown[]) ?? []).map(toRelation),
    truncated: needed.length > LEARNING_MAX_CONCEPTS,
  };
}

export interface FringeConcept {
  concept: StoredConcept;
  /** Concepts that become studyable once this one is learnt (it was their last missing prerequisite). */
  unlocks: number;
}

export interface Fringe {
  knownFound: Set<string>;
  goalsFound: Set<string>;
  fringe: FringeConcept[];
}

/**
 * What the learner can study now (every prerequisite known), ranked by how much each unlocks.
 * With goals, only concepts on the way to them count, and only what they unlock on that way.
 */
export async function fringe(
  db: Reader,
  known: readonly string[],
  goals: readonly string[],
  first: number,
): Promise<Fringe> {
  // Two texts chosen by code, not by input: the whole graph, or the goals' closure.
  const scope =
    goals.length > 0
      ? `CALL (goalNodes) {
           UNWIND goalNodes AS g
           MATCH (g)-[${PREREQUISITE}*0..${LEARNING_DEPTH}]->(x:Concept)
           WITH DISTINCT x LIMIT $maxConcepts
           RETURN collect(x.slug) AS scope
         }
         WITH *, true AS scoped`
      : 'WITH *, [] AS scope, false AS scoped';
  const inScope = (variable: string) => `(NOT scoped OR ${variable}.slug IN scope)`;
  const { records } = await db.read(
    `${KNOWN_AND_GOALS}
     ${scope}
     RETURN knownFound, [g IN goalNodes | g.slug] AS goalsFound, COLLECT {
       MATCH (c:Concept)
       WHERE ${inScope('c')} AND NOT c.slug IN knownSlugs
         AND all(p IN COLLECT { MATCH (c)-[${PREREQUISITE}]->(p:Concept) RETURN p.slug } WHERE p IN knownSlugs)
       WITH c, COUNT {
         MATCH (d:Concept)-[${PREREQUISITE}]->(c)
         WHERE ${inScope('d')} AND NOT d.slug IN knownSlugs
           AND all(q IN COLLECT { MATCH (d)-[${PREREQUISITE}]->(q:Concept) RETURN q.slug }
                   WHERE q = c.slug OR q IN knownSlugs)
       } AS unlocks
       ORDER BY unlocks DESC, coalesce(c.bottleneck, 0) DESC, c.firstChapter, c.sortName, c.slug
       LIMIT $first
       RETURN [${conceptProjection('c')}, unlocks]
     } AS fringe`,
    { known, goals, first: neo4j.int(first), maxConcepts: neo4j.int(LEARNING_MAX_CONCEPTS) },
  );
  const record = records[0];
  return {
    knownFound: slugSet(record?.get('knownFound')),
    goalsFound: slugSet(record?.get('goalsFound')),
    fringe: ((record?.get('fringe') as unknown[][]) ?? []).map(([concept, unlocks]) => ({
      concept: toConcept(concept),
      unlocks: toNumber(unlocks),
    })),
  };
}
