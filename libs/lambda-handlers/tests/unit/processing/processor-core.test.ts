import { describe, expect, it } from 'vitest';
import { CoreEvent, ProcessorCore } from '../../../src/processing/processor-core.js';

const core = (): ProcessorCore => new ProcessorCore({ maxRecordBytes: 1024, chunkBytes: 4096, idLimitBytes: 1 << 20, initialIdSlots: 64 });

type Read = { line: number; cells: string[] } | { line: number; malformed: string };

/** Feeds `text` to a core without columns (so every record comes back) and collects the records. */
function records(text: string, chunkBytes = text.length): Read[] {
  const c = core();
  const out: Read[] = [];
  const drain = (): void => {
    for (let event = c.exports.scan(); event !== CoreEvent.NeedInput; event = c.exports.scan()) {
      expect(event).toBe(CoreEvent.Record);
      const malformed = c.malformedLine();
      out.push(malformed === undefined ? { line: c.recordLine, cells: c.cells() } : { line: c.recordLine, malformed });
    }
  };
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    const chunk = bytes.subarray(at, at + chunkBytes);
    for (let from = 0; from < chunk.length; ) {
      from = c.writeInput(chunk, from);
      drain();
    }
  }
  c.exports.endInput();
  drain();
  return out;
}

describe('ProcessorCore', () => {
  it('uses the event codes that the WebAssembly side defines', () => {
    const exports = core().exports as unknown as Record<string, { value: number }>;
    expect({
      NeedInput: exports.EVENT_NEED_INPUT!.value,
      Record: exports.EVENT_RECORD!.value,
      OutputReady: exports.EVENT_OUTPUT_READY!.value,
      RecordTooLarge: exports.EVENT_RECORD_TOO_LARGE!.value,
      Spill: exports.EVENT_SPILL!.value,
      CheckSpilled: exports.EVENT_CHECK_SPILLED!.value,
    }).toEqual(CoreEvent);
  });

  it('tokenizes one record per physical line, malformed lines whole, however the bytes are chunked', () => {
    const text = 'a,b\r\n\n  \n"x, ""y""",z\n"multi\nline",\n"q"\r\n,"",\r\nab"c\n"ab"c,d\n"a"\rb\n"unclosed';
    const expected = [
      { line: 1, cells: ['a', 'b'] },
      { line: 4, cells: ['x, "y"', 'z'] },
      { line: 5, malformed: '"multi' },
      { line: 6, malformed: 'line",' },
      { line: 7, cells: ['q'] },
      { line: 8, cells: ['', '', ''] },
      { line: 9, malformed: 'ab"c' },
      { line: 10, malformed: '"ab"c,d' },
      { line: 11, malformed: '"a"\rb' },
      { line: 12, malformed: '"unclosed' },
    ];
    for (const chunkBytes of [1, 2, 3, 7, 16, 17, text.length]) expect(records(text, chunkBytes)).toEqual(expected);
  });
});
