import { isUtf8 } from 'node:buffer';
import { InvalidEncodingError } from './errors.js';

/** Bytes a sequence starting with `lead` has (1 for ASCII and for bytes no sequence starts with). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
}

function isContinuation(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/**
 * Checks that a file, chunk by chunk, is UTF-8 text (SPEC §5: anything else is rejected whole as
 * `invalid_encoding`): well-formed UTF-8 (node:buffer's isUtf8, several GB/s) and no NUL byte,
 * which no text file holds but every UTF-16 file of ASCII text does. A character split between
 * two chunks is checked once both halves are in.
 */
export class Utf8Guard {
  /** The first bytes of a character the last chunk ended inside. */
  private carry: Buffer = Buffer.alloc(0);
  /** Bytes checked before the current chunk. */
  private offset = 0;

  /** @throws InvalidEncodingError */
  check(chunk: Buffer): void {
    const zero = chunk.indexOf(0);
    if (zero !== -1) throw new InvalidEncodingError(this.offset + zero);
    let start = 0;
    if (this.carry.length > 0) {
      const wanted = sequenceLength(this.carry[0]!) - this.carry.length;
      while (start < wanted && start < chunk.length && isContinuation(chunk[start]!)) start++;
      const joined = Buffer.concat([this.carry, chunk.subarray(0, start)]);
      if (start < wanted && start === chunk.length) {
        this.carry = joined;
        this.offset += chunk.length;
        return;
      }
      if (!isUtf8(joined)) throw new InvalidEncodingError(this.offset - this.carry.length);
    }
    let cut = chunk.length;
    for (let back = 1; back <= 3 && chunk.length - back >= start; back++) {
      const byte = chunk[chunk.length - back]!;
      if (isContinuation(byte)) continue;
      if (sequenceLength(byte) > back) cut = chunk.length - back;
      break;
    }
    if (!isUtf8(chunk.subarray(start, cut))) throw new InvalidEncodingError(this.offset + start);
    this.carry = Buffer.from(chunk.subarray(cut));
    this.offset += chunk.length;
  }

  /** @throws InvalidEncodingError when the file ends inside a character. */
  end(): void {
    if (this.carry.length > 0) throw new InvalidEncodingError(this.offset - this.carry.length);
  }
}
