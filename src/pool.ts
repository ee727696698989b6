// A fixed number of workers over a list: what keeps a fleet to `concurrency` requests (and
// replies held in memory) at a time, for the databases and for their QStash backstops alike.

/** `work` on every item, at most `limit` at once; the results in the items' order. */
export async function atMost<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      results[i] = await work(items[i] as T);
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
