// @ts-check
/**
 * The benchmarks' transaction file: SPEC §5 rows from the workspace's one transaction generator
 * (UUID ids, 20k accounts with a home currency, 7 days of timestamps, ~1 % broken rows of every
 * reason), generated once per size in os.tmpdir() and reused, so every benchmark of a session
 * reads the same bytes.
 */
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRANSACTION_CSV_HEADER, transactionRows } from '@data-platform/workspace/transaction-rows';

const MIB = 1024 * 1024;
/** Bumped whenever the generator changes, so a stale file is never reused. */
const GENERATOR_VERSION = 3;
const SEED = 20260301;

/**
 * Writes rows until the file holds at least `bytesWanted` bytes, in batches of about 4 MiB.
 * @param {string} file
 * @param {number} bytesWanted
 */
function generate(file, bytesWanted) {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w');
  let written = 0;
  let batch = [TRANSACTION_CSV_HEADER];
  let batchChars = TRANSACTION_CSV_HEADER.length + 1;
  for (const { line } of transactionRows({ seed: SEED })) {
    if (written + batchChars >= bytesWanted) break;
    batch.push(line);
    batchChars += line.length + 1;
    if (batchChars > 4 * MIB) {
      written += writeSync(fd, `${batch.join('\n')}\n`);
      batch = [];
      batchChars = 0;
    }
  }
  if (batch.length > 0) written += writeSync(fd, `${batch.join('\n')}\n`);
  closeSync(fd);
  renameSync(partial, file);
}

/**
 * Path of the bench file of `sizeMb` MiB, generating it first when this session has none.
 * @param {number} sizeMb
 */
export function benchFile(sizeMb) {
  const file = join(tmpdir(), `transform-bench-v${GENERATOR_VERSION}-${sizeMb}mib.csv`);
  if (!existsSync(file)) {
    const started = performance.now();
    process.stderr.write(`generating ${file} …\n`);
    generate(file, sizeMb * MIB);
    process.stderr.write(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return file;
}
