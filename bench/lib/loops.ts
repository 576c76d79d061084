/**
 * Load loops timed in this process: `sequential` (latency at concurrency 1, where autocannon's
 * whole-millisecond histogram is too coarse) and `concurrent` (a fixed number of loops). No
 * dependency beyond Node, so that the raw-driver client process can use them too.
 */
import { performance } from 'node:perf_hooks';
import { type LatencySummary, round, summarize } from './stats.ts';

export interface WindowResult extends LatencySummary {
  /** Completed calls per second. */
  rps: number;
  errors: number;
  /** CPU time per request of the watched process, in ms (when one was watched). */
  cpuMsPerRequest?: number;
  /** CPU time per request of the Neo4j JVM, in ms (when it was watched). */
  neo4jCpuMsPerRequest?: number;
  /** One-minute load average at the end of the window. */
  loadAverage?: number;
  /** The first error seen, for the log. */
  firstError?: string;
}

/** Calls `call` back to back for `seconds` (or at least `minCalls` times) and times each call. */
export async function sequential(
  call: () => Promise<unknown>,
  seconds: number,
  minCalls = 5,
): Promise<WindowResult> {
  return concurrent(call, 1, seconds, minCalls);
}

/** `concurrency` loops calling `call` for `seconds`; latency of every call and calls/s. */
export async function concurrent(
  call: () => Promise<unknown>,
  concurrency: number,
  seconds: number,
  minCalls = 5,
): Promise<WindowResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline || latencies.length + errors < minCalls) {
      const t0 = performance.now();
      try {
        await call();
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message.slice(0, 300) : String(error);
        if (errors > 1000) break;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { ...summarize(latencies), rps: round(latencies.length / elapsed, 1), errors, firstError };
}
