/**
 * Where concepts go on the map, computed here rather than by a force simulation so that the same
 * link always draws the same picture and nothing random runs at load: a radial tree around the
 * focus (labels pointing outwards, so edges from the centre never cross them), fans for
 * expansions, a vertical arc diagram for study plans and a column for routes; then overlapping
 * node-and-label boxes are pushed apart. Pure functions, unit-tested.
 */

export interface Point {
  x: number;
  y: number;
}

export type LabelSide = 'bottom' | 'top' | 'left' | 'right';

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Model-space sizes, shared with the renderers' stylesheets. */
export const NODE_SIZE = 30;
export const FOCUS_SIZE = 46;
export const LABEL_FONT = 13;
export const LABEL_MAX_WIDTH = 130;
const LINE_HEIGHT = 1.25;
/** Average glyph width of a system sans-serif, generous so estimates err towards more room. */
const CHAR_WIDTH = 0.63;
const LABEL_GAP = 5;

/** Splits a label into the lines a renderer wrapping at `maxWidth` would draw. */
export function wrapLabel(label: string, font = LABEL_FONT, maxWidth = LABEL_MAX_WIDTH): string[] {
  const perLine = Math.max(4, Math.floor(maxWidth / (font * CHAR_WIDTH)));
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= perLine) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

export function labelSize(label: string, font = LABEL_FONT, maxWidth = LABEL_MAX_WIDTH) {
  const lines = wrapLabel(label, font, maxWidth);
  const longest = Math.max(...lines.map((l) => l.length));
  return {
    width: Math.min(maxWidth, longest * font * CHAR_WIDTH) + 4,
    height: lines.length * font * LINE_HEIGHT + 4,
  };
}

/** The box a node and its label take together. */
export function nodeBox(p: Point, side: LabelSide, label: string, size = NODE_SIZE, font = LABEL_FONT): Box {
  const { width, height } = labelSize(label, font);
  const half = size / 2;
  const node = { x1: p.x - half, y1: p.y - half, x2: p.x + half, y2: p.y + half };
  switch (side) {
    case 'bottom':
      return union(node, {
        x1: p.x - width / 2,
        y1: p.y + half,
        x2: p.x + width / 2,
        y2: p.y + half + LABEL_GAP + height,
      });
    case 'top':
      return union(node, {
        x1: p.x - width / 2,
        y1: p.y - half - LABEL_GAP - height,
        x2: p.x + width / 2,
        y2: p.y - half,
      });
    case 'left':
      return union(node, {
        x1: p.x - half - LABEL_GAP - width,
        y1: p.y - height / 2,
        x2: p.x - half,
        y2: p.y + height / 2,
      });
    case 'right':
      return union(node, {
        x1: p.x + half,
        y1: p.y - height / 2,
        x2: p.x + half + LABEL_GAP + width,
        y2: p.y + height / 2,
      });
  }
}

export const union = (a: Box, b: Box): Box => ({
  x1: Math.min(a.x1, b.x1),
  y1: Math.min(a.y1, b.y1),
  x2: Math.max(a.x2, b.x2),
  y2: Math.max(a.y2, b.y2),
});

export const overlaps = (a: Box, b: Box, pad = 0) =>
  a.x1 < b.x2 + pad && b.x1 < a.x2 + pad && a.y1 < b.y2 + pad && b.y1 < a.y2 + pad;

/** The label side facing away from `from` (the centre, or the node an expansion grew from). */
export function sideAway(from: Point, to: Point): LabelSide {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  if (dx === 0 && dy === 0) return 'bottom';
  return Math.abs(dx) >= Math.abs(dy) * 0.8 ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'bottom' : 'top';
}

export interface RadialInput {
  id: string;
  label: string;
  /** For depth-2 nodes: the depth-1 node they hang from. */
  parent?: string;
}

export interface Placement extends Point {
  side: LabelSide;
}

/**
 * A radial tree: the centre in the middle, depth-1 nodes on an ellipse in the given order, each
 * with an angular sector proportional to its subtree, and their children further out inside it.
 * `aspect` is width/height of the ellipse (1 = circle); wide boxes prefer wide ellipses.
 */
