/**
 * The Cypher projections every query uses to return concepts and relations, and their conversion
 * into the plain domain objects resolvers see. Each shape is defined once, as an ordered list of
 * columns; the Cypher list and its reader are both derived from it, so they cannot drift apart.
 */
import type { Concept, ConceptKind, Relation, RelationType } from '../domain.ts';
import { toNumber, toNumberOrNull, toStringArray } from '../neo4j/convert.ts';

/** Concept with its stored, precomputed health figures. */
export interface StoredConcept extends Concept {
  /** Concepts that transitively REQUIRE or DEPEND_ON this one; null where not computed. */
  bottleneck: number | null;
  /** Stored sort keys, used by keyset cursors. */
  sortName: string;
  firstChapter: number | null;
}

type Columns<T> = { [K in keyof T]: (value: unknown) => T[K] };

const text = (value: unknown) => String(value ?? '');

/*
 * Concepts and relations travel from Neo4j as positional lists, not maps: the driver builds each
 * map key by key with `Object.defineProperty`, and measured on a page of concepts with their
 * relation lists, maps cost 1.7× the Node CPU of the same values as lists. The order of the keys
 * below is the order of the list.
 */
const CONCEPT_COLUMNS: Columns<StoredConcept> = {
  slug: text,
  name: text,
  kind: (value) => text(value) as ConceptKind,
  summary: text,
  aliases: toStringArray,
  tags: toStringArray,
  chapters: (value) => (Array.isArray(value) ? value.map(toNumber) : []),
  background: (value) => value === true,
  estimatedMinutes: toNumberOrNull,
  bottleneck: toNumberOrNull,
  sortName: text,
  firstChapter: toNumberOrNull,
};

/**
 * A concept in a plain relation list (`requires`, `usedBy`, …): only what such lists are shown
 * with and sorted by. The API loads the other fields in one batched query if a request asks for
 * them, so a page of concepts with their lists reads and converts a fraction of the data.
 */
export interface ConceptHead extends Pick<StoredConcept, 'slug' | 'name' | 'kind' | 'sortName'> {
  head: true;
}

const HEAD_COLUMNS: Columns<Omit<ConceptHead, 'head'>> = {
  slug: CONCEPT_COLUMNS.slug,
  name: CONCEPT_COLUMNS.name,
  kind: CONCEPT_COLUMNS.kind,
  sortName: CONCEPT_COLUMNS.sortName,
};

/**
 * Code-unit order, as Neo4j sorts strings: `localeCompare` would sort some names differently
 * from the database (and differently on another machine's locale).
 */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A concept as resolvers receive it: whole, or a list's head. */
export type ConceptRow = StoredConcept | ConceptHead;

export const isHead = (concept: ConceptRow): concept is ConceptHead => 'head' in concept;

/** The Cypher list of `columns`' properties of the node bound to `variable`, and its reader. */
function nodeShape<T>(columns: Columns<T>, extra?: Partial<T>) {
  const keys = Object.keys(columns) as (keyof T & string)[];
  return {
    projection: (variable: string) => `[${keys.map((key) => `${variable}.${key}`).join(', ')}]`,
    read(value: unknown): T {
      const values = value as unknown[];
      const row = { ...extra } as T;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as keyof T & string;
        row[key] = columns[key](values[i]);
      }
      return row;
    },
  };
}

const conceptShape = nodeShape(CONCEPT_COLUMNS);
const headShape = nodeShape<ConceptHead>(HEAD_COLUMNS as Columns<ConceptHead>, { head: true });

/** Cypher list of a `Concept` node bound to `variable`, read back by `toConcept`. */
export const conceptProjection = conceptShape.projection;
export const toConcept = conceptShape.read;

/** Cypher list of the head of a `Concept` node bound to `variable`, read back by `toConceptHead`. */
export const conceptHeadProjection = headShape.projection;
export const toConceptHead = headShape.read;

/** Like `conceptProjection`, but null (not a list of nulls) when the variable is unbound. */
export const optionalConceptProjection = (variable: string) =>
  `CASE WHEN ${variable} IS NULL THEN null ELSE ${conceptProjection(variable)} END`;

/** Each part of a relation: the Cypher that reads it (relationship `r` from `a` to `b`) and its reader. */
const RELATION_COLUMNS: {
  [K in keyof Relation]: [(r: string, a: string, b: string) => string, Columns<Relation>[K]];
} = {
  type: [(r) => `type(${r})`, (value) => text(value) as RelationType],
  from: [(_r, a) => `${a}.slug`, text],
  to: [(_r, _a, b) => `${b}.slug`, text],
  note: [(r) => `${r}.note`, (value) => (value === null || value === undefined ? null : String(value))],
  chapter: [(r) => `${r}.chapter`, toNumberOrNull],
};
const RELATION_KEYS = Object.keys(RELATION_COLUMNS) as (keyof Relation)[];

/** Cypher list of a relationship `r` between `a` and `b` (the stored direction), read back by `toRelation`. */
export const relationProjection = (r: string, a: string, b: string) =>
  `[${RELATION_KEYS.map((key) => RELATION_COLUMNS[key][0](r, a, b)).join(', ')}]`;

export function toRelation(value: unknown): Relation {
  const values = value as unknown[];
  const relation = {} as Record<keyof Relation, unknown>;
  for (let i = 0; i < RELATION_KEYS.length; i++) {
    const key = RELATION_KEYS[i] as keyof Relation;
    relation[key] = RELATION_COLUMNS[key][1](values[i]);
  }
  return relation as Relation;
}
