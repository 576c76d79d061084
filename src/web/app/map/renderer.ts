/** The contract between the map and whoever draws it (the SVG first paint, or Cytoscape). */
import type { Viewport } from './layout.ts';
import type { Scene } from './scene.ts';

export interface MapEvents {
  select(id: string): void;
  expand(id: string): void;
  edge(id: string): void;
  background(): void;
}

export interface Renderer {
  readonly kind: 'svg' | 'cytoscape';
  /** Draws the scene; `animate` moves nodes that stay from their old positions. */
  draw(scene: Scene, animate: boolean): void;
  setViewport(viewport: Viewport, animate: boolean): void;
  getViewport(): Viewport;
  /** The container changed size (shown again, window resized). */
  resize(): void;
  destroy(): void;
}
