import { IdRunReader, compareRecords } from './id-run.js';

/** Receives, shard by shard in run order, the key of each id a shard's rows share with an earlier shard (see id-run.ts). */
export type KnownIdSink = (shard: number, key: Buffer) => void;

/**
 * The cross-shard duplicate decision: merges the shards' id runs (one per shard, in shard order,
 * each as its bytes in chunks) and, for every id found in more than one shard, hands each shard
 * but the first where it occurs to `sink`. A row of shard k is then a duplicate exactly when its
 * id is among those or on an earlier row of shard k itself, which is SPEC §5's "seen on an earlier
 * row of the same file". Holds one record per run at a time (a binary heap), whatever the file's
 * size; compares hashes as numbers and keys as bytes, so no id becomes a string.
 */
export function mergeIdRuns(runs: readonly Iterable<Uint8Array>[], sink: KnownIdSink): void {
  const heap: IdRunReader[] = [];
  for (const [shard, run] of runs.entries()) {
    const reader = new IdRunReader(shard, run);
    if (reader.next()) push(heap, reader);
  }
  while (heap.length > 0) {
    // The heap yields (hash, key, shard) in order, so an id's first pop is the shard where it first occurs.
    if (!sharedWithAChild(heap)) {
      advance(heap);
      continue;
    }
    const first = heap[0]!;
    const key = Buffer.from(first.buffer.subarray(first.keyStart, first.keyEnd));
    const hash = first.hash;
    advance(heap);
    while (heap.length > 0 && heap[0]!.hash === hash && sameKey(heap[0]!, key)) {
      sink(heap[0]!.shard, key);
      advance(heap);
    }
  }
}

/** Whether the least record's id is also another run's next: the second least is one of the root's children. */
function sharedWithAChild(heap: readonly IdRunReader[]): boolean {
  return (heap.length > 1 && compareRecords(heap[0]!, heap[1]!) === 0) || (heap.length > 2 && compareRecords(heap[0]!, heap[2]!) === 0);
}

function sameKey(reader: IdRunReader, key: Buffer): boolean {
  return reader.buffer.compare(key, 0, key.length, reader.keyStart, reader.keyEnd) === 0;
}

/** Moves the top reader to its next record or drops it. */
function advance(heap: IdRunReader[]): void {
  if (heap[0]!.next()) {
    siftDown(heap, 0);
    return;
  }
  const last = heap.pop()!;
  if (heap.length > 0) {
    heap[0] = last;
    siftDown(heap, 0);
  }
}

function before(a: IdRunReader, b: IdRunReader): boolean {
  const order = compareRecords(a, b);
  return order < 0 || (order === 0 && a.shard < b.shard);
}

function push(heap: IdRunReader[], reader: IdRunReader): void {
  heap.push(reader);
  for (let i = heap.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: IdRunReader[], from: number): void {
  for (let i = from; ; ) {
    const left = 2 * i + 1;
    const right = left + 1;
    let least = i;
    if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
    if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
    if (least === i) return;
    [heap[i], heap[least]] = [heap[least]!, heap[i]!];
    i = least;
  }
}
