/**
 * `work` over every item, at most `limit` at a time, results in the items' order: how the fan-out
 * steps bound what they hold in flight (the assembly's shard results and gathered parts, the merge's
 * run slices) while keeping enough requests open to hide S3's latency. The first failure rejects the
 * call and no further item starts; work already running finishes unobserved.
 */
export async function mapInParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    for (let index = next++; index < items.length && !failed; index = next++) {
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
