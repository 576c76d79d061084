/**
 * The one order of the relationships a subgraph or a traversal returns (`Subgraph.edges`,
 * `Traversal.edges`): by the slug they start from, then type, then the slug they point to, in
 * code-unit order (as Neo4j sorts strings). Neo4j's own order of matched relationships is not
 * defined and changes with the store, so the answer sorts them once it is assembled.
 */
import type { Relation } from '../domain.ts';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Comparator for `Array.prototype.sort`: from-slug, then type, then to-slug. */
export const byFromTypeTo = (a: Relation, b: Relation): number =>
  compare(a.from, b.from) || compare(a.type, b.type) || compare(a.to, b.to);

/** A sorted copy of `edges` (see `byFromTypeTo`). */
export const inEdgeOrder = (edges: readonly Relation[]): Relation[] => [...edges].sort(byFromTypeTo);