export function radialLayout(
  centre: { id: string; label: string },
  ring1: RadialInput[],
  ring2: RadialInput[],
  aspect = 1.3,
): Map<string, Placement> {
  const out = new Map<string, Placement>();
  out.set(centre.id, { x: 0, y: 0, side: 'bottom' });
  if (ring1.length === 0) return out;
  const children = new Map<string, RadialInput[]>();
  for (const node of ring2) {
    const list = children.get(node.parent ?? '') ?? [];
    list.push(node);
    children.set(node.parent ?? '', list);
  }
  const weight = (n: RadialInput) => Math.max(1, (children.get(n.id)?.length ?? 0) * 0.9);
  const total = ring1.reduce((sum, n) => sum + weight(n), 0);
  // Room along the ring: wide labels at the top and bottom, short heights at the sides; the
  // overlap pass fixes what this estimate misses.
  const extent = (n: RadialInput) => {
    const { width, height } = labelSize(n.label);
    return (width + height) / 2 + 24;
  };
  const circumference1 = ring1.reduce((sum, n) => sum + extent(n), 0);
  const r1 = Math.max(140, circumference1 / (2 * Math.PI));
  // Depth-2 concepts sit in up to three staggered rows inside their parent's sector; most of
  // their labels point outwards, so each needs little room along the ring.
  const rows = ring2.length > 24 ? 3 : ring2.length > 8 ? 2 : 1;
  const r2 = Math.max(r1 + 160, (ring2.length * 52) / rows / (2 * Math.PI));
  const sx = Math.sqrt(aspect);
  const sy = 1 / sx;
  let angle = -Math.PI / 2;
  for (const node of ring1) {
    const sector = (2 * Math.PI * weight(node)) / total;
    const mid = angle + sector / 2;
    const p = { x: r1 * sx * Math.cos(mid), y: r1 * sy * Math.sin(mid) };
    out.set(node.id, { ...p, side: sideAway({ x: 0, y: 0 }, p) });
    const kids = children.get(node.id) ?? [];
    kids.forEach((kid, i) => {
      const a = angle + (sector * (i + 0.5)) / kids.length;
      const r = r2 + (i % rows) * 95;
      const q = { x: r * sx * Math.cos(a), y: r * sy * Math.sin(a) };
      out.set(kid.id, { ...q, side: sideAway({ x: 0, y: 0 }, q) });
    });
    angle += sector;
  }
  // Depth-2 nodes without a known parent go round the outside, evenly.
  const orphans = ring2.filter((n) => !n.parent || !out.has(n.parent));
  orphans.forEach((node, i) => {
    if (out.has(node.id)) return;
    const a = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / orphans.length;
    const q = { x: (r2 + rows * 95) * sx * Math.cos(a), y: (r2 + rows * 95) * sy * Math.sin(a) };
    out.set(node.id, { ...q, side: sideAway({ x: 0, y: 0 }, q) });
  });
  return out;
}

/**
 * New nodes around `origin`, on an arc facing away from `away` (the map's centre), so an
 * expansion grows outwards into free space.
 */
export function fanLayout(
  origin: Point,
  away: Point,
  items: { id: string; label: string }[],
): Map<string, Placement> {
  const out = new Map<string, Placement>();
  if (items.length === 0) return out;
  const base =
    origin.x === away.x && origin.y === away.y
      ? Math.PI / 2
      : Math.atan2(origin.y - away.y, origin.x - away.x);
  const spread = Math.min(Math.PI * 1.6, 0.55 * items.length);
  const extent = items.reduce((sum, n) => sum + (labelSize(n.label).height + 40), 0);
  const radius = Math.max(170, extent / Math.max(spread, 0.6));
  items.forEach((item, i) => {
    const a = items.length === 1 ? base : base - spread / 2 + (spread * i) / (items.length - 1);
    const p = { x: origin.x + radius * Math.cos(a), y: origin.y + radius * Math.sin(a) };
    out.set(item.id, { ...p, side: sideAway(origin, p) });
  });
  return out;
}

/**
 * A tree read as a column (explore on a phone, where a ring cannot be both readable and on
 * screen): depth-first from the root, each concept under the one that brought it in, labels to
 * the right, each row as tall as its label needs.
 */
export function treeColumn(
  root: string,
  children: (id: string) => readonly string[],
  label: (id: string) => string,
  rest: readonly string[] = [],
): Map<string, Placement> {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    order.push(id);
    for (const child of children(id)) visit(child);
  };
  visit(root);
  for (const id of rest) visit(id);
  const out = new Map<string, Placement>();
  let y = 0;
  for (const id of order) {
    const height = Math.max(NODE_SIZE, labelSize(label(id)).height);
    out.set(id, { x: 0, y: y + height / 2, side: 'right' });
    y += height + 18;
  }
  return out;
}

/** A column in the given order, labels to the right (study plans and routes). */
export function columnLayout(ids: string[], gap = 56, x = 0): Map<string, Placement> {
  return new Map(ids.map((id, i) => [id, { x, y: i * gap, side: 'right' as LabelSide }]));
}

/**
 * Bend of an arc-diagram edge between two nodes of a column: the further apart, the wider the
 * arc, always bulging to the left of the column (away from the labels).
 */
