import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter, KeyedSemaphore, Semaphore } from '../../../lambdas/probe/limiter.js';

describe('Class: Semaphore', () => {
  it('grants at most `capacity` holders, then hands slots over in arrival order', async () => {
    // Prepare
    const semaphore = new Semaphore(2);
    const order: number[] = [];
    const first = await semaphore.acquire();
    const second = await semaphore.acquire();
    const third = semaphore.acquire().then((release) => (order.push(3), release));
    const fourth = semaphore.acquire().then((release) => (order.push(4), release));
    // Act
    await Promise.resolve();
    expect(order).toEqual([]);
    first();
    const releaseThird = await third;
    second();
    const releaseFourth = await fourth;
    // Assess
    expect(order).toEqual([3, 4]);
    releaseThird();
    releaseFourth();
    expect(semaphore.idle).toBe(true);
  });

  it('ignores a second release of the same slot', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    await semaphore.acquire();
    const pending = semaphore.acquire();
    let granted = false;
    void pending.then(() => (granted = true));
    await Promise.resolve();
    expect(granted).toBe(false);
  });

  it('rejects a waiter with the abort reason and forgets it', async () => {
    // Prepare
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    // Act
    controller.abort(new Error('deadline'));
    // Assess
    await expect(waiting).rejects.toThrow('deadline');
    held();
    expect(semaphore.idle).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.acquire(AbortSignal.abort(new Error('late')))).rejects.toThrow('late');
    expect(semaphore.idle).toBe(true);
  });
});

describe('Class: KeyedSemaphore', () => {
  it('limits each key separately and drops idle keys', async () => {
    // Prepare
    const limiter = new KeyedSemaphore(1);
    const a = await limiter.acquire('54.1.2.3');
    const b = await limiter.acquire('54.1.2.4');
    let secondA = false;
    const pending = limiter.acquire('54.1.2.3').then((release) => ((secondA = true), release));
    await Promise.resolve();
    // Assess: the other address was not held back, the same one was
    expect(secondA).toBe(false);
    expect(limiter.size).toBe(2);
    // Act
    a();
    (await pending)();
    b();
    // Assess
    expect(secondA).toBe(true);
    expect(limiter.size).toBe(0);
  });
});

describe('Class: KeyedRateLimiter', () => {
  it('lets a burst of `perSecond` through at once, then spaces requests by 1/perSecond', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(4, () => now);
    expect([1, 2, 3, 4].map(() => limiter.reserve('a'))).toEqual([0, 0, 0, 0]);
    expect(limiter.reserve('a')).toBe(250);
    expect(limiter.reserve('a')).toBe(500);
    expect(limiter.reserve('b')).toBe(0);
    now = 2_000;
    expect(limiter.reserve('a')).toBe(0);
  });

  it('forgets buckets that have refilled, so the map stays bounded', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(10, () => now);
    for (let index = 0; index < 1_000; index += 1) limiter.reserve(`host-${index}`);
    now = 5_000;
    limiter.reserve('late');
    expect(limiter.size).toBe(1);
  });
});
