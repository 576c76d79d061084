/**
 * The map's first paint: the scene as a static SVG, drawn without Cytoscape so the page is
 * readable (and clickable) before the 450 kB renderer has loaded. It answers clicks and
 * double-clicks itself; panning, zooming and dragging arrive with Cytoscape, which `MapView`
 * loads as soon as the learner reaches for the map.
 */
import { bendPoint, LABEL_FONT, type Point, type Viewport, wrapLabel } from './layout.ts';
import type { MapEvents, Renderer } from './renderer.ts';
import { nodeSize, type Scene, type SceneEdge, type SceneNode } from './scene.ts';
import { kindStyle, SHAPE_POINTS, typeLabel, typeStyle } from './styles.ts';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  ...children: SVGElement[]
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}

const DASH: Record<string, string> = { solid: '', dashed: '7 5', dotted: '2 4' };

function shape(node: SceneNode): SVGElement {
  const size = nodeSize(node);
  const style = kindStyle(node.kind);
  const points = SHAPE_POINTS[style.shape];
  const common = { fill: style.color, class: 'shape' };
  if (points === 'circle') return el('circle', { ...common, cx: 0, cy: 0, r: size / 2 });
  if (points === 'rect') {
    return el('rect', {
      ...common,
      x: -size / 2,
      y: -size * 0.42,
      width: size,
      height: size * 0.84,
      rx: size / 4,
    });
  }
  return el('polygon', {
    ...common,
    points: points
      .map(([x, y]) => `${((x - 0.5) * size).toFixed(1)},${((y - 0.5) * size).toFixed(1)}`)
      .join(' '),
  });
}

function label(node: SceneNode): SVGElement {
  const lines = wrapLabel(node.label);
  const half = nodeSize(node) / 2 + 5;
  const lineHeight = LABEL_FONT * 1.25;
  const height = lines.length * lineHeight;
  let x = 0;
  let y = 0;
  let anchor = 'middle';
  if (node.side === 'bottom') y = half + LABEL_FONT;
  else if (node.side === 'top') y = -half - height + LABEL_FONT;
  else {
    x = node.side === 'right' ? half : -half;
    anchor = node.side === 'right' ? 'start' : 'end';
    y = -height / 2 + LABEL_FONT;
  }
  const text = el('text', { x, y, 'text-anchor': anchor, class: 'label' });
  lines.forEach((line, i) => {
    const span = el('tspan', { x, dy: i === 0 ? 0 : lineHeight });
    span.textContent = line;
    text.append(span);
  });
  return text;
}

/** Where an edge leaves `from` heading for `towards`: on its border, so arrowheads show. */
function pull(from: SceneNode, towards: Point): Point {
  const r = nodeSize(from) / 2 + 2;
  const dx = towards.x - from.x;
  const dy = towards.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / length) * r, y: from.y + (dy / length) * r };
}

