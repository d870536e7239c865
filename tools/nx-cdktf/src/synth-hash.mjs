// @ts-check
// A fingerprint of a synthesized stack (cdk.tf.json and every asset) so deploy can tell whether a
// saved plan was made from exactly what is synthesized now. A plan file alone cannot say: apply
// reads the asset zips from disk, so they must match too.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './list-files.mjs';

/**
 * Whether a file belongs to the synthesized configuration: top-level Terraform files and assets.
 * Override files are the runner's own (offline backend) and plans and summaries are run output,
 * so the same hash comes out of the synth dir and of a work dir holding a copy of it.
 * @param {string} file forward-slash path relative to the stack dir
 */
export function isSynthesizedFile(file) {
  if (file.startsWith('assets/')) return true;
  return !file.includes('/') && /\.tf(\.json)?$/.test(file) && !/_override\.tf(\.json)?$/.test(file);
}

/**
 * `sha256:<hex>` over each synthesized file's path and content hash, so renames and edits both
 * change it and file system order does not.
 * @param {string} stackDir a synthesized stack dir, or a work dir with a copy of one
 */
export function hashSynth(stackDir) {
  const hash = createHash('sha256');
  for (const file of listFiles(stackDir).filter(isSynthesizedFile)) {
    const content = createHash('sha256').update(readFileSync(join(stackDir, file))).digest('hex');
    hash.update(`${file}\0${content}\n`);
  }
  return `sha256:${hash.digest('hex')}`;
}
