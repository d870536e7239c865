import { COMMA, CR, LF, QUOTE, SPACE, TAB } from './ascii';
import { bytesMatching3 } from './bytes';

/*
 * RFC 4180 records over a window of the file's bytes. JavaScript copies each chunk in after the
 * unread tail (writePointer / wrote); a record comes out as cell ranges: of the window for a line
 * without a quote, of a scratch buffer (quotes undone) for one with. Accepted beyond RFC 4180, as
 * most producers emit it: LF as well as CRLF; a quote inside an unquoted cell is literal (`ab"c`);
 * text between a closing quote and the next delimiter is appended (`"ab"c` → `abc`); an unclosed
 * quote at end of input closes there. A line holding only spaces or tabs is blank and skipped.
 */

/** Bytes the window holds beyond the largest record: room for the next chunk. */
const CHUNK_ROOM: usize = 256 * 1024;
/** Slack after buffers that word-at-a-time copies read or write past. */
export const SLACK: usize = 8;

let windowBase: usize = 0;
let windowBytes: usize = 0;
let dataEnd: usize = 0;
/** Start of the next record. */
export let position: usize = 0;
let ended = false;
/** Physical line (1-based) at {@link position}. */
export let nextLine: u32 = 1;
let maxRecordBytes: usize = 0;
let scratch: usize = 0;

export let cellStarts: usize = 0;
export let cellEnds: usize = 0;
let cellCapacity: u32 = 0;
export let cellCount: u32 = 0;
/** Physical line on which the current record starts. */
export let recordLine: u32 = 0;
/** The current record had quotes: its cells are in the scratch buffer, which the next such record reuses. */
export let quoted = false;

export const RECORD_READY: i32 = 1;
export const NEED_MORE: i32 = 0;
export const TOO_LARGE: i32 = -1;

export function initRecords(maxRecord: usize): void {
  maxRecordBytes = maxRecord;
  windowBytes = maxRecord + CHUNK_ROOM;
  windowBase = heap.alloc(windowBytes + SLACK);
  // Unquoting only shrinks a record, so the scratch never needs more than the window.
  scratch = heap.alloc(windowBytes + SLACK);
  dataEnd = position = windowBase;
  cellCapacity = 64;
  cellStarts = heap.alloc(cellCapacity << 2);
  cellEnds = heap.alloc(cellCapacity << 2);
}

/** Moves the unread bytes to the window's start and returns where the next bytes go. */
export function writePointer(): usize {
  const tail = dataEnd - position;
  if (position != windowBase) {
    memory.copy(windowBase, position, tail);
    position = windowBase;
    dataEnd = windowBase + tail;
  }
  return dataEnd;
}

/** Bytes that fit after {@link writePointer}. */
export function writeRoom(): usize {
  return windowBase + windowBytes - dataEnd;
}

export function wrote(bytes: usize): void {
  dataEnd += bytes;
}

/** Marks the end of input: a final line without a line break still counts. */
export function endInput(): void {
  ended = true;
}

/** Moves back to the start of the record just read, to read it again. */
export function rewind(start: usize, line: u32): void {
  position = start;
  nextLine = line;
}

@inline function addCell(start: usize, end: usize): void {
  if (cellCount == cellCapacity) {
    cellCapacity <<= 1;
    cellStarts = heap.realloc(cellStarts, <usize>cellCapacity << 2);
    cellEnds = heap.realloc(cellEnds, <usize>cellCapacity << 2);
  }
  store<u32>(cellStarts + (<usize>cellCount << 2), <u32>start);
  store<u32>(cellEnds + (<usize>cellCount << 2), <u32>end);
  cellCount++;
}

@inline export function cellStart(index: u32): usize {
  return <usize>load<u32>(cellStarts + (<usize>index << 2));
}

@inline export function cellEnd(index: u32): usize {
  return <usize>load<u32>(cellEnds + (<usize>index << 2));
}

function needMore(start: usize): i32 {
  return dataEnd - start > maxRecordBytes ? TOO_LARGE : NEED_MORE;
}

