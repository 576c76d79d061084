/**
 * Bounded traversals: transitive prerequisites and impact, shortest paths and neighbourhoods.
 * Each is ONE query. Depths and lengths arrive as integers already checked against their caps
 * (see `schema/limits.ts`) and relationship types from the whitelist: those are the only values
 * ever written into the query text. Shortest-path selectors (`ANY SHORTEST`, `SHORTEST 1`) make
 * Neo4j search breadth-first instead of enumerating every path.
 */
import neo4j from 'neo4j-driver';
import { RELATION_TYPE_NAMES, type Relation, type RelationType } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Database } from '../neo4j/database.ts';
import {
  conceptProjection,
  relationProjection,
  type StoredConcept,
  toConcept,
  toRelation,
} from './records.ts';
import type { Direction } from './relations.ts';

/** `:A|B|C` for whitelisted types. */
export function typeExpression(types: readonly RelationType[]): string {
  for (const type of types)
    if (!RELATION_TYPE_NAMES.includes(type)) throw new Error(`not a relationship type: ${type}`);
  return `:${types.join('|')}`;
}

function assertBound(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} out of range: ${value}`);
  return value;
}

const arrow = (direction: Direction, types: string) =>
  direction === 'OUTGOING'
    ? [`-[${types}]->`, '']
    : direction === 'INCOMING'
      ? [`<-[${types}]-`, '']
      : [`-[${types}]-`, ''];

/** A concept reached by a traversal: how far away, and the relationship that reached it. */
export interface Reached {
  concept: StoredConcept;
  depth: number;
  via: Relation;
}

export interface Closure {
  start: StoredConcept | undefined;
  reached: Reached[];
  /** Relationships among the reached concepts (and the start), for ordering them. */
  edges: Relation[];
  truncated: boolean;
}

/**
 * Everything reachable from `slug` along `types` in `direction` within `maxDepth` hops, each with
 * its shortest distance; at most `limit`, nearest first.
 */
export async function closure(
  db: Database,
  slug: string,
  options: {
    types: readonly RelationType[];
    direction: 'OUTGOING' | 'INCOMING';
    maxDepth: number;
    limit: number;
  },
): Promise<Closure> {
  const depth = assertBound('maxDepth', options.maxDepth, 25);
  const types = typeExpression(options.types);
  const [step] = arrow(options.direction, types);
  const { records } = await db.read(
    `MATCH (start:Concept {slug: $slug})
     WITH start, COLLECT {
       MATCH p = ANY SHORTEST (start)${step}{1,${depth}}(x:Concept)
       WITH x, length(p) AS depth, last(relationships(p)) AS r
       ORDER BY depth, x.sortName, x.slug LIMIT $limit
       RETURN {concept: ${conceptProjection('x')}, depth: depth,
               via: ${relationProjection('r', 'startNode(r)', 'endNode(r)')}}
     } AS reached
     WITH start, reached, [start.slug] + [item IN reached | item.concept.slug] AS slugs
     RETURN ${conceptProjection('start')} AS start, reached, COLLECT {
       UNWIND slugs AS s
       MATCH (a:Concept {slug: s})-[r${types}]->(b:Concept)
       WHERE b.slug IN slugs
       RETURN ${relationProjection('r', 'a', 'b')}
     } AS edges`,
    { slug, limit: neo4j.int(options.limit + 1) },
  );
  const record = records[0];
  if (!record) return { start: undefined, reached: [], edges: [], truncated: false };
  const reached = (record.get('reached') as Record<string, unknown>[]).map((item) => ({
    concept: toConcept(item.concept),
    depth: toNumber(item.depth),
    via: toRelation(item.via),
  }));
  const truncated = reached.length > options.limit;
  const kept = reached.slice(0, options.limit);
  const keptSlugs = new Set([slug, ...kept.map((r) => r.concept.slug)]);
  const edges = (record.get('edges') as unknown[])
    .map(toRelation)
    .filter((e) => keptSlugs.has(e.from) && keptSlugs.has(e.to));
  return { start: toConcept(record.get('start')), reached: kept, edges, truncated };
}

export interface FoundPath {
  nodes: StoredConcept[];
  edges: Relation[];
}

/** The shortest path between two concepts, or null when none exists within `maxLength`. */
export async function shortestPath(
  db: Database,
  from: string,
  to: string,
  options: { types: readonly RelationType[]; direction: Direction; maxLength: number },
): Promise<{ from?: StoredConcept; to?: StoredConcept; path: FoundPath | null }> {
  const length = assertBound('maxLength', options.maxLength, 25);
  const [step] = arrow(options.direction, typeExpression(options.types));
  const { records } = await db.read(
    `OPTIONAL MATCH (a:Concept {slug: $from})
     OPTIONAL MATCH (b:Concept {slug: $to})
     OPTIONAL CALL (a, b) {
       MATCH p = SHORTEST 1 (a)${step}{1,${length}}(b)
       WHERE a <> b
       RETURN [n IN nodes(p) | ${conceptProjection('n')}] AS nodes,
              [r IN relationships(p) | ${relationProjection('r', 'startNode(r)', 'endNode(r)')}] AS edges
     }
     RETURN ${conceptProjection('a')} AS a, ${conceptProjection('b')} AS b, nodes, edges`,
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
  db: Database,
  slug: string,
  options: { types: readonly RelationType[]; depth: number; limit: number; exclude: readonly string[] },
): Promise<Neighborhood> {
  const depth = assertBound('depth', options.depth, 5);
  const types = typeExpression(options.types);
  const { records } = await db.read(
    `MATCH (center:Concept {slug: $slug})
     WITH center, COLLECT {
       MATCH p = ANY SHORTEST (center)-[${types}]-{1,${depth}}(x:Concept)
       WITH x, length(p) AS depth
       WHERE NOT x.slug IN $exclude
       ORDER BY depth, x.sortName, x.slug LIMIT $limit
       RETURN {concept: ${conceptProjection('x')}, depth: depth}
     } AS found
     WITH center, found,
          [item IN found | item.concept.slug] + CASE WHEN center.slug IN $exclude THEN [] ELSE [center.slug] END AS fresh
     RETURN ${conceptProjection('center')} AS center, found, COLLECT {
       UNWIND fresh AS s
       MATCH (a:Concept {slug: s})-[r${types}]-(b:Concept)
       WHERE b.slug IN fresh OR b.slug IN $exclude
       WITH DISTINCT r
       RETURN ${relationProjection('r', 'startNode(r)', 'endNode(r)')}
     } AS edges`,
    { slug, exclude: options.exclude, limit: neo4j.int(options.limit + 1) },
  );
  const record = records[0];
  if (!record) return { center: undefined, nodes: [], edges: [], truncated: false };
  const found = (record.get('found') as Record<string, unknown>[]).map((item) => ({
    concept: toConcept(item.concept),
    depth: toNumber(item.depth),
  }));
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
