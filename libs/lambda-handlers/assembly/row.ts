/**
 * One row the fast path has checked and not yet committed: where its fields are, and what the
 * field rules made of them. scan() checks a batch of rows before committing any (see index.ts).
 */
@unmanaged
export class Row {
  /** Where the record starts and its line, to read it again if it has to be handed back. */
  start: usize = 0;
  line: u32 = 0;
  idStart: usize = 0;
  idEnd: usize = 0;
  idKind: i32 = 0;
  /** h1 of the id's entry (id-set.ts), computed without staging it. */
  idHash: u32 = 0;
  /** The id is a lowercase UUID, packed at {@link idEntry} (id-entry.ts); else it is staged from its text. */
  idPacked: bool = false;
  /** Room for a packed UUID entry, plus slack for word copies. */
  idEntry: usize = 0;
  accountStart: usize = 0;
  accountEnd: usize = 0;
  accountKind: i32 = 0;
  accountHash: u32 = 0;
  /** date ordinal × 256 + currency index */
  groupKey: u32 = 0;
  currencyStart: usize = 0;
  status: i32 = 0;
  merchantStart: usize = 0;
  merchantEnd: usize = 0;
  merchantKind: i32 = 0;
  // The timestamp in UTC (fields.ts parseTimestamp).
  year: i32 = 0;
  month: i32 = 0;
  day: i32 = 0;
  hour: i32 = 0;
  minute: i32 = 0;
  /** The two seconds digits in the source (seconds never change with the offset). */
  secondAt: usize = 0;
  /** Fraction digits to keep, `[fractionStart, fractionEnd)` of the source; padded with zeros to 3. */
  fractionStart: usize = 0;
  fractionEnd: usize = 0;
  /** The source already is the canonical form (`…ss.fffZ`), so it is copied as it is. */
  canonical: bool = false;
  // The amount in minor units (fields.ts parseAmount): its canonical digits are
  // `[headStart, headEnd) + [tailStart, tailEnd)` then `padZeros` zeros, none for 0.
  negative: bool = false;
  headStart: usize = 0;
  headEnd: usize = 0;
  tailStart: usize = 0;
  tailEnd: usize = 0;
  padZeros: i32 = 0;
  amount: i64 = 0;
}

/** A zeroed Row outside any garbage collector (the core frees nothing it keeps for a file). */
export function allocRow(): Row {
  const p = heap.alloc(offsetof<Row>());
  memory.fill(p, 0, offsetof<Row>());
  const row = changetype<Row>(p);
  row.idEntry = heap.alloc(32);
  return row;
}
