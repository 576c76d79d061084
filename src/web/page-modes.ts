/**
 * The page's modes and how each is shown by default, shared by the page (url-state.ts) and the
 * server (serve.ts writes them onto <body> so the first paint already has the mode's layout).
 */
export type Mode = 'roadmap' | 'explore' | 'learn' | 'path';
export const MODES: readonly Mode[] = ['roadmap', 'explore', 'learn', 'path'];

/** The map, or the textual alternative of the same content (table, study plan, outline). */
export type Presentation = 'map' | 'list';

export const defaultPresentation = (mode: Mode): Presentation =>
  mode === 'learn' || mode === 'roadmap' ? 'list' : 'map';

/** Mode and presentation a page address asks for (anything unknown falls back to the default). */
export function pageLayout(search: string): { mode: Mode; presentation: Presentation } {
  const params = new URLSearchParams(search);
  const raw = params.get('mode');
  const mode = MODES.find((m) => m === raw) ?? 'explore';
  const view = params.get('view');
  return { mode, presentation: view === 'map' || view === 'list' ? view : defaultPresentation(mode) };
}
