/**
 * Load generators. `sequential` and `concurrent` time an async call in this process (used for the
 * raw driver and, over HTTP, for latency at concurrency 1, where autocannon's whole-millisecond
 * histogram is too coarse); `cannon` runs autocannon against a GraphQL endpoint for throughput.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { type LatencySummary, round, summarize } from './stats.ts';

export interface WindowResult extends LatencySummary {
  /** Completed calls per second. */
  rps: number;
  errors: number;
  /** CPU time per request of the watched server process, in ms (when one was watched). */
  cpuMsPerRequest?: number;
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
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline || latencies.length + errors < minCalls) {
      const t0 = performance.now();
      try {
        await call();
        latencies.push(performance.now() - t0);
      } catch {
        errors += 1;
        if (errors > 1000) break;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return { ...summarize(latencies), rps: round(latencies.length / elapsed, 1), errors };
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs a GraphQL body; rejects on a non-200 answer or GraphQL errors. */
export function postGraphQL(url: string, body: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200 || text.startsWith('{"errors"') || text.includes('"errors":[')) {
            reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          } else resolvePromise(text);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** autocannon against `url` with one GraphQL body; throughput and latency (whole ms). */
export async function cannon(
  url: string,
  body: string,
  connections: number,
  seconds: number,
): Promise<WindowResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
  });
  // Only 2xx answers count as served (autocannon's latency histogram holds only those too).
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    count: result['2xx'],
    p50: result.latency.p50,
    p95: Number.NaN, // autocannon reports p97.5, not p95
    p99: result.latency.p99,
    max: result.latency.max,
    rps: round(result['2xx'] / seconds, 1),
    errors,
  };
}
