/**
 * Bounded traversals: transitive prerequisites and impact, shortest paths and neighbourhoods.
 * Each is ONE query. Depths and lengths arrive as integers already checked against their caps
 * (see `schema/limits.ts`) and relationship types from the whitelist: those are the only values
 * ever written into the query text. A path between two given concepts uses `shortestPath()`, which
 * Neo4j answers with a bidirectional breadth-first search. A traversal with an open end (closure,
 * neighbourhood) is a breadth-first search written out level by level (`bfsLevels`) that stops
 * expanding as soon as `limit` concepts are found: `ANY SHORTEST` to an unbound end would first
 * visit everything reachable within the depth — on a hub of a million-concept graph, the whole graph.
 */
import neo4j from 'neo4j-driver';
import type { Relation, RelationType } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Reader } from '../neo4j/database.ts';
import { arrow, assertBound, type Direction, typeExpression } from './cypher.ts';
import {
  type ConceptColumn,
  type ConceptRow,
  compareText,
  conceptProjection,
  optionalConceptProjection,
  relationProjection,
  type StoredConcept,
  toConcept,
  toRelation,
} from './records.ts';
import {
  type ConceptSelection,
  type SelectedConcept,
  selectionProjection,
  WHOLE_CONCEPT,
} from './selection.ts';

/**
 * Cypher for a breadth-first search from `start` along `step` (a pattern with `r` for the
 * relationship and `x` for the concept reached), written out level by level up to `depth`. Leaves
 * `found`: `{node, depth}` for each concept reached, with its shortest distance. A level is
 * expanded only while fewer than `$limit` concepts count as found (`countable` says which do), and
 * keeps at most `$levelCap` concepts — the first met, not the first by name: reading a property of
 * every neighbour of a hub to sort them would cost as much as the search the bound is there to
 * avoid. So a hub costs one pass over its relationships, not a visit of everything behind it.
 * Relationship types connect concepts only, so the concepts reached need no label check.
 *
 * The text always holds `levels` levels and `$depth` switches the deeper ones off: planning this
 * query takes Neo4j a second or more, so one text per shape (cached by Neo4j) beats one per depth.
 */
