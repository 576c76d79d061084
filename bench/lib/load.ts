/**
 * HTTP load: `postGraphQL` (one request, for latency loops and answer checks) and `cannon`
 * (autocannon against a GraphQL endpoint, for throughput).
 */
import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import type { WindowResult } from './loops.ts';
import { round } from './stats.ts';

export { concurrent, sequential, type WindowResult } from './loops.ts';

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
