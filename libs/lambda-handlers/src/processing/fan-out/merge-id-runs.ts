import { compareCodeUnits } from './shard-id-collector.js';

/** Receives, shard by shard in id order, each id a shard's rows share with an earlier shard. */
export type KnownIdSink = (shard: number, id: string) => void | Promise<void>;

interface Head {
  readonly shard: number;
  readonly ids: AsyncIterator<string> | Iterator<string>;
  id: string;
}

/**
 * The cross-shard duplicate decision: merges the shards' sorted id runs (one per shard, in shard
 * order) and, for every id found in more than one shard, hands each shard but the first where it
 * occurs to `sink`. A row of shard k is then a duplicate exactly when its id is among those or on an
 * earlier row of shard k itself, which is SPEC §5's "seen on an earlier row of the same file".
 * Holds one id per run at a time (a binary heap), whatever the file's size.
 */
export async function mergeIdRuns(runs: readonly (AsyncIterable<string> | Iterable<string>)[], sink: KnownIdSink): Promise<void> {
  const heap: Head[] = [];
  for (const [shard, run] of runs.entries()) {
    const ids = Symbol.asyncIterator in run ? run[Symbol.asyncIterator]() : run[Symbol.iterator]();
    const first = await ids.next();
    if (!first.done) push(heap, { shard, ids, id: first.value });
  }
  while (heap.length > 0) {
    // The heap yields (id, shard) in order, so an id's first pop is the shard where it first occurs.
    const id = heap[0]!.id;
    for (let first = true; heap.length > 0 && heap[0]!.id === id; first = false) {
      const head = pop(heap);
      if (!first) await sink(head.shard, id);
      const next = await head.ids.next();
      if (next.done) continue;
      if (compareCodeUnits(next.value, head.id) <= 0) throw new Error(`fan-out: the id run of shard ${head.shard} is not sorted and unique`);
      head.id = next.value;
      push(heap, head);
    }
  }
}

function before(a: Head, b: Head): boolean {
  return a.id < b.id || (a.id === b.id && a.shard < b.shard);
}

function push(heap: Head[], head: Head): void {
  heap.push(head);
  for (let i = heap.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function pop(heap: Head[]): Head {
  const top = heap[0]!;
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    for (let i = 0; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
      if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
      if (least === i) break;
      [heap[i], heap[least]] = [heap[least]!, heap[i]!];
      i = least;
    }
  }
  return top;
}
