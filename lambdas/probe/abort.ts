/** Abort plumbing with no leaks: every timer is cleared and every listener removed on dispose. */

export interface ScopedAbort {
  readonly signal: AbortSignal;
  /** Clears the timer and detaches from the parent. Idempotent. */
  dispose(): void;
}

/** A child signal that aborts when the parent does, or after `timeoutMs` with `timeoutReason`. */
export function scopedAbort(parent: AbortSignal | undefined, timeoutMs?: number, timeoutReason?: () => unknown): ScopedAbort {
  const controller = new AbortController();
  let detach: () => void = () => undefined;
  if (parent?.aborted) controller.abort(parent.reason);
  else if (parent !== undefined) detach = followAbort(parent, () => controller.abort(parent.reason));
  const timer =
    timeoutMs === undefined || controller.signal.aborted
      ? undefined
      : setTimeout(() => controller.abort(timeoutReason?.()), Math.max(0, timeoutMs));
  return {
    signal: controller.signal,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      detach();
    },
  };
}

/**
 * The children of one parent signal share a single listener on it, attached while any child follows it:
 * Node's EventTarget walks its listener list on every add and remove, so with hundreds of targets in
 * flight one listener per target cost ~40 µs per target. Returns the child's detach.
 */
function followAbort(parent: AbortSignal, onAbort: () => void): () => void {
  let fanout = fanouts.get(parent);
  if (fanout === undefined) {
    const children = new Set<() => void>();
    const abortChildren = (): void => {
      fanouts.delete(parent);
      for (const child of children) child();
      children.clear();
    };
    fanout = { children, abortChildren };
    fanouts.set(parent, fanout);
    parent.addEventListener('abort', abortChildren, { once: true });
  }
  const current = fanout;
  current.children.add(onAbort);
  return () => {
    if (!current.children.delete(onAbort) || current.children.size > 0) return;
    parent.removeEventListener('abort', current.abortChildren);
    if (fanouts.get(parent) === current) fanouts.delete(parent);
  };
}

const fanouts = new WeakMap<AbortSignal, { readonly children: Set<() => void>; readonly abortChildren: () => void }>();

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts; the timer never outlives it. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
