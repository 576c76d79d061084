/**
 * Event-loop delay of this process, sampled every 10 ms: what `/health` reports. The figures
 * describe the last full window (10 s by default). Started and stopped with the server.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

export interface EventLoopDelay {
  /** Length of the window the figures cover, in milliseconds. */
  windowMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;

export class EventLoopMonitor {
  private histogram: IntervalHistogram | undefined;
  private timer: NodeJS.Timeout | undefined;
  private last: EventLoopDelay | undefined;
  private since = Date.now();

  constructor(private readonly windowMs = 10_000) {}

  start(): void {
    if (this.histogram) return;
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    this.histogram = histogram;
    this.since = Date.now();
    this.timer = setInterval(() => {
      this.last = this.snapshot(histogram, Date.now() - this.since);
      histogram.reset();
      this.since = Date.now();
    }, this.windowMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.histogram?.disable();
    this.histogram = undefined;
    this.timer = undefined;
  }

  /** The last full window, or what has been seen so far when the first is not over. */
  delay(): EventLoopDelay {
    if (this.last) return this.last;
    return this.histogram
      ? this.snapshot(this.histogram, Date.now() - this.since)
      : { windowMs: 0, p50Ms: 0, p99Ms: 0, maxMs: 0 };
  }

  private snapshot(histogram: IntervalHistogram, windowMs: number): EventLoopDelay {
    return {
      windowMs,
      p50Ms: ms(histogram.percentile(50)),
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
    };
  }
}
