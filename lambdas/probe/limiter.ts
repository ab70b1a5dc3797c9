/** Concurrency limits: a counting semaphore with abortable waits, and one per key. */

export type Release = () => void;

export class Semaphore {
  private available: number;
  private readonly waiters: Array<(release: Release) => void> = [];

  constructor(readonly capacity: number) {
    this.available = capacity;
  }

  get idle(): boolean {
    return this.available === this.capacity && this.waiters.length === 0;
  }

  /** A slot now if one is free (the waiters come first), else undefined. */
  tryAcquire(): Release | undefined {
    if (this.available === 0) return undefined;
    this.available -= 1;
    return this.releaser();
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason on abort. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.available > 0) {
      this.available -= 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const grant = (release: Release): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(signal?.reason);
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next(this.releaser());
      else this.available += 1;
    };
  }
}

/** One semaphore per key (destination address), dropped when idle so the map cannot grow without bound. */
export class KeyedSemaphore {
  private readonly semaphores = new Map<string, Semaphore>();

  constructor(private readonly capacityPerKey: number) {}

  async acquire(key: string, signal?: AbortSignal): Promise<Release> {
    let semaphore = this.semaphores.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.capacityPerKey);
      this.semaphores.set(key, semaphore);
    }
    const owned = semaphore;
    const dropIfIdle = (): void => {
      if (owned.idle && this.semaphores.get(key) === owned) this.semaphores.delete(key);
    };
    try {
      const release = await owned.acquire(signal);
      return () => {
        release();
        dropIfIdle();
      };
    } catch (error) {
      dropIfIdle();
      throw error;
    }
  }

  get size(): number {
    return this.semaphores.size;
  }
}

/**
 * A token bucket per key (destination address): `perSecond` tokens a second, at most `perSecond`
 * banked. `reserve` books the next slot and says how long to wait for it, so callers queue in
 * order without polling. Buckets that have refilled are forgotten, so the map stays bounded by
 * the addresses active in the last second.
 */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number }>();
  private lastSweepMs = 0;

  constructor(
    private readonly perSecond: number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  /** Milliseconds until the booked request may go (0 = now). */
  reserve(key: string): number {
    const now = this.nowMs();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, updatedMs: now };
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + ((now - bucket.updatedMs) * this.perSecond) / 1000) - 1;
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    return bucket.tokens >= 0 ? 0 : (-bucket.tokens * 1000) / this.perSecond;
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweepMs < 1000) return;
    this.lastSweepMs = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedMs) * this.perSecond) / 1000 >= this.perSecond) this.buckets.delete(key);
    }
  }
}
