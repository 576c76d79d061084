import { describe, expect, it } from 'vitest';
import { DatabaseBusyError, ReadScheduler } from './read-scheduler.ts';

/** A task that finishes when `finish()` is called, recording when it started. */
function gate(log: string[], name: string) {
  let finish = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    task: () => {
      log.push(name);
      return done;
    },
    finish: () => finish(),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadScheduler', () => {
  const options = { maxConcurrent: 2, maxPerClient: 1, maxQueuedPerClient: 10, waitTimeoutMs: 1_000 };

  it('runs at most maxConcurrent reads, and at most maxPerClient of one client', async () => {
    const scheduler = new ReadScheduler(options);
    const log: string[] = [];
    const a1 = gate(log, 'a1');
    const a2 = gate(log, 'a2');
    const b1 = gate(log, 'b1');
    const c1 = gate(log, 'c1');
    const runs = [a1, a2].map((g) => scheduler.run('a', g.task));
    runs.push(scheduler.run('b', b1.task), scheduler.run('c', c1.task));
    await tick();
    expect(log).toEqual(['a1', 'b1']);
    expect(scheduler.stats()).toEqual({ running: 2, waiting: 2, clients: 2 });
    b1.finish();
    await tick();
    expect(log).toEqual(['a1', 'b1', 'c1']); // a is at its cap: c gets the slot
    a1.finish();
    await tick();
    expect(log).toEqual(['a1', 'b1', 'c1', 'a2']);
    a2.finish();
    c1.finish();
    await Promise.all(runs);
    expect(scheduler.stats()).toEqual({ running: 0, waiting: 0, clients: 0 });
  });

  it('gives waiting clients turns: a client with many reads queued does not go before one with few', async () => {
    const scheduler = new ReadScheduler({ ...options, maxConcurrent: 1, maxPerClient: 1 });
    const log: string[] = [];
    const first = gate(log, 'heavy0');
    const runs = [scheduler.run('heavy', first.task)];
    const heavy = Array.from({ length: 5 }, (_, i) => gate(log, `heavy${i + 1}`));
    runs.push(...heavy.map((g) => scheduler.run('heavy', g.task)));
    const light = gate(log, 'light');
    runs.push(scheduler.run('light', light.task));
    first.finish();
    await tick();
    expect(log.at(-1)).toBe('heavy1');
    heavy[0]?.finish();
    await tick();
    expect(log.at(-1)).toBe('light');
    light.finish();
    for (const g of heavy) g.finish();
    await Promise.all(runs);
  });

  it('fails a read that cannot start in time, or that would queue too many, with DatabaseBusyError', async () => {
    const scheduler = new ReadScheduler({
      ...options,
      maxConcurrent: 1,
      waitTimeoutMs: 20,
      maxQueuedPerClient: 1,
    });
    const log: string[] = [];
    const holder = gate(log, 'holder');
    const held = scheduler.run('a', holder.task);
    const waiting = scheduler.run('b', async () => 'never');
    await expect(scheduler.run('b', async () => 'overflow')).rejects.toBeInstanceOf(DatabaseBusyError);
    await expect(waiting).rejects.toBeInstanceOf(DatabaseBusyError);
    expect(scheduler.stats().waiting).toBe(0);
    holder.finish();
    await held;
    await expect(scheduler.run('b', async () => 'now')).resolves.toBe('now');
  });

  it('frees the slot of a read that failed', async () => {
    const scheduler = new ReadScheduler({ ...options, maxConcurrent: 1 });
    await expect(scheduler.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(scheduler.run('a', async () => 1)).resolves.toBe(1);
  });

  it('rests a slot after each read for as long as the read took at a busy share of 0.5', async () => {
    /** Milliseconds between the end of a 60 ms read and the start of the read waiting behind it. */
    const gapAfterRead = async (scheduler: ReadScheduler) => {
      let ended = 0;
      const first = scheduler.run('a', async () => {
        await new Promise((wake) => setTimeout(wake, 60));
        ended = performance.now();
      });
      const next = scheduler.run('b', async () => performance.now());
      await first;
      return (await next) - ended;
    };
    expect(
      await gapAfterRead(new ReadScheduler({ ...options, maxConcurrent: 1, maxBusyShare: 0.5 })),
    ).toBeGreaterThanOrEqual(50);
    // At a share of 1 the next read starts at once.
    expect(await gapAfterRead(new ReadScheduler({ ...options, maxConcurrent: 1 }))).toBeLessThan(30);
  });
});
