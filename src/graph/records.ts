/**
 * The Cypher projections every query uses to return concepts and relations, and their conversion
 * into the plain domain objects resolvers see. Each shape is defined once, as an ordered list of
 * columns; the Cypher list and its reader are both derived from it, so they cannot drift apart.
 * A query reads either every column of a concept or only those a request asks for (`conceptShape`).
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

/** A stored column of a concept (its property of the same name). */
export type ConceptColumn = keyof StoredConcept;

/** Every column, in the order of the whole projection. */
export const CONCEPT_COLUMN_NAMES = Object.keys(CONCEPT_COLUMNS) as ConceptColumn[];

/**
 * A concept as a query read it: its slug, and whichever other columns the query asked for (the
 * rest are `undefined`; the API loads them in one batched query if a request needs them).
 */
export type ConceptRow = Pick<StoredConcept, 'slug'> & Partial<StoredConcept>;

/**
 * Code-unit order, as Neo4j sorts strings: `localeCompare` would sort some names differently
 * from the database (and differently on another machine's locale).
 */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The Cypher list of some columns of the node bound to a variable, and its reader. */
export interface ConceptShape<T extends ConceptRow = ConceptRow> {
  /** The columns read, slug first, then in the whole projection's order. */
  readonly columns: readonly ConceptColumn[];
  projection(variable: string): string;
  read(value: unknown): T;
}

function nodeShape<T extends ConceptRow>(columns: readonly ConceptColumn[]): ConceptShape<T> {
  const readers = columns.map((column) => CONCEPT_COLUMNS[column] as (value: unknown) => unknown);
  const count = columns.length;
  return {
    columns,
    projection: (variable: string) => `[${columns.map((column) => `${variable}.${column}`).join(', ')}]`,
    // A plain loop over precomputed readers: this runs for every concept of every answer.
    read(value: unknown): T {
      const values = value as unknown[];
      const row: Record<string, unknown> = {};
      for (let i = 0; i < count; i++)
        row[columns[i] as string] = (readers[i] as (v: unknown) => unknown)(values[i]);
      return row as T;
    },
  };
}

const shapes = new Map<string, ConceptShape>();

/** The shape that reads the slug and `columns` (one shape, and one query text, per set of columns). */
export function conceptShape(columns: Iterable<ConceptColumn>): ConceptShape {
  const wanted = new Set<ConceptColumn>(['slug', ...columns]);
  const ordered = CONCEPT_COLUMN_NAMES.filter((column) => wanted.has(column));
  const key = ordered.join(',');
  let shape = shapes.get(key);
  if (!shape) {
    shape = nodeShape(ordered);
    shapes.set(key, shape);
  }
  return shape;
}

const wholeShape = nodeShape<StoredConcept>(CONCEPT_COLUMN_NAMES);

/** Cypher list of a `Concept` node bound to `variable`, read back by `toConcept`. */
export const conceptProjection = wholeShape.projection;
export const toConcept = wholeShape.read;

/** True when the row holds every column (it can stand for the stored concept). */
export const isWhole = (concept: ConceptRow): concept is StoredConcept =>
  CONCEPT_COLUMN_NAMES.every((column) => concept[column] !== undefined);

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
