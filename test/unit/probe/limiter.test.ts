import { describe, expect, it } from 'vitest';
import { KeyedSemaphore, Semaphore } from '../../../lambdas/probe/limiter.js';

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
