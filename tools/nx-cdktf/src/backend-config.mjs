// @ts-check
// The S3 backend exactly as synthesized: real runs use it unchanged, so this only checks that it
// is complete and safe (encrypted, native lock file) before Terraform is asked to init.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '@data-platform/workspace';

/**
 * @typedef {{ bucket: string, key: string, region: string, encrypt: true, useLockfile: true }} S3Backend
 */

/**
 * @param {unknown} tfJson parsed cdk.tf.json
 * @param {string} environment for the message
 * @returns {S3Backend}
 */
export function readS3Backend(tfJson, environment) {
  const backend = /** @type {{ terraform?: { backend?: Record<string, Record<string, unknown>> } }} */ (tfJson).terraform?.backend ?? {};
  const kinds = Object.keys(backend);
  const s3 = backend['s3'];
  if (!s3) {
    throw new UserError(`the synthesized stack of ${environment} has ${kinds.length ? `a ${kinds.join('/')} backend` : 'no backend'}, expected s3: real runs keep state in S3`);
  }
  const missing = ['bucket', 'key', 'region'].filter((field) => typeof s3[field] !== 'string' || s3[field] === '');
  if (missing.length > 0) throw new UserError(`the S3 backend of ${environment} lacks ${missing.join(', ')}: set context.backend in the app's cdktf.json`);
  if (s3['encrypt'] !== true) throw new UserError(`the S3 backend of ${environment} must set encrypt = true: state holds secrets`);
  // The DynamoDB lock table is deprecated; the stacks lock with the S3 lock file (Terraform >= 1.10).
  if (s3['use_lockfile'] !== true) throw new UserError(`the S3 backend of ${environment} must set use_lockfile = true: without it two runs can write the state at once`);
  return { bucket: String(s3['bucket']), key: String(s3['key']), region: String(s3['region']), encrypt: true, useLockfile: true };
}

/**
 * @param {string} stackDir a synthesized stack directory (holding cdk.tf.json)
 * @param {string} environment
 */
export function readStackBackend(stackDir, environment) {
  return readS3Backend(JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')), environment);
}
