/**
 * `work` over every item, at most `limit` at a time, results in the items' order: how the fan-out
 * steps bound what they hold in flight (the assembly's gathered parts, the merge's run slices) while
 * keeping enough requests open to hide S3's latency. The first failure rejects the whole call; work
 * already started finishes unobserved, so a caller that cleans up (an aborted upload) does so after.
 */
export async function mapInParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < items.length; index = next++) results[index] = await work(items[index]!, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
