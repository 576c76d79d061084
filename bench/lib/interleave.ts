/**
 * Side-by-side measurement on a noisy machine: warm the sides up, then alternate windows
 * A B A B … (A B C, B C A, C A B … with a third side), so that drift (another process, GC, the page cache) hits both alike, and report the
 * median of the per-window ratios rather than a ratio of two separately taken figures.
 */
import type { WindowResult } from './load.ts';
import { median, round } from './stats.ts';

export interface Paired {
  a: WindowResult[];
  b: WindowResult[];
  /** A third side measured in the same rotation, when one was given. */
  c: WindowResult[];
}

export async function interleave(
  windows: number,
  warmup: () => Promise<void>,
  a: () => Promise<WindowResult>,
  b: () => Promise<WindowResult>,
  c?: () => Promise<WindowResult>,
): Promise<Paired> {
  await warmup();
  const result: Paired = { a: [], b: [], c: [] };
  const sides = [
    async () => result.a.push(await a()),
    async () => result.b.push(await b()),
    ...(c ? [async () => result.c.push(await c())] : []),
  ];
  for (let i = 0; i < windows; i++) {
    // Rotate which side goes first, so none always runs right after another.
    for (let k = 0; k < sides.length; k++) await (sides[(i + k) % sides.length] as () => Promise<number>)();
  }
  return result;
}

/** Median over windows of `pick(top_i) / pick(bottom_i)`. */
export function medianRatio(
  top: WindowResult[],
  bottom: WindowResult[],
  pick: (w: WindowResult) => number,
): number {
  return round(median(top.map((w, i) => pick(w) / pick(bottom[i] as WindowResult))), 3);
}

/** Median over windows of one figure of one side. */
export const medianOf = (windows: WindowResult[], pick: (w: WindowResult) => number) =>
  round(median(windows.map(pick)), 3);

export const totalErrors = (paired: Paired) =>
  [...paired.a, ...paired.b, ...paired.c].reduce((sum, w) => sum + w.errors, 0);
