// @ts-check
/**
 * The local stand-ins bench:fanout's processes share for what S3 is on AWS: a ranged reader over a
 * file, a part as two files, a file's bytes as chunks or a stream; and CPU seconds of a process.
 */
import { closeSync, createReadStream, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const MIB = 1024 * 1024;

/** @typedef {{ processed: (lines: Uint8Array) => void, quarantined: (entry: unknown) => void, close: () => void }} FilePart */

/** User and system CPU seconds of this process so far. */
export const cpuSeconds = (usage = process.cpuUsage()) => (usage.user + usage.system) / 1e6;

/** A range reader over a local file: what S3 ranged GETs are in AWS. */
/** @param {string} file */
export function fileReader(file) {
  const fd = openSync(file, 'r');
  /** @param {number} start @param {number} end */
  return async (start, end) => {
    const bytes = Buffer.allocUnsafe(end - start);
    const length = readSync(fd, bytes, 0, bytes.length, start);
    return bytes.subarray(0, length);
  };
}

/** A part as two files: records (bytes as the processor wrote them) and quarantine entries (JSON lines, written 64 KiB at a time). */
/** @param {string} dir @param {string} name @returns {FilePart} */
export function filePart(dir, name) {
  const records = openSync(join(dir, `${name}.jsonl`), 'w');
  const quarantine = openSync(join(dir, `${name}.quarantine.jsonl`), 'w');
  let pending = '';
  return {
    processed: (lines) => void writeSync(records, lines),
    quarantined: (entry) => {
      pending += `${JSON.stringify(entry)}\n`;
      if (pending.length >= 64 * 1024) {
        writeSync(quarantine, pending);
        pending = '';
      }
    },
    close: () => {
      if (pending.length > 0) writeSync(quarantine, pending);
      closeSync(records);
      closeSync(quarantine);
    },
  };
}

/** A file's bytes `[start, end)` in 1 MiB pieces, read synchronously (the merge pulls one id at a time from every run); a fresh buffer each, as IdRunReader needs. */
/** @param {string} file @param {number} start @param {number} end */
export function* fileChunks(file, start, end) {
  const fd = openSync(file, 'r');
  try {
    for (let at = start; at < end; ) {
      const buffer = Buffer.allocUnsafe(Math.min(MIB, end - at));
      const length = readSync(fd, buffer, 0, buffer.length, at);
      if (length === 0) throw new Error(`${file} ends at ${at}, before ${end}`);
      yield buffer.subarray(0, length);
      at += length;
    }
  } finally {
    closeSync(fd);
  }
}

/** A file's bytes from `start` as a stream (pass one's part, read back by the head rerun and the assembly). */
export const fileBytesFrom = (/** @type {string} */ file, start = 0) => createReadStream(file, { start, highWaterMark: MIB });
