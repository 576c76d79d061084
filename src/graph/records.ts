/**
 * The Cypher projections every query uses to return concepts and relations, and their conversion
 * into the plain domain objects resolvers see.
 */
import type { Concept, ConceptKind, Relation, RelationType } from '../domain.ts';
import { plain, toNumberOrNull, toStringArray } from '../neo4j/convert.ts';

/** Concept with its stored, precomputed health figures. */
export interface StoredConcept extends Concept {
  /** Concepts that transitively REQUIRE or DEPEND_ON this one; null where not computed. */
  bottleneck: number | null;
  /** Stored sort keys, used by keyset cursors. */
  sortName: string;
  firstChapter: number | null;
}

/*
 * Concepts and relations travel from Neo4j as positional lists, not maps: the driver builds each
 * map key by key with `Object.defineProperty`, and measured on a page of concepts with their
 * relation lists, maps cost 1.7× the Node CPU of the same values as lists.
 */
const CONCEPT_FIELDS = [
  'slug',
  'name',
  'kind',
  'summary',
  'aliases',
  'tags',
  'chapters',
  'background',
  'estimatedMinutes',
  'bottleneck',
  'sortName',
  'firstChapter',
] as const;

/** Cypher list of a `Concept` node bound to `variable`, read back by `toConcept`. */
export const conceptProjection = (variable: string) =>
  `[${CONCEPT_FIELDS.map((field) => `${variable}.${field}`).join(', ')}]`;

/**
 * A concept in a plain relation list (`requires`, `usedBy`, …): only what such lists are shown
 * with and sorted by. The API loads the other fields in one batched query if a request asks for
 * them, so a page of concepts with their lists reads and converts a fraction of the data.
 */
export interface ConceptHead {
  head: true;
  slug: string;
  name: string;
  kind: ConceptKind;
  sortName: string;
}

/** A concept as resolvers receive it: whole, or a list's head. */
export type ConceptRow = StoredConcept | ConceptHead;

export const isHead = (concept: ConceptRow): concept is ConceptHead => 'head' in concept;

/** Cypher list of the head of a `Concept` node bound to `variable`, read back by `toConceptHead`. */
export const conceptHeadProjection = (variable: string) =>
  `[${variable}.slug, ${variable}.name, ${variable}.kind, ${variable}.sortName]`;

export function toConceptHead(value: unknown): ConceptHead {
  const [slug, name, kind, sortName] = value as unknown[];
  return {
    head: true,
    slug: String(slug),
    name: String(name),
    kind: String(kind) as ConceptKind,
    sortName: String(sortName ?? name),
  };
}

/** Like `conceptProjection`, but null (not a list of nulls) when the variable is unbound. */
export const optionalConceptProjection = (variable: string) =>
  `CASE WHEN ${variable} IS NULL THEN null ELSE ${conceptProjection(variable)} END`;

/** Cypher list of a relationship `r` between `a` and `b` (the stored direction), read back by `toRelation`. */
export const relationProjection = (r: string, a: string, b: string) =>
  `[type(${r}), ${a}.slug, ${b}.slug, ${r}.note, ${r}.chapter]`;

export function toConcept(value: unknown): StoredConcept {
  const [
    slug,
    name,
    kind,
    summary,
    aliases,
    tags,
    chapters,
    background,
    estimatedMinutes,
    bottleneck,
    sortName,
    firstChapter,
  ] = value as unknown[];
  return {
    slug: String(slug),
    name: String(name),
    kind: String(kind) as ConceptKind,
    summary: String(summary ?? ''),
    aliases: toStringArray(aliases),
    tags: toStringArray(tags),
    chapters: (Array.isArray(chapters) ? chapters : []).map((n) => plain<number>(n)),
    background: background === true,
    estimatedMinutes: toNumberOrNull(estimatedMinutes),
    bottleneck: toNumberOrNull(bottleneck),
    sortName: String(sortName ?? name),
    firstChapter: toNumberOrNull(firstChapter),
  };
}

export function toRelation(value: unknown): Relation {
  const [type, from, to, note, chapter] = value as unknown[];
  return {
    type: String(type) as RelationType,
    from: String(from),
    to: String(to),
    note: note === null || note === undefined ? null : String(note),
    chapter: toNumberOrNull(chapter),
  };
}
