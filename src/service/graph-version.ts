/**
 * Which version of the graph is loaded, as its content checksum: what cached answers are keyed by.
 * The graph changes only when a loader (any process) commits, so the checksum is read again for
 * every request that asks (`maxAgeMs` 0, the default: an answer computed before a reload is never
 * served after it), but requests that arrive while a read is in flight share the next one: under
 * load, one small read serves many requests. A positive `maxAgeMs` trades that freshness for one
 * read per interval.
 */
import { graphChecksum } from '../graph/health.ts';
import type { Reader } from '../neo4j/database.ts';

export class GraphVersion {
  private latest: { at: number; checksum: string } | undefined;
  /** The read in flight, if any. */
  private inFlight: Promise<string> | undefined;
  /** The read that starts once the one in flight ends: callers that came during it share it. */
  private next: Promise<string> | undefined;

  constructor(
    private readonly reader: Reader,
    private readonly maxAgeMs = 0,
  ) {}

  /** The checksum as of a moment no earlier than this call (or within `maxAgeMs` of it). */
  current(): Promise<string> {
    const latest = this.latest;
    if (latest && this.maxAgeMs > 0 && performance.now() - latest.at <= this.maxAgeMs)
      return Promise.resolve(latest.checksum);
    if (!this.inFlight) return this.start();
    // The read in flight may have been sent before this call: wait for one that is sent after.
    this.next ??= this.inFlight
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.next = undefined;
        return this.inFlight ?? this.start();
      });
    return this.next;
  }

  private start(): Promise<string> {
    const at = performance.now();
    const read = graphChecksum(this.reader).then((checksum) => {
      const value = checksum ?? 'empty';
      if (!this.latest || this.latest.at < at) this.latest = { at, checksum: value };
      return value;
    });
    const tracked: Promise<string> = read.finally(() => {
      if (this.inFlight === tracked) this.inFlight = undefined;
    });
    this.inFlight = tracked;
    return tracked;
  }
}