function isBlank(start: usize, end: usize): bool {
  for (let i = start; i < end; i++) {
    const byte = <u32>load<u8>(i);
    if (byte != SPACE && byte != TAB) return false;
  }
  return true;
}

/** Reads the record at {@link position}: RECORD_READY, NEED_MORE (also when input is done) or TOO_LARGE. */
export function readRecord(): i32 {
  for (;;) {
    const start = position;
    if (start >= dataEnd) return NEED_MORE;
    cellCount = 0;
    let cell = start;
    let i = start;
    const end = dataEnd;
    // Sixteen bytes per step: only the commas, the line feed and quotes need a look.
    let lineEnd: usize = 0;
    while (i + 16 <= end) {
      let found = bytesMatching3(i, <u8>COMMA, <u8>LF, <u8>QUOTE);
      while (found != 0) {
        const at = i + <usize>ctz(found);
        const byte = <u32>load<u8>(at);
        if (byte == COMMA) {
          addCell(cell, at);
          cell = at + 1;
        } else if (byte == LF) {
          lineEnd = at;
          break;
        } else {
          return quotedRecord(start);
        }
        found &= found - 1;
      }
      if (lineEnd != 0) break;
      i += 16;
    }
    if (lineEnd != 0) {
      i = lineEnd;
    } else {
      for (;;) {
        if (i >= end) {
          if (!ended) return needMore(start);
          break;
        }
        const byte = <u32>load<u8>(i);
        if (byte == COMMA) {
          addCell(cell, i);
          cell = i + 1;
        } else if (byte == LF) {
          break;
        } else if (byte == QUOTE) {
          return quotedRecord(start);
        }
        i++;
      }
    }
    let contentEnd = i;
    if (contentEnd > cell && <u32>load<u8>(contentEnd - 1) == CR) contentEnd--;
    const line = nextLine++;
    position = i < end ? i + 1 : end;
    if (cellCount == 0 && isBlank(start, contentEnd)) continue;
    addCell(cell, contentEnd);
    recordLine = line;
    quoted = false;
    return RECORD_READY;
  }
  return NEED_MORE;
}

/** A record containing a quote, unquoted into the scratch buffer; it may span lines. */
function quotedRecord(start: usize): i32 {
  const end = dataEnd;
  let used = scratch;
  let newlines: u32 = 0;
  let i = start;
  cellCount = 0;
  for (;;) {
    const cell = used;
    if (i < end && <u32>load<u8>(i) == QUOTE) {
      i++;
      for (;;) {
        if (i >= end) {
          if (!ended) return needMore(start);
          break; // an unclosed quote closes at end of input
        }
        const byte = <u32>load<u8>(i);
        if (byte == QUOTE) {
          if (i + 1 >= end && !ended) return needMore(start); // `""` or a closing quote? Wait for more.
          if (i + 1 < end && <u32>load<u8>(i + 1) == QUOTE) {
            store<u8>(used++, <u8>QUOTE);
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (byte == LF) newlines++;
        store<u8>(used++, <u8>byte);
        i++;
      }
    }
    // Unquoted text, or whatever follows a closing quote, up to the delimiter.
    const tail = used;
    let atLineEnd = false;
    for (;;) {
      if (i >= end) {
        if (!ended) return needMore(start);
        atLineEnd = true;
        break;
      }
      const byte = <u32>load<u8>(i);
      if (byte == COMMA) break;
      if (byte == LF) {
        atLineEnd = true;
        break;
      }
      store<u8>(used++, <u8>byte);
      i++;
    }
    if (atLineEnd && used > tail && <u32>load<u8>(used - 1) == CR) used--;
    addCell(cell, used);
    i++; // past the comma or LF
    if (!atLineEnd) continue;
    recordLine = nextLine;
    quoted = true;
    nextLine += newlines + 1;
    position = i < end ? i : end;
    return RECORD_READY;
  }
  return NEED_MORE;
}