const fmt = (p: Point) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`;

export class SvgRenderer implements Renderer {
  readonly kind = 'svg';
  private readonly svg: SVGSVGElement;
  private readonly root: SVGGElement;
  private viewport: Viewport = { zoom: 1, pan: { x: 0, y: 0 } };

  constructor(
    private readonly container: HTMLElement,
    events: MapEvents,
  ) {
    this.root = el('g', {});
    this.svg = el(
      'svg',
      { class: 'map-svg', width: '100%', height: '100%', 'aria-hidden': 'true' },
      this.root,
    );
    container.append(this.svg);
    // Double-clicks are recognised here, by id: the first click redraws the SVG, so the browser's
    // own dblclick would see two different elements.
    let last = { id: '', at: 0 };
    this.svg.addEventListener('click', (event) => {
      const target = event.target as Element;
      const node = target.closest('[data-node]')?.getAttribute('data-node');
      const edge = target.closest('[data-edge]')?.getAttribute('data-edge');
      if (node) {
        const double = last.id === node && event.timeStamp - last.at < 450;
        last = double ? { id: '', at: 0 } : { id: node, at: event.timeStamp };
        if (double) events.expand(node);
        else events.select(node);
      } else if (edge) events.edge(edge);
      else events.background();
    });
  }

  draw(scene: Scene): void {
    const byId = new Map(scene.nodes.map((n) => [n.id, n]));
    const markers = new Map<string, SVGElement>();
    const edges = scene.edges.flatMap((edge) => {
      const a = byId.get(edge.source);
      const b = byId.get(edge.target);
      return a && b ? [this.edge(edge, a, b, markers)] : [];
    });
    const nodes = scene.nodes.map((node) =>
      el(
        'g',
        {
          'data-node': node.id,
          class: ['node', ...node.classes].join(' '),
          transform: `translate(${node.x.toFixed(1)},${node.y.toFixed(1)})`,
        },
        shape(node),
        label(node),
      ),
    );
    this.root.replaceChildren(el('defs', {}, ...markers.values()), ...edges, ...nodes);
  }

  private edge(edge: SceneEdge, a: SceneNode, b: SceneNode, markers: Map<string, SVGElement>): SVGElement {
    const style = typeStyle(edge.type);
    const control = bendPoint(a, b, edge.bend);
    const straight = edge.bend === 0;
    const start = pull(a, straight ? b : control);
    const end = pull(b, straight ? a : control);
    const d = straight ? `M${fmt(start)} L${fmt(end)}` : `M${fmt(start)} Q${fmt(control)} ${fmt(end)}`;
    const markerId = `arrow-${edge.type}`;
    if (style.arrow !== 'none' && !markers.has(markerId)) {
      markers.set(
        markerId,
        el(
          'marker',
          {
            id: markerId,
            viewBox: '0 0 10 10',
            refX: 9,
            refY: 5,
            markerWidth: 12,
            markerHeight: 12,
            markerUnits: 'userSpaceOnUse',
            orient: 'auto',
          },
          el('path', {
            d: 'M1,1 L9,5 L1,9 z',
            fill: style.hollow ? '#ffffff' : style.color,
            stroke: style.color,
            'stroke-width': 1.5,
          }),
        ),
      );
    }
    const attrs: Record<string, string | number> = {
      d,
      fill: 'none',
      stroke: style.color,
      'stroke-width': edge.classes.includes('highlight') ? 4 : 2,
      class: 'line',
    };
    if (DASH[style.line]) attrs['stroke-dasharray'] = DASH[style.line] as string;
    if (style.arrow !== 'none') attrs['marker-end'] = `url(#${markerId})`;
    const group = el(
      'g',
      { 'data-edge': edge.id, class: ['edge', ...edge.classes].join(' ') },
      el('path', { d, fill: 'none', stroke: 'transparent', 'stroke-width': 12 }),
      el('path', attrs),
    );
    if (edge.classes.includes('highlight') || edge.classes.includes('selected')) {
      // Where a quadratic curve peaks: halfway to its control point.
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const at = straight ? mid : { x: (mid.x + control.x) / 2, y: (mid.y + control.y) / 2 };
      const text = el('text', {
        x: at.x.toFixed(1),
        y: (at.y + 4).toFixed(1),
        'text-anchor': 'middle',
        class: 'label edge-label',
      });
      text.textContent = typeLabel(edge.type).toLowerCase();
      group.append(text);
    }
    return group;
  }

  setViewport(viewport: Viewport): void {
    this.viewport = viewport;
    this.root.setAttribute(
      'transform',
      `translate(${viewport.pan.x.toFixed(1)},${viewport.pan.y.toFixed(1)}) scale(${viewport.zoom.toFixed(4)})`,
    );
  }

  getViewport(): Viewport {
    return this.viewport;
  }

  resize(): void {}

  destroy(): void {
    this.svg.remove();
  }
}
