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

/** Cypher map projection of a `Concept` node bound to `variable`. */
export const conceptProjection = (variable: string) =>
  `${variable} {.slug, .name, .kind, .summary, .aliases, .tags, .chapters, .background, .bottleneck, .sortName, .firstChapter}`;

/** Cypher map of a relationship `r` between `a` and `b` (the stored direction). */
export const relationProjection = (r: string, a: string, b: string) =>
  `{type: type(${r}), from: ${a}.slug, to: ${b}.slug, note: ${r}.note, chapter: ${r}.chapter}`;

export function toConcept(value: unknown): StoredConcept {
  const map = value as Record<string, unknown>;
  return {
    slug: String(map.slug),
    name: String(map.name),
    kind: String(map.kind) as ConceptKind,
    summary: String(map.summary ?? ''),
    aliases: toStringArray(map.aliases),
    tags: toStringArray(map.tags),
    chapters: (Array.isArray(map.chapters) ? map.chapters : []).map((n) => plain<number>(n)),
    background: map.background === true,
    bottleneck: toNumberOrNull(map.bottleneck),
    sortName: String(map.sortName ?? map.name).toString(),
    firstChapter: toNumberOrNull(map.firstChapter),
  };
}

export function toRelation(value: unknown): Relation {
  const map = value as Record<string, unknown>;
  return {
    type: String(map.type) as RelationType,
    from: String(map.from),
    to: String(map.to),
    note: map.note === null || map.note === undefined ? null : String(map.note),
    chapter: toNumberOrNull(map.chapter),
  };
}
