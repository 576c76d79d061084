/**
 * Fair access to Neo4j for many clients. At most `maxConcurrent` reads run at once (Neo4j has a
 * few cores; more at once only makes each slower), one client has at most `maxPerClient` of them,
 * and waiting reads are started client by client in turn, so a client sending heavy documents
 * waits behind its own reads, not in front of everyone else's. A read that cannot start within
 * `waitTimeoutMs`, or that would queue more than `maxQueuedPerClient` reads for its client, fails
 * at once with `DatabaseBusyError` (the API answers SERVICE_UNAVAILABLE, "busy").
 *
 * With `maxBusyShare` below 1, a slot rests after each read in proportion to how long the read
 * took (a 300 ms read at a share of 0.5 keeps its slot 300 ms more), so the reads it schedules
 * take at most that share of the time of a database core per slot, however many wait.
 *
 * Written by hand: the driver's own pool queues every waiter in one FIFO (and drops timed-out
 * waiters with an array filter, quadratic when thousands wait), and the general-purpose queue
 * libraries have no notion of per-client turns.
 */

export class DatabaseBusyError extends Error {
  override name = 'DatabaseBusyError';
}

export interface ReadSchedulerOptions {
  maxConcurrent: number;
  maxPerClient: number;
  maxQueuedPerClient: number;
  waitTimeoutMs: number;
  /** Share of the time (0–1] a slot may spend running reads; 1: no rest between reads. */
  maxBusyShare?: number;
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

export class ReadScheduler {
  private running = 0;
  private readonly active = new Map<string, number>();
  /** Waiting reads by client; the map's order is the order clients get their turn. */
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly options: ReadSchedulerOptions) {}

  /** Reads running and waiting now. */
  stats(): { running: number; waiting: number; clients: number } {
    let waiting = 0;
    for (const queue of this.queues.values()) waiting += queue.length;
    return { running: this.running, waiting, clients: this.queues.size };
  }

  async run<T>(client: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(client);
    const started = performance.now();
    try {
      return await task();
    } finally {
      const share = this.options.maxBusyShare ?? 1;
      const restMs = share < 1 ? (performance.now() - started) * (1 / share - 1) : 0;
      if (restMs >= 1) setTimeout(() => this.release(client), restMs).unref();
      else this.release(client);
    }
  }

  private acquire(client: string): Promise<void> {
    if (
      this.running < this.options.maxConcurrent &&
      (this.active.get(client) ?? 0) < this.options.maxPerClient
    ) {
      this.take(client);
      return Promise.resolve();
    }
    const queue = this.queues.get(client) ?? [];
    if (queue.length >= this.options.maxQueuedPerClient)
      return Promise.reject(
        new DatabaseBusyError(`client ${client} has ${queue.length} reads waiting already`),
      );
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const waiting = this.queues.get(client);
          const index = waiting?.indexOf(waiter) ?? -1;
          if (waiting && index >= 0) waiting.splice(index, 1);
          if (waiting?.length === 0) this.queues.delete(client);
          reject(new DatabaseBusyError(`no read slot within ${this.options.waitTimeoutMs} ms`));
        }, this.options.waitTimeoutMs),
      };
      queue.push(waiter);
      this.queues.set(client, queue);
    });
  }

  private take(client: string): void {
    this.running += 1;
    this.active.set(client, (this.active.get(client) ?? 0) + 1);
  }

  private release(client: string): void {
    this.running -= 1;
    const left = (this.active.get(client) ?? 1) - 1;
    if (left > 0) this.active.set(client, left);
    else this.active.delete(client);
    this.dispatch();
  }

  /** Starts waiting reads, one client at a time in turn, while slots are free. */
  private dispatch(): void {
    let progressed = true;
    while (this.running < this.options.maxConcurrent && progressed) {
      progressed = false;
      for (const [client, queue] of this.queues) {
        if (this.running >= this.options.maxConcurrent) break;
        if ((this.active.get(client) ?? 0) >= this.options.maxPerClient) continue;
        const waiter = queue.shift() as Waiter;
        // The client goes to the back of the line (or leaves it when it has nothing waiting).
        this.queues.delete(client);
        if (queue.length > 0) this.queues.set(client, queue);
        this.take(client);
        waiter.start();
        progressed = true;
      }
    }
  }
}
