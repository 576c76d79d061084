/**
 * The interactive map: Cytoscape draws the same scene as the SVG first paint (same positions,
 * label sides and bends) and adds panning, pinch-zoom and dragging. Loaded on demand by
 * `MapView`, in its own chunk with Cytoscape.
 */
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import { FOCUS_SIZE, LABEL_FONT, NODE_SIZE, type Viewport, wrapLabel } from './layout.ts';
import type { MapEvents, Renderer } from './renderer.ts';
import type { Scene, SceneEdge, SceneNode } from './scene.ts';
import { KIND_STYLES, TYPE_STYLES, typeLabel } from './styles.ts';

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function stylesheet(): StylesheetJson {
  const style: StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        width: NODE_SIZE,
        height: NODE_SIZE,
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        'font-size': LABEL_FONT,
        color: '#1f2328',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 5,
        // Lines are broken by `wrapLabel`, as in the SVG and the layout's size estimates.
        'text-wrap': 'wrap',
        'text-max-width': '1000px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 1,
        'text-background-padding': '2px',
        'text-background-shape': 'roundrectangle',
        'border-width': 2,
        'border-color': '#ffffff',
        'overlay-padding': 4,
      },
    },
    { selector: 'node.label-top', style: { 'text-valign': 'top', 'text-margin-y': -5 } },
    {
      selector: 'node.label-left',
      style: { 'text-valign': 'center', 'text-halign': 'left', 'text-margin-x': -5, 'text-margin-y': 0 },
    },
    {
      selector: 'node.label-right',
      style: { 'text-valign': 'center', 'text-halign': 'right', 'text-margin-x': 5, 'text-margin-y': 0 },
    },
    {
      selector: 'node.focus, node.goal',
      style: {
        width: FOCUS_SIZE,
        height: FOCUS_SIZE,
        'border-width': 4,
        'border-color': '#1f2328',
        'font-weight': 'bold',
      },
    },
    {
      selector: 'node.expanded',
      style: { 'border-style': 'double', 'border-width': 5, 'border-color': '#1f2328' },
    },
    {
      selector: 'node.fresh',
      style: {
        'underlay-color': '#2da44e',
        'underlay-opacity': 0.35,
        'underlay-padding': 8,
        'underlay-shape': 'ellipse',
      },
    },
    {
      selector: 'node.next',
      style: { 'underlay-color': '#0969da', 'underlay-opacity': 0.25, 'underlay-padding': 7 },
    },
    { selector: 'node.done', style: { opacity: 0.55 } },
    {
      selector: 'node.selected',
      style: {
        'border-width': 4,
        'border-color': '#fb8500',
        'underlay-color': '#fb8500',
        'underlay-opacity': 0.3,
        'underlay-padding': 7,
      },
    },
    {
      selector: 'edge',
      style: {
        width: 2,
        'curve-style': 'unbundled-bezier',
        'control-point-distances': 'data(bend)',
        'control-point-weights': 0.5,
        'arrow-scale': 1.2,
        'font-size': 12,
        color: '#1f2328',
        'text-background-color': '#ffffff',
        'text-background-opacity': 1,
        'text-background-padding': '2px',
        'overlay-padding': 4,
      },
    },
    { selector: 'edge.alternative', style: { opacity: 0.8 } },
    { selector: 'edge.fresh', style: { width: 3 } },
    {
      selector: 'edge.highlight, edge.selected',
      style: { width: 4, label: 'data(label)', 'font-weight': 'bold', 'z-index': 10 },
    },
    {
      selector: 'edge.selected',
      style: { 'underlay-color': '#fb8500', 'underlay-opacity': 0.35, 'underlay-padding': 4 },
    },
  ];
  for (const [kind, s] of Object.entries(KIND_STYLES)) {
    style.push({
      selector: `node[kind = "${kind}"]`,
      style: { 'background-color': s.color, shape: s.shape },
    });
  }
  for (const [type, s] of Object.entries(TYPE_STYLES)) {
    style.push({
      selector: `edge[type = "${type}"]`,
      style: {
        'line-color': s.color,
        'line-style': s.line,
        'target-arrow-color': s.color,
        'target-arrow-shape': s.arrow,
        'target-arrow-fill': 'hollow' in s && s.hollow ? 'hollow' : 'filled',
      },
    });
  }
  return style;
}

const nodeClasses = (node: SceneNode) => [...node.classes, `label-${node.side}`].join(' ');
const edgeData = (edge: SceneEdge) => ({
  id: edge.id,
  source: edge.source,
  target: edge.target,
  type: edge.type,
  bend: edge.bend,
  label: typeLabel(edge.type).toLowerCase(),
});

export class CytoscapeRenderer implements Renderer {
  readonly kind = 'cytoscape';
  readonly cy: Core;

  constructor(
    private readonly container: HTMLElement,
    events: MapEvents,
  ) {
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.1,
      maxZoom: 3,
      boxSelectionEnabled: false,
      autounselectify: true,
    });
    this.cy.on('tap', 'node', (event) => events.select(event.target.id()));
    this.cy.on('dbltap', 'node', (event) => events.expand(event.target.id()));
    this.cy.on('tap', 'edge', (event) => events.edge(event.target.id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) events.background();
    });
  }

  draw(scene: Scene, animate: boolean): void {
    const wanted = new Set([...scene.nodes.map((n) => n.id), ...scene.edges.map((e) => e.id)]);
    const moves: { id: string; x: number; y: number }[] = [];
    this.cy.batch(() => {
      this.cy
        .elements()
        .filter((e) => !wanted.has(e.id()))
        .remove();
      const additions: ElementDefinition[] = [];
      for (const node of scene.nodes) {
        const existing = this.cy.getElementById(node.id);
        const data = { id: node.id, label: wrapLabel(node.label).join('\n'), kind: node.kind };
        if (existing.nonempty()) {
          existing.data(data);
          existing.classes(nodeClasses(node));
          const p = existing.position();
          if (Math.abs(p.x - node.x) > 0.5 || Math.abs(p.y - node.y) > 0.5) {
            if (animate) moves.push({ id: node.id, x: node.x, y: node.y });
            else existing.position({ x: node.x, y: node.y });
          }
        } else {
          additions.push({
            group: 'nodes',
            data,
            classes: nodeClasses(node),
            position: { x: node.x, y: node.y },
          });
        }
      }
      for (const edge of scene.edges) {
        const existing = this.cy.getElementById(edge.id);
        if (existing.nonempty()) {
          existing.data(edgeData(edge));
          existing.classes(edge.classes.join(' '));
        } else additions.push({ group: 'edges', data: edgeData(edge), classes: edge.classes.join(' ') });
      }
      this.cy.add(additions);
    });
    const duration = reducedMotion() ? 0 : 300;
    for (const move of moves) {
      this.cy.getElementById(move.id).animate({ position: { x: move.x, y: move.y } }, { duration });
    }
  }

  setViewport(viewport: Viewport, animate: boolean): void {
    if (animate && !reducedMotion())
      this.cy.animate({ zoom: viewport.zoom, pan: viewport.pan }, { duration: 300 });
    else this.cy.viewport({ zoom: viewport.zoom, pan: viewport.pan });
  }

  getViewport(): Viewport {
    return { zoom: this.cy.zoom(), pan: { ...this.cy.pan() } };
  }

  resize(): void {
    this.cy.resize();
  }

  destroy(): void {
    this.cy.destroy();
  }
}
