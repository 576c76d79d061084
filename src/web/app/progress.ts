/**
 * A learner's progress — goals, what they knew, what they have studied since — kept in this
 * browser across visits (localStorage) and carried by the page's link, so "Copy link" exports it
 * to another device. A link that names any of them wins over what is stored, and is stored.
 */
import type { Store } from './store.ts';
import type { ViewState } from './url-state.ts';

const KEY = 'concept-map:progress:v1';

export interface Progress {
  goals: string[];
  known: string[];
  done: string[];
}

const SLUG = /^[a-z0-9][a-z0-9.-]{0,99}$/;
const slugs = (value: unknown, max: number): string[] =>
  Array.isArray(value)
    ? value.filter((s): s is string => typeof s === 'string' && SLUG.test(s)).slice(0, max)
    : [];

export function loadProgress(): Progress | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    return { goals: slugs(parsed.goals, 20), known: slugs(parsed.known, 500), done: slugs(parsed.done, 500) };
  } catch {
    return undefined;
  }
}

export function saveProgress(s: Pick<ViewState, 'goals' | 'known' | 'done'>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ goals: s.goals, known: s.known, done: s.done }));
  } catch {
    // Private windows and full storage: progress then lives in the link only.
  }
}

export function clearProgress(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {}
}

/** On a study-plan page whose link carries no progress, brings back what this browser kept. */
export function applySavedProgress(store: Store): void {
  const s = store.state;
  if (s.mode !== 'learn' || s.goals.length > 0 || s.known.length > 0 || s.done.length > 0) return;
  const saved = loadProgress();
  if (!saved || (saved.goals.length === 0 && saved.known.length === 0 && saved.done.length === 0)) return;
  store.go(saved, { replace: true });
}
