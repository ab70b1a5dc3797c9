import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../../lambdas/shared/concurrency.js';

/** A promise settled from outside, so the test decides when each item's work ends. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending continuation run (each await in the helper is one microtask turn). */
const settle = async (): Promise<void> => {
  for (let turn = 0; turn < 10; turn += 1) await Promise.resolve();
};

describe('Function: mapConcurrently', () => {
  it('keeps at most `limit` items in flight and returns the results in item order', async () => {
    // Prepare
    const pending = [0, 1, 2, 3, 4].map(() => deferred<string>());
    const started: number[] = [];
    const run = mapConcurrently([0, 1, 2, 3, 4], 2, (item) => {
      started.push(item);
      return pending[item]!.promise;
    });

    // Act and assess: two start; each end starts the next
    await settle();
    expect(started).toEqual([0, 1]);
    pending[1]!.resolve('one');
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const index of [0, 2, 3, 4]) pending[index]!.resolve(['zero', 'one', 'two', 'three', 'four'][index]!);
    expect(await run).toEqual(['zero', 'one', 'two', 'three', 'four']);
  });

  it('starts nothing new after a failure, waits for the items in flight, then throws the first error', async () => {
    // Prepare
    const pending = [0, 1, 2, 3].map(() => deferred<number>());
    const started: number[] = [];
    let settledInFlight = false;
    const run = mapConcurrently([0, 1, 2, 3], 2, (item) => {
      started.push(item);
      return pending[item]!.promise;
    });
    const outcome = run.then(
      () => 'resolved',
      (error: Error) => `rejected: ${error.message} (in flight settled: ${String(settledInFlight)})`,
    );

    // Act
    await settle();
    pending[0]!.reject(new Error('store unreachable'));
    await settle();
    settledInFlight = true;
    pending[1]!.resolve(1);

    // Assess
    expect(await outcome).toBe('rejected: store unreachable (in flight settled: true)');
    expect(started).toEqual([0, 1]);
  });

  it('returns an empty list for no items', async () => {
    expect(await mapConcurrently([], 4, () => Promise.resolve(1))).toEqual([]);
  });
});