export function arcBend(from: Point, to: Point, max = 260): number {
  const span = Math.abs(to.y - from.y);
  const bulge = Math.min(max, 24 + span * 0.35);
  // A positive bend moves the control point along (-dy, dx) (see `bendPoint`): to screen-left
  // for an edge going down the column, to screen-right for one going up.
  return to.y > from.y ? bulge : -bulge;
}

/** The control point a bend of `d` gives a quadratic curve from `a` to `b` (Cytoscape's convention). */
export function bendPoint(a: Point, b: Point, d: number): Point {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: (a.x + b.x) / 2 + (-dy / length) * d, y: (a.y + b.y) / 2 + (dx / length) * d };
}

/** Bend that makes an edge between two nodes around a centre curve towards the centre. */
export function bendTowards(a: Point, b: Point, centre: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const towards = (-dy / length) * (centre.x - mx) + (dx / length) * (centre.y - my);
  const amount = Math.min(0.35 * length, 120);
  return towards >= 0 ? amount : -amount;
}

export interface Separable {
  id: string;
  box: Box;
  pinned?: boolean;
}

/**
 * Pushes overlapping boxes apart along the axis of least overlap, a little at a time, until none
 * overlap (with `pad` between them) or `rounds` run out. Pinned boxes stay. Returns each box's
 * offset; deterministic (pairs in input order).
 */
export function separate(items: Separable[], pad = 10, rounds = 600): Map<string, Point> {
  const boxes = items.map((item) => ({ ...item.box }));
  const offsets = items.map(() => ({ x: 0, y: 0 }));
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i] as Box;
        const b = boxes[j] as Box;
        if (!overlaps(a, b, pad)) continue;
        const pinnedA = items[i]?.pinned === true;
        const pinnedB = items[j]?.pinned === true;
        if (pinnedA && pinnedB) continue;
        const ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + pad;
        const oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + pad;
        const acx = (a.x1 + a.x2) / 2;
        const bcx = (b.x1 + b.x2) / 2;
        const acy = (a.y1 + a.y2) / 2;
        const bcy = (b.y1 + b.y2) / 2;
        let dx = 0;
        let dy = 0;
        if (ox < oy) dx = (bcx >= acx ? 1 : -1) * ox;
        else dy = (bcy >= acy ? 1 : -1) * oy;
        const shareA = pinnedA ? 0 : pinnedB ? 1 : 0.5;
        const shareB = 1 - shareA;
        move(a, offsets[i] as Point, -dx * shareA, -dy * shareA);
        move(b, offsets[j] as Point, dx * shareB, dy * shareB);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return new Map(items.map((item, i) => [item.id, offsets[i] as Point]));
}

function move(box: Box, offset: Point, dx: number, dy: number) {
  box.x1 += dx;
  box.x2 += dx;
  box.y1 += dy;
  box.y2 += dy;
  offset.x += dx;
  offset.y += dy;
}

/** Pairs of boxes that overlap: the measure the browser tests hold at zero. */
export function overlappingPairs(boxes: { id: string; box: Box }[]): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a && b && overlaps(a.box, b.box)) pairs.push([a.id, b.id]);
    }
  }
  return pairs;
}

export function bounds(boxes: Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  return boxes.reduce(union);
}

export interface Viewport {
  zoom: number;
  pan: Point;
}

/**
 * The default view of a map: everything fits when it can; never so far out that labels drop
 * under `minZoom` (11 px on a phone), in which case it centres on `anchor` instead.
 */
export function fitViewport(
  content: Box,
  width: number,
  height: number,
  options: {
    padding?: number;
    minZoom: number;
    maxZoom: number;
    anchor?: Point;
    /** When it does not fit: centre on the anchor, or start at the top (columns read downwards). */
    align?: 'centre' | 'top';
  },
): Viewport {
  const padding = options.padding ?? 24;
  const w = Math.max(1, content.x2 - content.x1);
  const h = Math.max(1, content.y2 - content.y1);
  const fit = Math.min((width - 2 * padding) / w, (height - 2 * padding) / h);
  const zoom = Math.max(options.minZoom, Math.min(options.maxZoom, fit));
  const clamped = zoom > fit + 1e-9;
  const middle = { x: (content.x1 + content.x2) / 2, y: (content.y1 + content.y2) / 2 };
  if (clamped && options.align === 'top') {
    const fitsAcross = w * zoom <= width - 2 * padding;
    const x = fitsAcross ? middle.x : (options.anchor?.x ?? middle.x);
    return { zoom, pan: { x: width / 2 - x * zoom, y: padding - content.y1 * zoom } };
  }
  const centre = clamped && options.anchor ? options.anchor : middle;
  return { zoom, pan: { x: width / 2 - centre.x * zoom, y: height / 2 - centre.y * zoom } };
}
