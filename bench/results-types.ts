/** The shape of `bench/results/*.json`: everything `docs/benchmarks.md` is rendered from. */
import type { Machine } from './lib/machine.ts';
import type { LoadingResult } from './measure/loading.ts';
import type { OverheadRow } from './measure/overhead.ts';
import type { PeerRow } from './measure/peer.ts';
import type { RoundTripRow } from './measure/round-trips.ts';
import type { ScaleRow } from './measure/scale.ts';
import type { QuerySlugs } from './queries.ts';

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  command: string;
  machine: Machine & { loadAverageAtEnd: number[] };
  neo4j: {
    version: string;
    heap: string;
    pageCache: string;
    txMemoryMax: string;
    txTimeoutSeconds: number;
    queryTimeoutMs: number;
  };
  settings: {
    sizes: number[];
    apiSize: number;
    windows: number;
    windowSeconds: number;
    warmupSeconds: number;
    concurrency: number;
    loadSample: number;
    batchSizes: number[];
    randomStarts: number;
    hubs: number;
    repeats: number;
  };
  loading?: LoadingResult;
  api?: {
    concepts: number;
    slugs: QuerySlugs;
    roundTrips: RoundTripRow[];
    /** Latency of `{ __typename }` through our server at concurrency 1: the API's fixed cost. */
    floor?: { p50: number; p99: number };
    overhead: OverheadRow[];
    peer?: PeerRow[];
  };
  scale: ScaleRow[];
}
