/**
 * Side-by-side measurement on a noisy machine: warm both sides up, then alternate windows
 * A B A B …, so that drift (another process, GC, the page cache) hits both alike, and report the
 * median of the per-window ratios rather than a ratio of two separately taken figures.
 */
import type { WindowResult } from './load.ts';
import { median, round } from './stats.ts';

export interface Paired {
  a: WindowResult[];
  b: WindowResult[];
}

export async function interleave(
  windows: number,
  warmup: () => Promise<void>,
  a: () => Promise<WindowResult>,
  b: () => Promise<WindowResult>,
): Promise<Paired> {
  await warmup();
  const result: Paired = { a: [], b: [] };
  for (let i = 0; i < windows; i++) {
    // Alternate which side goes first, so neither always runs right after the other.
    if (i % 2 === 0) {
      result.a.push(await a());
      result.b.push(await b());
    } else {
      result.b.push(await b());
      result.a.push(await a());
    }
  }
  return result;
}

/** Median over windows of `pick(a_i) / pick(b_i)`. */
export function medianRatio(paired: Paired, pick: (w: WindowResult) => number): number {
  return round(median(paired.a.map((w, i) => pick(w) / pick(paired.b[i] as WindowResult))), 3);
}

/** Median over windows of one figure of one side. */
export const medianOf = (windows: WindowResult[], pick: (w: WindowResult) => number) =>
  round(median(windows.map(pick)), 3);

export const totalErrors = (paired: Paired) =>
  [...paired.a, ...paired.b].reduce((sum, w) => sum + w.errors, 0);
