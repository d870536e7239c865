/**
 * Joins the unread tail of one chunk (a partial record) to the next chunk, in two buffers that
 * are reused turn about, so a reader does not allocate a fresh chunk-sized buffer per chunk: dead
 * buffers live outside the JS heap and are freed only when the GC gets round to them, which showed
 * as tens of MB of extra peak RSS on large files.
 */
export class CarryBuffer {
  private spare: Buffer[] = [Buffer.alloc(0), Buffer.alloc(0)];
  private turn = 0;

  /**
   * `previous[from…]` followed by `chunk`. The result is valid until the call after next, which
   * reuses its memory; when nothing of `previous` is left, `chunk` itself is returned.
   */
  append(previous: Buffer, from: number, chunk: Uint8Array): Buffer {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const tail = previous.length - from;
    if (tail <= 0) return bytes;
    this.turn ^= 1;
    let target = this.spare[this.turn]!;
    if (target.length < tail + bytes.length) {
      target = this.spare[this.turn] = Buffer.allocUnsafe(Math.max(tail + bytes.length, 2 * target.length));
    }
    previous.copy(target, 0, from);
    bytes.copy(target, tail);
    return target.subarray(0, tail + bytes.length);
  }
}
