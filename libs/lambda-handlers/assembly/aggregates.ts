import { allocZeroed, bytesEqual } from './bytes';
import { hashBytes } from './hash';

/*
 * Per (account, currency, UTC date) totals in exact integer minor units; JavaScript's
 * DailyAggregator (src/processing/daily-aggregator.ts) reads them out and adds what is too large
 * for here.
 *
 * Accounts are interned once as their UTF-8 bytes (a dense index per distinct account); a short
 * account is matched inside its 32-byte lookup slot, so finding it costs the one cache line the
 * batch has already touched instead of three dependent loads (slot, ref, arena). A group
 * is one 64-byte slot of an open-addressed table, so a row touches one cache line:
 *   [account + 1: u32 (0 = empty), key: u32, count: i64, then per status (low: i64, high: i64)]
 * where key = date ordinal × 256 + currency index, and a status's sum is high × 2^62 + low: low is
 * kept within ±2^62 and each amount added is below 10^18 < 2^60, so no addition can overflow.
 */

const SLOT: usize = 64;
const SUMS: usize = 16;
const CARRY: i64 = 1 << 62;

/**
 * Slot i, 32 bytes: [hash u32, index + 1 u32 (0 = empty), length u32, the account's first
 * INLINE_KEY bytes]. An account that short (the usual case) is matched within the slot the batch
 * has already touched (see scan in index.ts); a longer one is compared in the arena.
 */
const ACCOUNT_SLOT: usize = 32;
const INLINE_KEY: u32 = 20;
let accountTable: usize = 0;
/** The allocation accountTable lies in: the table starts on a slot boundary, so a slot is within one cache line. */
let accountAllocation: usize = 0;
let accountMask: u32 = 0;
export let accountCount: u32 = 0;
/** Per index: [arena offset u32, length u32]. */
export let accountRefs: usize = 0;
/** Per index: the account's hash, which places its groups in the group table. */
let accountHashes: usize = 0;
let accountRefsCapacity: u32 = 0;
export let accountArena: usize = 0;
let accountArenaBytes: usize = 0;
let accountArenaUsed: usize = 0;

export let groupTable: usize = 0;
/** The allocation groupTable lies in: the table starts on a 64-byte boundary, so a slot is one cache line. */
let groupAllocation: usize = 0;
let groupMask: u32 = 0;
export let groupCount: u32 = 0;

export function initAggregates(): void {
  accountMask = 1023;
  accountAllocation = allocTable(accountMask + 1, ACCOUNT_SLOT);
  accountTable = alignTo(accountAllocation, ACCOUNT_SLOT);
  accountRefsCapacity = 1024;
  accountRefs = heap.alloc(<usize>accountRefsCapacity << 3);
  accountHashes = heap.alloc(<usize>accountRefsCapacity << 2);
  accountArenaBytes = 64 * 1024;
  accountArena = heap.alloc(accountArenaBytes);
  groupMask = 1023;
  groupAllocation = allocTable(groupMask + 1, SLOT);
  groupTable = alignTo(groupAllocation, SLOT);
}

export function groupSlots(): u32 {
  return groupMask + 1;
}

/** The dense index of the account spelled by `[start, end)`, added when new. */
export function accountIndex(start: usize, end: usize): u32 {
  return accountIndexHashed(start, end, hashBytes(start, end));
}

/** {@link accountIndex} when the caller has the hash of `[start, end)` already. */
export function accountIndexHashed(start: usize, end: usize, hash: u32): u32 {
  const length = <u32>(end - start);
  let i = hash & accountMask;
  for (; ; i = (i + 1) & accountMask) {
    const slot = accountTable + <usize>i * ACCOUNT_SLOT;
    const stored = load<u32>(slot + 4);
    if (stored == 0) break;
    if (load<u32>(slot) != hash || load<u32>(slot + 8) != length) continue;
    const key = length <= INLINE_KEY ? slot + 12 : accountArena + load<u32>(accountRefs + (<usize>(stored - 1) << 3));
    if (bytesEqual(key, start, length)) return stored - 1;
  }
  if (accountArenaUsed + length > accountArenaBytes) {
    accountArenaBytes = max(accountArenaBytes << 1, accountArenaUsed + length);
    accountArena = heap.realloc(accountArena, accountArenaBytes);
  }
  memory.copy(accountArena + accountArenaUsed, start, length);
  if (accountCount == accountRefsCapacity) {
    accountRefsCapacity <<= 1;
    accountRefs = heap.realloc(accountRefs, <usize>accountRefsCapacity << 3);
    accountHashes = heap.realloc(accountHashes, <usize>accountRefsCapacity << 2);
  }
  const index = accountCount++;
  store<u32>(accountRefs + (<usize>index << 3), <u32>accountArenaUsed);
  store<u32>(accountRefs + (<usize>index << 3) + 4, length);
  store<u32>(accountHashes + (<usize>index << 2), hash);
  accountArenaUsed += length;
  const slot = accountTable + <usize>i * ACCOUNT_SLOT;
  store<u32>(slot, hash);
  store<u32>(slot + 4, index + 1);
  store<u32>(slot + 8, length);
  memory.copy(slot + 12, start, min(length, INLINE_KEY));
  if (accountCount * 2 > accountMask + 1) growAccounts(); // at most half full
  return index;
}

