import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientBudgets } from '../../../src/server/rate-limit.ts';

describe('ClientBudgets', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('admits `max` requests per window per client, then says when to retry', () => {
    const budgets = new ClientBudgets({ max: 3, maxMs: 0, windowMs: 60_000 });
    expect([1, 2, 3].map(() => budgets.admit('a'))).toEqual([undefined, undefined, undefined]);
    expect(budgets.admit('a')).toMatchObject({
      retryAfterSeconds: 20,
      message: expect.stringMatching(/limit 3 per 60 s/),
    });
    expect(budgets.admit('b')).toBeUndefined();
    vi.advanceTimersByTime(20_000);
    expect(budgets.admit('a')).toBeUndefined();
  });

  it("refuses a client whose requests used its share of the server's time until the refill pays the debt", () => {
    const budgets = new ClientBudgets({ max: Number.POSITIVE_INFINITY, maxMs: 1_000, windowMs: 10_000 });
    expect(budgets.admit('a')).toBeUndefined();
    expect(budgets.admit('a')).toBeUndefined(); // two in flight
    budgets.charge('a', 900);
    expect(budgets.admit('a')).toBeUndefined(); // 100 ms left
    budgets.charge('a', 1_100); // in debt: -1000 ms
    const refusal = budgets.admit('a');
    expect(refusal?.message).toMatch(/1000 ms per 10 s/);
    expect(refusal?.retryAfterSeconds).toBe(11); // (1000 + 1) ms of debt at 100 ms a second
    expect(budgets.admit('other')).toBeUndefined();
    vi.advanceTimersByTime(10_001);
    expect(budgets.admit('a')).toBeUndefined();
  });

  it('never refills past the window', () => {
    const budgets = new ClientBudgets({ max: 1, maxMs: 100, windowMs: 1_000 });
    budgets.admit('a');
    vi.advanceTimersByTime(60_000);
    expect(budgets.admit('a')).toBeUndefined();
    expect(budgets.admit('a')).toBeDefined();
  });
});
