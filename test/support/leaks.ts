/**
 * What a probe may leave behind, seen from the test: open sockets, and timers created by the
 * prober or undici that are still pending. A probe that returned must leave neither.
 */
import { vi } from 'vitest';

export const openSockets = (): number => process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap' || name === 'TLSWrap').length;

/** Records the timers the prober (and undici under it) creates, so a test can check none outlives a probe. */
export function watchProberTimers(): { live(): string[]; restore(): void } {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const live = new Map<unknown, string>();
  const setSpy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const stack = new Error().stack ?? '';
    const timer = realSetTimeout(() => {
      live.delete(timer);
      callback(...args);
    }, ms);
    if (/lambdas\/probe|node_modules\/undici/.test(stack)) live.set(timer, stack.split('\n').slice(2, 4).join(' '));
    return timer;
  }) as unknown as typeof setTimeout);
  const clearSpy = vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((timer?: NodeJS.Timeout) => {
    live.delete(timer);
    realClearTimeout(timer);
  }) as typeof clearTimeout);
  return {
    live: () => [...live.values()],
    restore: () => {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    },
  };
}

/** Bounded wait on an event: resolves false if it did not happen in time. */
export function within(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
