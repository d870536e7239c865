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
  // The UTC timestamp (see fields.ts).
  year: i32 = 0;
  month: i32 = 0;
  day: i32 = 0;
  hour: i32 = 0;
  minute: i32 = 0;
  secondAt: usize = 0;
  fractionStart: usize = 0;
  fractionEnd: usize = 0;
  canonical: bool = false;
  // The amount in minor units (see fields.ts).
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
  return changetype<Row>(p);
}
