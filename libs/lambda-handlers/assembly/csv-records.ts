import { COMMA, CR, LF, QUOTE, SPACE, TAB } from './ascii';
import { bytesMatching3 } from './bytes';

/*
 * CSV records over a window of the file's bytes, one physical line per record (SPEC §5, as
 * BigQuery's default `allowQuotedNewlines = false`). JavaScript copies each chunk in after the
 * unread tail (writePointer / wrote); a record comes out as cell ranges: of the window for a line
 * without a quote, of a scratch buffer (quotes undone) for one with. LF or CRLF. A line whose
 * quotes do not balance, or with a quote inside an unquoted cell, comes out `malformed` with its
 * raw bytes, and reading goes on at the next line. A line holding only spaces or tabs is blank
 * and skipped.
 */

/** Bytes the window holds beyond the largest record: room for the next chunk. */
const CHUNK_ROOM: usize = 256 * 1024;
/** Slack after buffers that word-at-a-time copies read or write past. */
export const SLACK: usize = 8;
/** Slack after the window and the scratch buffer: a cell's last bytes may be read sixteen at a time (fields.ts textKind). */
export const VECTOR_SLACK: usize = 16;

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
/** The current line does not split into cells (unbalanced quotes, or a quote inside an unquoted cell): no cells, raw bytes only. */
export let malformed = false;
/** The current malformed line's bytes, without its line break. */
export let rawStart: usize = 0;
export let rawEnd: usize = 0;

export const RECORD_READY: i32 = 1;
export const NEED_MORE: i32 = 0;
export const TOO_LARGE: i32 = -1;

export function initRecords(maxRecord: usize): void {
  maxRecordBytes = maxRecord;
  windowBytes = maxRecord + CHUNK_ROOM;
  windowBase = heap.alloc(windowBytes + VECTOR_SLACK);
  // Unquoting only shrinks a record, so the scratch never needs more than the window.
  scratch = heap.alloc(windowBytes + VECTOR_SLACK);
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
    malformed = false;
    return RECORD_READY;
  }
  return NEED_MORE;
}

/**
 * The line at `start` as one malformed record: no cells, its raw bytes in [rawStart, rawEnd).
 * Reading resumes on the next line, so a stray quote costs this line only.
 */
function malformedRecord(start: usize): i32 {
  const end = dataEnd;
  let lineEnd = start;
  while (lineEnd < end && <u32>load<u8>(lineEnd) != LF) lineEnd++;
  if (lineEnd >= end && !ended) return needMore(start);
  let contentEnd = lineEnd;
  if (contentEnd > start && <u32>load<u8>(contentEnd - 1) == CR) contentEnd--;
  cellCount = 0;
  rawStart = start;
  rawEnd = contentEnd;
  malformed = true;
  quoted = false;
  recordLine = nextLine++;
  position = lineEnd < end ? lineEnd + 1 : end;
  return RECORD_READY;
}

/**
 * A line with a quote, unquoted into the scratch buffer. One physical line is one record: a quoted
 * cell holds commas and doubled quotes but never a line break; a quote that does not open a cell,
 * text after a closing quote, or a quote left open at the line's end makes the line malformed.
 */
function quotedRecord(start: usize): i32 {
  const end = dataEnd;
  let used = scratch;
  let i = start;
  cellCount = 0;
  for (;;) {
    const cell = used;
    if (i < end && <u32>load<u8>(i) == QUOTE) {
      i++;
      for (;;) {
        if (i >= end) {
          if (!ended) return needMore(start);
          return malformedRecord(start); // open at end of input
        }
        const byte = <u32>load<u8>(i);
        if (byte == LF) return malformedRecord(start); // open at the line's end
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
        store<u8>(used++, <u8>byte);
        i++;
      }
      // After a closing quote only a delimiter may follow: `,`, LF, CRLF or the end of input.
      if (i < end && <u32>load<u8>(i) == CR) {
        if (i + 1 >= end && !ended) return needMore(start);
        if (i + 1 < end && <u32>load<u8>(i + 1) != LF) return malformedRecord(start);
        i++;
      }
      if (i < end) {
        const next = <u32>load<u8>(i);
        if (next != COMMA && next != LF) return malformedRecord(start);
      }
    } else {
      for (;;) {
        if (i >= end) break;
        const byte = <u32>load<u8>(i);
        if (byte == COMMA || byte == LF) break;
        if (byte == QUOTE) return malformedRecord(start); // a quote inside an unquoted cell
        store<u8>(used++, <u8>byte);
        i++;
      }
      if (i >= end && !ended) return needMore(start);
      if ((i >= end || <u32>load<u8>(i) == LF) && used > cell && <u32>load<u8>(used - 1) == CR) used--;
    }
    addCell(cell, used);
    const atLineEnd = i >= end || <u32>load<u8>(i) == LF;
    i++; // past the comma or LF
    if (!atLineEnd) continue;
    recordLine = nextLine++;
    quoted = true;
    malformed = false;
    position = i < end ? i : end;
    return RECORD_READY;
  }
  return NEED_MORE;
}