// Exported for its unit tests (traversals.test.ts): the text must stay bounded and parameterised.
export function bfsLevels(levels: number, step: string, options: { countable?: string } = {}): string {
  const countable = options.countable ?? 'true';
  const plain = step.replace(/\[r:/, '[:');
  const lines = ['WITH start, [start] AS seen, [start] AS frontier, [] AS found'];
  for (let level = 1; level <= levels; level++) {
    lines.push(
      `CALL (seen, frontier, found) {
         UNWIND CASE WHEN size(found) < $limit AND $depth >= ${level} THEN frontier ELSE [] END AS n
         MATCH (n)${plain}(x)
         WHERE NOT x IN seen
         WITH DISTINCT x LIMIT $levelCap
         RETURN collect(x) AS reached
       }
       WITH start, seen + reached AS seen, reached AS frontier,
            found + [x IN reached WHERE ${countable} | {node: x, depth: ${level}}] AS found`,
    );
  }
  return lines.join('\n');
}

/** Levels written into a closure's and a neighbourhood's query: the API's caps (10 and 3). */
const CLOSURE_LEVELS = 10;
const NEIGHBORHOOD_LEVELS = 3;

/**
 * Nearest first, then by name and slug. Done here rather than in Cypher: a sort there keeps a copy
 * of the whole `found` list per row in Neo4j's memory accounting (hundreds of MB for 500 rows).
 */
const nearestFirst = (
  a: { depth: number; concept: Pick<StoredConcept, 'slug'> & { sortName?: string } },
  b: { depth: number; concept: Pick<StoredConcept, 'slug'> & { sortName?: string } },
) =>
  a.depth - b.depth ||
  compareText(a.concept.sortName ?? '', b.concept.sortName ?? '') ||
  compareText(a.concept.slug, b.concept.slug);

/** A concept reached by a traversal: how far away, and the relationship that reached it. */
export interface Reached<C extends ConceptRow = ConceptRow> {
  concept: C;
  depth: number;
  via: Relation;
}

export interface Closure {
  start: SelectedConcept | undefined;
  reached: (Reached<ConceptRow> & { selected: SelectedConcept })[];
  /** Relationships among the reached concepts (and the start), for ordering them. */
  edges: Relation[];
  truncated: boolean;
}

/**
 * Everything reachable from `slug` along `types` in `direction` within `maxDepth` hops, each with
 * its shortest distance; at most `limit`, nearest first.
 */
export interface ClosureOptions {
  types: readonly RelationType[];
  direction: 'OUTGOING' | 'INCOMING';
  maxDepth: number;
  limit: number;
}

/** What a closure reads: of the concepts reached, of the start, and whether relationships' notes and chapters. */
export interface ClosureSelection {
  concepts: ConceptSelection;
  start: ConceptSelection;
  relationDetails: boolean;
}

export const WHOLE_CLOSURE: ClosureSelection = {
  concepts: WHOLE_CONCEPT,
  start: WHOLE_CONCEPT,
  relationDetails: true,
};

/** Columns a closure orders by (nearest first by name; study order by chapter, then name). */
const CLOSURE_KEYS: ConceptColumn[] = ['sortName', 'firstChapter'];

export async function closure(
  db: Reader,
  slug: string,
  options: ClosureOptions,
  selection: ClosureSelection = WHOLE_CLOSURE,
): Promise<Closure> {
  const depth = assertBound('maxDepth', options.maxDepth, 25);
  const types = typeExpression(options.types);
  const step = arrow(options.direction, `r${types}`);
  const startProjection = selectionProjection('start', selection.start);
  const reachedProjection = selectionProjection('x', selection.concepts, CLOSURE_KEYS);
  const details = selection.relationDetails ? ', r.note, r.chapter' : '';
  // Concepts and relationships travel with their element ids: an edge names its ends by id, which
  // costs Neo4j no property read (reading both slugs of every edge was a tenth of the query).
  const { records } = await db.read(
    `MATCH (start:Concept {slug: $slug})
     ${bfsLevels(Math.max(depth, CLOSURE_LEVELS), step)}
     RETURN [elementId(start), ${startProjection.cypher}] AS start, COLLECT {
       UNWIND found AS f
       WITH f.node AS x, f.depth AS depth
       RETURN [elementId(x), depth, ${reachedProjection.cypher}]
     } AS reached, COLLECT {
       WITH [start] + [f IN found | f.node] AS members
       UNWIND members AS a
       MATCH (a)-[r${types}]->(b)
       WHERE b IN members
       RETURN [elementId(a), elementId(b), type(r)${details}]
     } AS edges`,
    {
      slug,
      depth: neo4j.int(depth),
      limit: neo4j.int(options.limit + 1),
      levelCap: neo4j.int(options.limit + 1),
    },
  );
  const record = records[0];
  if (!record) return { start: undefined, reached: [], edges: [], truncated: false };
  const [startId, startValue] = record.get('start') as [string, unknown];
  const start = startProjection.read(startValue);
  const slugOf = new Map<string, string>([[startId, slug]]);
  const found = (record.get('reached') as [string, unknown, unknown][]).map(([id, depth, value]) => {
    const selected = reachedProjection.read(value);
    slugOf.set(id, selected.row.slug);
    return { concept: selected.row, depth: toNumber(depth), selected };
  });
  found.sort(nearestFirst);
  const truncated = found.length > options.limit;
  const kept = found.slice(0, options.limit);
  const depthOf = new Map<string, number>([
    [slug, 0],
    ...kept.map((r) => [r.concept.slug, r.depth] as const),
  ]);
  const edges: Relation[] = [];
  for (const [from, to, type, note, chapter] of record.get('edges') as unknown[][]) {
    const edge = toRelation([type, slugOf.get(from as string), slugOf.get(to as string), note, chapter]);
    if (depthOf.has(edge.from) && depthOf.has(edge.to)) edges.push(edge);
  }
  // The relationship that reached each concept: one from the level before (the search found it
  // through such a one); the first by the other end's slug, so that the answer is stable.
  const outgoing = options.direction === 'OUTGOING';
  const via = new Map<string, Relation>();
  for (const edge of edges) {
    const [reached, from] = outgoing ? [edge.to, edge.from] : [edge.from, edge.to];
    if (depthOf.get(from) !== (depthOf.get(reached) ?? 0) - 1) continue;
    const current = via.get(reached);
    const currentFrom = current && (outgoing ? current.from : current.to);
    if (currentFrom === undefined || compareText(from, currentFrom) < 0) via.set(reached, edge);
  }
  const reached = kept.map((r) => ({ ...r, via: via.get(r.concept.slug) as Relation }));
  return { start, reached, edges, truncated };
}

export interface FoundPath {
  nodes: StoredConcept[];
  edges: Relation[];
}

/** The shortest path between two concepts, or null when none exists within `maxLength`. */
export async function shortestPath(
  db: Reader,
  from: string,
  to: string,
  options: { types: readonly RelationType[]; direction: Direction; maxLength: number },
): Promise<{ from?: StoredConcept; to?: StoredConcept; path: FoundPath | null }> {
  const length = assertBound('maxLength', options.maxLength, 25);
  const types = typeExpression(options.types);
  const pattern =
    options.direction === 'OUTGOING'
      ? `(a)-[${types}*1..${length}]->(b)`
      : options.direction === 'INCOMING'
        ? `(a)<-[${types}*1..${length}]-(b)`
        : `(a)-[${types}*1..${length}]-(b)`;
  // `shortestPath()` runs a bidirectional breadth-first search that grows the smaller side first;
  // measured on the 1M-concept graph it is 2-5x faster than `SHORTEST 1` from a hub.
  const { records } = await db.read(
    `OPTIONAL MATCH (a:Concept {slug: $from})
     OPTIONAL MATCH (b:Concept {slug: $to})
     OPTIONAL CALL (a, b) {
       WITH a, b WHERE a <> b
       MATCH p = shortestPath(${pattern})
       RETURN [n IN nodes(p) | ${conceptProjection('n')}] AS nodes,
              [r IN relationships(p) | ${relationProjection('r', 'startNode(r)', 'endNode(r)')}] AS edges
     }
     RETURN ${optionalConceptProjection('a')} AS a, ${optionalConceptProjection('b')} AS b, nodes, edges`,
    { from, to },
  );
  const record = records[0];
  const a = record?.get('a') ? toConcept(record.get('a')) : undefined;
  const b = record?.get('b') ? toConcept(record.get('b')) : undefined;
  const nodes = record?.get('nodes') as unknown[] | null;
  if (!record || !nodes)
    return { from: a, to: b, path: a && b && from === to ? { nodes: [a], edges: [] } : null };
  return {
    from: a,
    to: b,
    path: { nodes: nodes.map(toConcept), edges: (record.get('edges') as unknown[]).map(toRelation) },
  };
}

export interface Neighborhood {
  center: StoredConcept | undefined;
  nodes: { concept: StoredConcept; depth: number }[];
  edges: Relation[];
  truncated: boolean;
}

/**
 * The concepts within `depth` hops of `slug` (nearest first, at most `limit`), except those in
 * `exclude` (a client already has them), and every relationship between what is returned and
 * anything the client will then hold.
 */
export async function neighborhood(
  db: Reader,
  slug: string,
  options: { types: readonly RelationType[]; depth: number; limit: number; exclude: readonly string[] },
): Promise<Neighborhood> {
  const depth = assertBound('depth', options.depth, 5);
  const types = typeExpression(options.types);
  // Excluded concepts are walked through but not returned, so a level may hold them on top of `limit`.
  const { records } = await db.read(
    `MATCH (start:Concept {slug: $slug})
     ${bfsLevels(Math.max(depth, NEIGHBORHOOD_LEVELS), `-[r${types}]-`, { countable: 'NOT x.slug IN $exclude' })}
     WITH start AS center, found,
          [f IN found | f.node] + CASE WHEN start.slug IN $exclude THEN [] ELSE [start] END AS fresh
     CALL () {
       MATCH (e:Concept) WHERE e.slug IN $exclude
       RETURN collect(e) AS held
     }
     RETURN ${conceptProjection('center')} AS center, COLLECT {
       UNWIND found AS f
       WITH f.node AS x, f.depth AS depth
       RETURN [${conceptProjection('x')}, depth]
     } AS found, COLLECT {
       // Each relationship once, from its start node: hubs have many incoming ones but few outgoing.
       UNWIND fresh + held AS a
       MATCH (a)-[r${types}]->(b)
       WHERE (b IN fresh OR b IN held) AND (a IN fresh OR b IN fresh)
       RETURN ${relationProjection('r', 'a', 'b')}
     } AS edges`,
    {
      slug,
      depth: neo4j.int(depth),
      exclude: options.exclude,
      limit: neo4j.int(options.limit + 1),
      levelCap: neo4j.int(options.limit + 1 + options.exclude.length),
    },
  );
  const record = records[0];
  if (!record) return { center: undefined, nodes: [], edges: [], truncated: false };
  const found = (record.get('found') as unknown[][])
    .map(([concept, depth]) => ({ concept: toConcept(concept), depth: toNumber(depth) }))
    .sort(nearestFirst);
  const truncated = found.length > options.limit;
  const nodes = found.slice(0, options.limit);
  const center = toConcept(record.get('center'));
  const held = new Set([center.slug, ...nodes.map((n) => n.concept.slug), ...options.exclude]);
  const edges = (record.get('edges') as unknown[])
    .map(toRelation)
    .filter((e) => held.has(e.from) && held.has(e.to));
  if (!options.exclude.includes(center.slug)) nodes.unshift({ concept: center, depth: 0 });
  return { center, nodes, edges, truncated };
}
