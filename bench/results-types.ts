/** The shape of `bench/results/*.json`: everything `docs/benchmarks.md` is rendered from. */
import type { Machine } from './lib/machine.ts';
import type { ApiResult } from './measure/api.ts';
import type { LoadingResult } from './measure/loading.ts';
import type { ScaleRow } from './measure/scale.ts';

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
    /** Graphs of the scale test: `curated` and synthetic sizes. */
    sizes: string[];
    /** Graphs the API was compared on. */
    apiSizes: string[];
    windows: number;
    windowSeconds: number;
    warmupSeconds: number;
    concurrency: number;
    loadSample: number;
    batchSizes: number[];
    randomStarts: number;
    hubs: number;
    repeats: number;
    /** The environment our server ran with (the Neo4j URI elided). */
    serverEnv: Record<string, string>;
  };
  loading?: LoadingResult;
  /** One per graph of `apiSizes`. */
  api: ApiResult[];
  scale: ScaleRow[];
}
