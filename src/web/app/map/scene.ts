/**
 * What the map shows, independent of who draws it: nodes with their positions, label sides and
 * classes, edges with their bends. Every mode builds a scene; the SVG first paint and Cytoscape
 * both draw the same one, and the table view lists it.
 */
import { type Box, bounds, FOCUS_SIZE, type LabelSide, NODE_SIZE, nodeBox } from './layout.ts';

export type NodeClass =
  | 'focus'
  | 'goal'
  | 'step'
  | 'expanded'
  | 'fresh'
  | 'selected'
  | 'done'
  | 'next'
  | 'alternative';

export interface SceneNode {
  id: string;
  name: string;
  kind: string;
  /** Text drawn next to the node (the name, or "3. VXLAN" in a study plan). */
  label: string;
  x: number;
  y: number;
  side: LabelSide;
  classes: NodeClass[];
  /** Depth from the focus, or the expansion that brought it in (for the table). */
  note?: string;
}

export type EdgeClass = 'highlight' | 'selected' | 'fresh' | 'alternative';

export interface SceneEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  note: string | null;
  /** Perpendicular offset of the curve's control point (0 = straight); see `bendPoint`. */
  bend: number;
  classes: EdgeClass[];
}

export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
  /** The node a view that cannot show everything readably centres on. */
  anchor?: string;
  /** Columns (study plans, routes, explore on a phone) start at the top instead. */
  align?: 'centre' | 'top';
  /** One line for screen readers and the caption ("20 concepts, 35 relationships"). */
  caption: string;
}

export const emptyScene = (caption = ''): Scene => ({ nodes: [], edges: [], caption });

export const nodeSize = (node: SceneNode) =>
  node.classes.includes('focus') || node.classes.includes('goal') ? FOCUS_SIZE : NODE_SIZE;

export const sceneNodeBox = (node: SceneNode): Box =>
  nodeBox({ x: node.x, y: node.y }, node.side, node.label, nodeSize(node));

export const sceneBounds = (scene: Scene): Box | undefined => bounds(scene.nodes.map(sceneNodeBox));

/** Drops edges whose ends are not both in the scene (and self-loops), and duplicate ids. */
export function consistent(scene: Scene): Scene {
  const ids = new Set(scene.nodes.map((n) => n.id));
  const seen = new Set<string>();
  const edges = scene.edges.filter((e) => {
    if (seen.has(e.id) || e.source === e.target || !ids.has(e.source) || !ids.has(e.target)) return false;
    seen.add(e.id);
    return true;
  });
  return { ...scene, edges };
}

/** Parallel edges between the same two concepts fan out instead of drawing over each other. */
const pairKey = (edge: SceneEdge) =>
  edge.source < edge.target ? `${edge.source}\u0000${edge.target}` : `${edge.target}\u0000${edge.source}`;

export function spreadParallel(edges: SceneEdge[]): SceneEdge[] {
  const groups = new Map<string, SceneEdge[]>();
  for (const edge of edges) {
    const key = pairKey(edge);
    const group = groups.get(key) ?? [];
    group.push(edge);
    groups.set(key, group);
  }
  return edges.map((edge) => {
    const group = groups.get(pairKey(edge)) ?? [edge];
    if (group.length < 2) return edge;
    const i = group.indexOf(edge);
    // Reversed edges have a flipped normal, so the same offset would land on the same side.
    const flip = edge.source > edge.target ? -1 : 1;
    return { ...edge, bend: edge.bend + flip * (i - (group.length - 1) / 2) * 28 };
  });
}
