import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { scopedAbort } from '../../../lambdas/probe/abort.js';

describe('scopedAbort', () => {
  it('children of one parent share one listener on it, and it is gone once every child is disposed', () => {
    const parent = new AbortController();
    const children = Array.from({ length: 300 }, () => scopedAbort(parent.signal));
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(1);
    for (const child of children.slice(0, 299)) child.dispose();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(1);
    children[299]?.dispose();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
    // A new child after all were disposed follows the parent again.
    const late = scopedAbort(parent.signal);
    parent.abort(new Error('run stopped'));
    expect(late.signal.aborted).toBe(true);
    expect((late.signal.reason as Error).message).toBe('run stopped');
    expect(children.every((child) => !child.signal.aborted)).toBe(true);
    late.dispose();
  });

  it('the parent aborting aborts every child still following it with its reason, and no other', () => {
    const parent = new AbortController();
    const [kept, disposed, another] = [scopedAbort(parent.signal), scopedAbort(parent.signal), scopedAbort(parent.signal)];
    disposed.dispose();
    parent.abort('stop');
    expect([kept.signal.aborted, disposed.signal.aborted, another.signal.aborted]).toEqual([true, false, true]);
    expect(kept.signal.reason).toBe('stop');
    // Disposing after the abort (as every scope does in its finally) is harmless.
    kept.dispose();
    another.dispose();
    expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
  });

  it('a child of an aborted parent starts aborted; the timeout aborts with its reason and dispose clears it', async () => {
    const parent = new AbortController();
    parent.abort('gone');
    const born = scopedAbort(parent.signal, 10_000);
    expect(born.signal.reason).toBe('gone');
    born.dispose();

    const timed = scopedAbort(undefined, 1, () => 'budget');
    await new Promise<void>((resolve) => timed.signal.addEventListener('abort', () => resolve(), { once: true }));
    expect(timed.signal.reason).toBe('budget');
    timed.dispose();
  });
});
