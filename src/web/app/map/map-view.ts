/**
 * The map as the rest of the page sees it: show a scene, fit it readably, zoom. It paints with
 * SVG first and swaps in Cytoscape (a lazily loaded chunk) the moment the learner reaches for the
 * map — pointer over it, a touch, the wheel, keyboard focus — or when a test asks for it.
 */
import { fitViewport, LABEL_FONT, type Viewport } from './layout.ts';
import type { MapEvents, Renderer } from './renderer.ts';
import { emptyScene, type Scene, sceneBounds } from './scene.ts';
import { SvgRenderer } from './svg-renderer.ts';

/** How the view moves when a scene is shown. */
export type Framing = 'fit' | 'keep' | 'reveal';

/** Labels never drop under this many CSS pixels at the default zoom on a phone (11 px bar). */
export const PHONE_MIN_LABEL_PX = 11.5;
const DESKTOP_MIN_LABEL_PX = 9;

export class MapView {
  scene: Scene = emptyScene();
  private renderer: Renderer;
  private upgrading: Promise<void> | undefined;
  private lastPointerDown = 0;
  /** A scene was shown while the map was hidden (the list view) and is not drawn yet. */
  private stale = false;
  /** The container's size, kept by a ResizeObserver: reading clientWidth after every redraw forced layouts. */
  private box: { width: number; height: number };

  constructor(
    private readonly container: HTMLElement,
    private readonly events: MapEvents,
  ) {
    this.box = { width: container.clientWidth, height: container.clientHeight };
    new ResizeObserver(([entry]) => {
      if (entry) this.box = { width: entry.contentRect.width, height: entry.contentRect.height };
    }).observe(container);
    this.renderer = new SvgRenderer(container, events);
    const intent = () => void this.interactive();
    for (const type of ['pointerenter', 'touchstart', 'wheel', 'focusin'] as const) {
      container.addEventListener(type, intent, { once: true, passive: true });
    }
    container.addEventListener('pointerdown', () => (this.lastPointerDown = performance.now()), {
      passive: true,
    });
  }

  get rendererKind() {
    return this.renderer.kind;
  }

  /** Cytoscape's core once loaded (tests, debugging). */
  get cy(): unknown {
    return (this.renderer as { cy?: unknown }).cy;
  }

  private isPhone() {
    return this.box.width < 600;
  }

  /**
   * The shape radial maps are laid out to: wide on a laptop, tall on a phone. Two fixed values,
   * so one link draws the same map on every screen of a kind.
   */
  layoutAspect(): number {
    return this.isPhone() ? 0.75 : 1.3;
  }

  minZoom() {
    return (this.isPhone() ? PHONE_MIN_LABEL_PX : DESKTOP_MIN_LABEL_PX) / LABEL_FONT;
  }

  show(scene: Scene, framing: Framing, animate = false): void {
    this.scene = scene;
    // Behind the list view nothing of the map is seen: draw it when it is shown (`resize`).
    if (this.container.hidden) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const before = this.renderer.getViewport();
    const revealNeeded = framing === 'reveal' && !this.contains(scene, before);
    this.renderer.draw(scene, animate);
    if (framing === 'fit' || revealNeeded) this.fit(animate);
  }

  /** True when every node of the scene lies inside the current view. */
  private contains(scene: Scene, viewport: Viewport): boolean {
    const box = sceneBounds(scene);
    if (!box) return true;
    const { width, height } = this.box;
    const x1 = (0 - viewport.pan.x) / viewport.zoom;
    const y1 = (0 - viewport.pan.y) / viewport.zoom;
    const x2 = (width - viewport.pan.x) / viewport.zoom;
    const y2 = (height - viewport.pan.y) / viewport.zoom;
    return box.x1 >= x1 && box.y1 >= y1 && box.x2 <= x2 && box.y2 <= y2;
  }

  /** The default view: all of it when readable, else readable around the anchor. */
  defaultViewport(): Viewport | undefined {
    const box = sceneBounds(this.scene);
    if (!box) return undefined;
    const { width, height } = this.box;
    if (width === 0 || height === 0) return undefined;
    const anchor = this.scene.nodes.find((n) => n.id === this.scene.anchor);
    return fitViewport(box, width, height, {
      minZoom: this.minZoom(),
      maxZoom: 1.3,
      padding: this.isPhone() ? 12 : 24,
      anchor: anchor ? { x: anchor.x, y: anchor.y } : undefined,
      align: this.scene.align,
    });
  }

  fit(animate = true): void {
    const viewport = this.defaultViewport();
    if (viewport) this.renderer.setViewport(viewport, animate);
  }

  /** After the container was hidden or resized: measure again and frame the scene. */
  resize(): void {
    this.box = { width: this.container.clientWidth, height: this.container.clientHeight };
    if (this.stale && !this.container.hidden) {
      this.stale = false;
      this.renderer.draw(this.scene, false);
    }
    this.renderer.resize();
    this.fit(false);
  }

  zoom(factor: number): void {
    const { zoom, pan } = this.renderer.getViewport();
    const { width, height } = this.box;
    const next = Math.min(3, Math.max(0.1, zoom * factor));
    const cx = width / 2;
    const cy = height / 2;
    this.renderer.setViewport(
      { zoom: next, pan: { x: cx - ((cx - pan.x) * next) / zoom, y: cy - ((cy - pan.y) * next) / zoom } },
      false,
    );
  }

  viewport(): Viewport {
    return this.renderer.getViewport();
  }

  /** Swaps the SVG for Cytoscape (once); resolves when the interactive map is up. */
  interactive(): Promise<void> {
    this.upgrading ??= import('./cy-renderer.ts').then(async ({ CytoscapeRenderer }) => {
      // Never swap in the middle of a click or double-click on the SVG.
      while (performance.now() - this.lastPointerDown < 600) {
        await new Promise((done) => setTimeout(done, 100));
      }
      const viewport = this.renderer.getViewport();
      const next = new CytoscapeRenderer(this.container, this.events);
      next.draw(this.scene, false);
      this.stale = false;
      next.setViewport(viewport, false);
      this.renderer.destroy();
      this.renderer = next;
      this.container.dataset.renderer = 'cytoscape';
    });
    return this.upgrading;
  }
}
