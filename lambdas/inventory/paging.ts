/** Small helpers for draining paginators, batching calls and bounding a listing's time. */
import { InventoryError } from './errors.js';

/** Drains a paginator into one array of the items each page carries; an aborted `signal` stops it between pages. */
export async function collect<Page, Item>(pages: AsyncIterable<Page>, itemsOf: (page: Page) => Item[] | undefined, signal?: AbortSignal): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of pages) {
    signal?.throwIfAborted();
    items.push(...(itemsOf(page) ?? []));
  }
  return items;
}

/** Splits `items` into consecutive batches of at most `size` (an API's per-call limit). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/**
 * Maps with at most `limit` calls in flight, keeping the input order; the first rejection rejects
 * the whole map (a partial listing is useless), and no new call starts after it, nor after `signal` aborts.
 */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>, signal?: AbortSignal): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      signal?.throwIfAborted();
      const index = next++;
      try {
        results[index] = await map(items[index]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * What a listing of one service may spend. Some control planes answer only 10-15 calls a second per
 * account (Lambda, API Gateway) and their listings take one or more calls per resource, so a big
 * region would run past the inventory Lambda's 2 minutes and leave the whole scope unlisted; past the
 * budget the listing fails alone (the rest of the scope is listed, and its part reads "not listed").
 */
export const LISTING_BUDGET_MS = 80_000;

export interface BudgetedListing {
  /** Names the listing in its error, e.g. "lambda: the function-URL listing". */
  readonly what: string;
  /** How far it got, for the error, e.g. "with 12 of 40 functions read". */
  readonly progress: () => string;
  /** Why it can be slow, for the error. */
  readonly why: string;
  /** @default LISTING_BUDGET_MS */
  readonly budgetMs?: number;
  /** Stops the listing as the budget does (tests). */
  readonly signal?: AbortSignal;
}

/** Runs `list` with a signal that aborts at the budget; an aborted listing fails with an InventoryError that says so. */
export async function withinBudget<T>(listing: BudgetedListing, list: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const budgetMs = listing.budgetMs ?? LISTING_BUDGET_MS;
  const signal = AbortSignal.any([AbortSignal.timeout(budgetMs), ...(listing.signal ? [listing.signal] : [])]);
  try {
    return await list(signal);
  } catch (error) {
    if (!signal.aborted) throw error;
    throw new InventoryError(`${listing.what} stopped at its ${budgetMs / 1000} s budget, ${listing.progress()} (${listing.why})`, { cause: error });
  }
}
