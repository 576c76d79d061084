/** Graph health: counts by kind and type, and the integrity report (cycles, orphans, redundancy). */
import neo4j from 'neo4j-driver';
import { adjacency, findCycles, redundantEdges } from '../digraph.ts';
import { ACYCLIC_TYPES, type RelationType } from '../domain.ts';
import { toNumber } from '../neo4j/convert.ts';
import type { Reader } from '../neo4j/database.ts';
import { conceptProjection, type StoredConcept, toConcept } from './records.ts';

export interface GraphStats {
  concepts: number;
  relations: number;
  chapters: number;
  byKind: { kind: string; count: number }[];
  byType: { type: string; count: number }[];
  loadedAt: string | null;
  checksum: string | null;
}

export async function graphStats(db: Reader): Promise<GraphStats> {
  const { records } = await db.read(
    `OPTIONAL MATCH (m:GraphMeta {id: 'graph'})
     RETURN COUNT { (:Concept) } AS concepts,
            COUNT { (:Chapter) } AS chapters,
            COLLECT {
              MATCH (c:Concept) WITH c.kind AS kind, count(*) AS count
              RETURN {kind: kind, count: count} AS row ORDER BY kind
            } AS byKind,
            COLLECT {
              MATCH (:Concept)-[r]->(:Concept) WITH type(r) AS type, count(*) AS count
              RETURN {type: type, count: count} AS row ORDER BY type
            } AS byType,
            toString(m.loadedAt) AS loadedAt, m.checksum AS checksum`,
  );
  const record = records[0];
  const byType = ((record?.get('byType') as Record<string, unknown>[]) ?? []).map((r) => ({
    type: String(r.type),
    count: toNumber(r.count),
  }));
  return {
    concepts: toNumber(record?.get('concepts')),
    chapters: toNumber(record?.get('chapters')),
    relations: byType.reduce((sum, t) => sum + t.count, 0),
    byKind: ((record?.get('byKind') as Record<string, unknown>[]) ?? []).map((r) => ({
      kind: String(r.kind),
      count: toNumber(r.count),
    })),
    byType,
    loadedAt: (record?.get('loadedAt') as string | null) ?? null,
    checksum: (record?.get('checksum') as string | null) ?? null,
  };
}

export async function topBottlenecks(db: Reader, first: number): Promise<StoredConcept[]> {
  const { records } = await db.read(
    `MATCH (c:Concept) WHERE c.bottleneck IS NOT NULL
     WITH c ORDER BY c.bottleneck DESC, c.sortName LIMIT $first
     RETURN ${conceptProjection('c')} AS concept`,
    { first: neo4j.int(first) },
  );
  return records.map((r) => toConcept(r.get('concept')));
}

/** Above this many acyclic-type edges the integrity check refuses rather than load them all. */
export const INTEGRITY_MAX_EDGES = 250_000;

export interface IntegrityReport {
  cycles: { type: RelationType; slugs: string[] }[];
  orphans: StoredConcept[];
  redundantRequires: { from: string; to: string; via: string }[];
  uncoveredChapters: number[];
}

export class GraphTooLarge extends Error {}

export async function integrityReport(db: Reader): Promise<IntegrityReport> {
  const { records } = await db.read(
    `RETURN COLLECT {
              MATCH (a:Concept)-[r:${ACYCLIC_TYPES.join('|')}]->(b:Concept)
              RETURN [type(r), a.slug, b.slug] LIMIT $maxEdges
            } AS edges,
            COLLECT {
              MATCH (c:Concept) WHERE NOT EXISTS { (c)-[]-(:Concept) }
              RETURN ${conceptProjection('c')} ORDER BY c.sortName LIMIT 100
            } AS orphans,
            COLLECT {
              MATCH (ch:Chapter) WHERE NOT EXISTS { (:Concept)-[:COVERED_IN]->(ch) }
              RETURN ch.number ORDER BY ch.number
            } AS uncovered`,
    { maxEdges: neo4j.int(INTEGRITY_MAX_EDGES + 1) },
  );
  const record = records[0];
  const edges = ((record?.get('edges') as string[][]) ?? []).map(([type, from, to]) => ({
    type: type as RelationType,
    from: from as string,
    to: to as string,
  }));
  if (edges.length > INTEGRITY_MAX_EDGES)
    throw new GraphTooLarge(`more than ${INTEGRITY_MAX_EDGES} acyclic-type edges`);
  const cycles = ACYCLIC_TYPES.flatMap((type) =>
    findCycles(adjacency(edges.filter((e) => e.type === type))).map((slugs) => ({ type, slugs })),
  );
  return {
    cycles,
    orphans: ((record?.get('orphans') as unknown[]) ?? []).map(toConcept),
    redundantRequires: redundantEdges(adjacency(edges.filter((e) => e.type === 'REQUIRES'))),
    uncoveredChapters: ((record?.get('uncovered') as unknown[]) ?? []).map(toNumber),
  };
}

/** The checksum of the loaded graph (changes with every load that changes content); null if none. */
export async function graphChecksum(db: Reader): Promise<string | null> {
  const { records } = await db.read("MATCH (m:GraphMeta {id: 'graph'}) RETURN m.checksum AS checksum");
  return (records[0]?.get('checksum') as string | null | undefined) ?? null;
}