/** Where an account's probe starts: its hash. */
function accountHome(slot: usize): u32 {
  return load<u32>(slot);
}

function growAccounts(): void {
  accountAllocation = doubledTable(accountTable, accountAllocation, accountMask + 1, ACCOUNT_SLOT, 4, accountHome);
  accountTable = alignTo(accountAllocation, ACCOUNT_SLOT);
  accountMask = (accountMask << 1) | 1;
}

/** Zeroed memory for a table of `slots` slots of `slotBytes`, plus one slot to align it in (see alignTo). */
function allocTable(slots: u32, slotBytes: usize): usize {
  return allocZeroed(<usize>slots * slotBytes + slotBytes);
}

/** `allocation` rounded up to a multiple of `slotBytes` (a power of two), so no slot straddles a cache line. */
@inline function alignTo(allocation: usize, slotBytes: usize): usize {
  return (allocation + slotBytes - 1) & ~(slotBytes - 1);
}

/**
 * A table of twice `oldSlots` slots (`slotBytes` each) holding every occupied slot of `old` (one
 * whose u32 at `occupiedAt` is not 0) where linear probing from `home(slot)` puts it. Frees
 * `oldAllocation` and returns the new allocation; the table starts at alignTo(it, slotBytes).
 */
function doubledTable(old: usize, oldAllocation: usize, oldSlots: u32, slotBytes: usize, occupiedAt: usize, home: (slot: usize) => u32): usize {
  const mask = (oldSlots << 1) - 1;
  const allocation = allocTable(mask + 1, slotBytes);
  const grown = alignTo(allocation, slotBytes);
  for (let j: u32 = 0; j < oldSlots; j++) {
    const from = old + <usize>j * slotBytes;
    if (load<u32>(from + occupiedAt) == 0) continue;
    let i = home(from) & mask;
    while (load<u32>(grown + <usize>i * slotBytes + occupiedAt) != 0) i = (i + 1) & mask;
    memory.copy(grown + <usize>i * slotBytes, from, slotBytes);
  }
  heap.free(oldAllocation);
  return allocation;
}

/**
 * Where a group's probe starts: from its account's hash rather than its index, so a row can touch
 * the slot before its account is interned (see scan in index.ts).
 */
@inline function groupHash(accountHash: u32, key: u32): u32 {
  return (accountHash * 0x9e3779b1) ^ (key * 0x85ebca6b);
}

@inline function accountHashOf(account: u32): u32 {
  return load<u32>(accountHashes + (<usize>account << 2));
}

/** Loads the slot where a probe for this account's group starts, so its cache miss is under way early. */
export function touchGroup(accountHash: u32, key: u32): u32 {
  return load<u32>(groupTable + <usize>(groupHash(accountHash, key) & groupMask) * SLOT);
}

/** Loads the account table slot where a probe for `hash` starts. */
export function touchAccount(hash: u32): u32 {
  return load<u32>(accountTable + <usize>(hash & accountMask) * ACCOUNT_SLOT);
}

/** The slot of (account, key), created when new; `accountHash` is the account's hash. */
export function groupSlot(account: u32, accountHash: u32, key: u32): usize {
  const stored = account + 1;
  for (let i = groupHash(accountHash, key) & groupMask; ; i = (i + 1) & groupMask) {
    const slot = groupTable + <usize>i * SLOT;
    const occupant = load<u32>(slot);
    if (occupant == stored && load<u32>(slot + 4) == key) return slot;
    if (occupant != 0) continue;
    if ((groupCount + 1) * 4 > (groupMask + 1) * 3) {
      growGroups();
      return groupSlot(account, accountHash, key);
    }
    store<u32>(slot, stored);
    store<u32>(slot + 4, key);
    groupCount++;
    return slot;
  }
  return 0;
}

/** Where a group's probe starts (see groupHash). */
function groupHome(slot: usize): u32 {
  return groupHash(accountHashOf(load<u32>(slot) - 1), load<u32>(slot + 4));
}

function growGroups(): void {
  groupAllocation = doubledTable(groupTable, groupAllocation, groupMask + 1, SLOT, 0, groupHome);
  groupTable = alignTo(groupAllocation, SLOT);
  groupMask = (groupMask << 1) | 1;
}

/** Counts one transaction in its group and adds `amount` (|amount| < 10^18) to its status's sum. */
export function addToGroup(account: u32, key: u32, status: u32, amount: i64): void {
  addToGroupHashed(account, accountHashOf(account), key, status, amount);
}

/** {@link addToGroup} when the caller has the account's hash already (the fast path). */
export function addToGroupHashed(account: u32, accountHash: u32, key: u32, status: u32, amount: i64): void {
  const slot = groupSlot(account, accountHash, key);
  store<i64>(slot + 8, load<i64>(slot + 8) + 1);
  const sum = slot + SUMS + (<usize>status << 4);
  let low = load<i64>(sum) + amount;
  if (low >= CARRY) {
    low -= CARRY;
    store<i64>(sum + 8, load<i64>(sum + 8) + 1);
  } else if (low <= -CARRY) {
    low += CARRY;
    store<i64>(sum + 8, load<i64>(sum + 8) - 1);
  }
  store<i64>(sum, low);
}

