/** Small helpers for draining paginators and batching calls. */

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
