/**
 * The Cytoscape canvas: adds subgraphs without duplicates, remembers which expansion brought each
 * node in (so it can be collapsed again), lays the map out, and reports taps back to the page.
 */
import cytoscape, {
  type Core,
  type ElementDefinition,
  type LayoutOptions,
  type NodeSingular,
} from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { ConceptRef, RelationRef } from './api.ts';
import { cytoscapeStyle, typeStyle } from './styles.ts';

cytoscape.use(fcose);

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export interface GraphEvents {
  select: (slug: string) => void;
  expand: (slug: string) => void;
  edge: (edge: RelationRef) => void;
  background: () => void;
}

export function relationLabel(type: string): string {
  return typeStyle(type)
    .outgoing.replace(/ \(.*\)$/, '')
    .toLowerCase();
}

export class GraphView {
  readonly cy: Core;

  constructor(container: HTMLElement, events: GraphEvents) {
    this.cy = cytoscape({
      container,
      style: cytoscapeStyle(),
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event) => events.select(event.target.id()));
    this.cy.on('dbltap', 'node', (event) => events.expand(event.target.id()));
    this.cy.on('tap', 'edge', (event) => events.edge(event.target.data('relation') as RelationRef));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) events.background();
    });
  }

  clear(): void {
    this.cy.elements().remove();
  }

  has(slug: string): boolean {
    return this.cy.getElementById(slug).nonempty();
  }

  slugs(): string[] {
    return this.cy.nodes().map((node) => node.id());
  }

  node(slug: string): NodeSingular | undefined {
    const node = this.cy.getElementById(slug);
    return node.nonempty() && node.isNode() ? node : undefined;
  }

  /**
   * Adds concepts and relations not yet on the map; relations whose ends are not both on it are
   * left out. New nodes start around `near` so an incremental layout moves little. Returns the
   * slugs added.
   */
  add(
    concepts: ConceptRef[],
    relations: RelationRef[],
    options: {
      addedBy?: string;
      near?: string;
      label?: (c: ConceptRef) => string;
      classes?: (c: ConceptRef) => string;
    } = {},
  ): string[] {
    const added: string[] = [];
    const elements: ElementDefinition[] = [];
    const centre = options.near ? this.node(options.near)?.position() : undefined;
    const fresh = concepts.filter(
      (c, i) => !this.has(c.slug) && concepts.findIndex((d) => d.slug === c.slug) === i,
    );
    for (const [i, concept] of fresh.entries()) {
      added.push(concept.slug);
      const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
      elements.push({
        group: 'nodes',
        data: {
          id: concept.slug,
          label: options.label ? options.label(concept) : concept.name,
          name: concept.name,
          kind: concept.kind,
          addedBy: options.addedBy ?? '',
        },
        classes: options.classes?.(concept) ?? '',
        position: centre
          ? { x: centre.x + 140 * Math.cos(angle), y: centre.y + 140 * Math.sin(angle) }
          : undefined,
      });
    }
    const present = new Set([...this.slugs(), ...added]);
    for (const relation of relations) {
      if (this.cy.getElementById(relation.id).nonempty()) continue;
      if (!present.has(relation.fromSlug) || !present.has(relation.toSlug)) continue;
      if (relation.fromSlug === relation.toSlug) continue;
      elements.push({
        group: 'edges',
        data: {
          id: relation.id,
          source: relation.fromSlug,
          target: relation.toSlug,
          type: relation.type,
          label: relationLabel(relation.type),
          relation,
        },
      });
    }
    this.cy.add(elements);
    return added;
  }

  remove(slugs: string[]): void {
    for (const slug of slugs) this.cy.getElementById(slug).remove();
  }

  /** Nodes the expansion of `slug` brought in. */
  addedBy(slug: string): string[] {
    return this.cy
      .nodes()
      .filter((n) => n.data('addedBy') === slug)
      .map((n) => n.id());
  }

  /** Force-directed layout; `incremental` keeps current positions as the starting point. */
  layout(incremental = false): Promise<void> {
    if (this.cy.nodes().length === 0) return Promise.resolve();
    const animate = incremental && !reducedMotion();
    const options = {
      name: 'fcose',
      quality: 'default',
      randomize: !incremental,
      animate,
      animationDuration: 350,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: 110,
      nodeRepulsion: 9000,
      nodeSeparation: 90,
      packComponents: true,
    } as LayoutOptions;
    return this.run(options);
  }

  /** Fixed positions (learning path columns, path rows). */
  preset(positions: Record<string, { x: number; y: number }>): Promise<void> {
    return this.run({ name: 'preset', positions, fit: true, padding: 50, animate: false } as LayoutOptions);
  }

  private run(options: LayoutOptions): Promise<void> {
    return new Promise((done) => {
      const layout = this.cy.layout(options);
      layout.one('layoutstop', () => done());
      layout.run();
    });
  }

  fit(): void {
    this.cy.animate(
      { fit: { eles: this.cy.elements(':visible'), padding: 40 } },
      { duration: reducedMotion() ? 0 : 250 },
    );
  }

  zoom(factor: number): void {
    const extent = this.cy.extent();
    this.cy.zoom({
      level: this.cy.zoom() * factor,
      position: { x: (extent.x1 + extent.x2) / 2, y: (extent.y1 + extent.y2) / 2 },
    });
  }

  select(slug: string | undefined): void {
    this.cy.elements().unselect();
    if (!slug) return;
    const node = this.node(slug);
    if (!node) return;
    node.select();
    if (!node.visible()) return;
    const box = this.cy.extent();
    const { x, y } = node.position();
    if (x < box.x1 || x > box.x2 || y < box.y1 || y > box.y2)
      this.cy.animate({ center: { eles: node } }, { duration: 200 });
  }

  /** Hides nodes of the given kinds (never `keep`), and the edges that touch them. */
  hideKinds(kinds: string[], keep: string): void {
    const hidden = new Set(kinds);
    this.cy.batch(() => {
      for (const node of this.cy.nodes()) {
        node.toggleClass('kind-hidden', hidden.has(node.data('kind')) && node.id() !== keep);
      }
    });
  }
}
