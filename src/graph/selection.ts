/**
 * What a query reads for each concept it returns, as the request asks (@neo4j/graphql's idea: the
 * selection compiled into the statement): the stored columns, the plain relation lists — each in
 * its own subquery that expands only its type and direction, ordered by name and capped — with
 * the columns of their items, and the degree. One Cypher expression reads all of it for a concept
 * bound to a variable, so a level of a request costs one statement, and Neo4j reads no property
 * the answer does not show.
 */
import type { RelationType } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Direction } from './cypher.ts';
import { CONCEPT_COLUMN_NAMES, type ConceptColumn, type ConceptRow, conceptShape } from './records.ts';

/** A plain relation list: a concept's neighbours over one type, one way (BOTH: either way, once each). */
export interface ListSpec {
  type: RelationType;
  direction: Direction;
}

export const listKey = (list: ListSpec) => `${list.type}|${list.direction}`;

export interface ConceptSelection {
  /** Stored columns to read (the slug always is). */
  columns: readonly ConceptColumn[];
  /** Plain lists to read with each concept. */
  lists: readonly ListSpec[];
  /** Columns of the lists' items (the slug always is). */
  itemColumns: readonly ConceptColumn[];
  /** Read the concept's degree (relationships to other concepts, either way). */
  degree: boolean;
}

/** Everything stored about a concept, and nothing else: what a selection-blind caller gets. */
export const WHOLE_CONCEPT: ConceptSelection = {
  columns: CONCEPT_COLUMN_NAMES,
  lists: [],
  itemColumns: [],
  degree: false,
};

/** Items of a list loaded without a selection at hand (a nested level): the columns lists are shown with. */
export const LIST_ITEM_COLUMNS: readonly ConceptColumn[] = ['slug', 'name', 'kind'];

/** At most this many concepts in a plain relation list; `relations` pages through more. */
export const RELATED_LIST_LIMIT = 100;

/** A concept as a selection read it: the row, and the lists and degree when asked for. */
export interface SelectedConcept {
  row: ConceptRow;
  /** The row holds every column (it can stand for the stored concept). */
  whole: boolean;
  /** By `listKey`. */
  lists: Map<string, ConceptRow[]>;
  degree: number | undefined;
}

const PATTERNS: Record<Direction, (type: RelationType) => string> = {
  OUTGOING: (type) => `(c)-[:${type}]->(o)`,
  INCOMING: (type) => `(c)<-[:${type}]-(o)`,
  BOTH: (type) => `(c)-[:${type}]-(o)`,
};

/**
 * The Cypher and reader of `selection` for a concept bound to `variable`, plus `keys` (columns the
 * query itself needs, such as its sort keys). Relationship types come from the whitelist.
 */
export function selectionProjection(
  variable: string,
  selection: ConceptSelection,
  keys: readonly ConceptColumn[] = [],
) {
  const shape = conceptShape([...selection.columns, ...keys]);
  const whole = shape.columns.length === CONCEPT_COLUMN_NAMES.length;
  const items = conceptShape(selection.itemColumns);
  // A symmetric type may hold both a→b and b→a: each neighbour once (DISTINCT). Lists connect
  // concepts only, so no label check on the other end.
  const lists = selection.lists.map(
    (list) => `COLLECT {
         MATCH ${PATTERNS[list.direction](list.type).replace('(c)', `(${variable})`)}
         WITH ${list.direction === 'BOTH' ? 'DISTINCT ' : ''}o ORDER BY o.sortName, o.slug LIMIT ${RELATED_LIST_LIMIT}
         RETURN ${items.projection('o')}
       }`,
  );
  // Both counts come from the node's degree store; chapters are the only other neighbours.
  const degree = selection.degree
    ? `COUNT { (${variable})--() } - COUNT { (${variable})-[:COVERED_IN]-() }`
    : 'null';
  const keysOf = selection.lists.map(listKey);
  return {
    cypher: `[${shape.projection(variable)}, [${lists.join(', ')}], ${degree}]`,
    read(value: unknown): SelectedConcept {
      const [row, listValues, degreeValue] = value as [unknown, unknown[][], unknown];
      const read: Map<string, ConceptRow[]> = new Map();
      for (let i = 0; i < keysOf.length; i++)
        read.set(keysOf[i] as string, (listValues[i] ?? []).map(items.read));
      return {
        row: shape.read(row),
        whole,
        lists: read,
        degree: degreeValue === null || degreeValue === undefined ? undefined : toNumber(degreeValue),
      };
    },
  };
}
