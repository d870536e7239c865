import { detectFormat, type FileFormat } from '../processing/index.js';
import type { PipelineEnv } from '../runtime/env.js';

/** The `detail.object` of an EventBridge *Object Created* event (only what the pipeline reads). */
export interface S3EventObject {
  readonly key: string;
  readonly size?: number;
  readonly etag?: string;
  readonly 'version-id'?: string;
}

/** The landed object one run is about, as the validate step resolved it. */
export interface SourceObject {
  readonly bucket: string;
  readonly key: string;
  /** S3's own `"null"` when the bucket is unversioned. */
  readonly versionId: string;
  readonly etag: string;
  readonly size: number;
  readonly format: FileFormat;
}

/** Key of the run item: one per object version, so a replay finds the same item. */
export interface RunKey {
  readonly runId: string;
  /** The version's LastModified in epoch ms: stable for the version, so (id, timestamp) is too. */
  readonly runTimestamp: number;
}

export function runKeyOf(object: Pick<SourceObject, 'bucket' | 'key' | 'versionId'>, lastModified: Date): RunKey {
  return { runId: `${object.bucket}/${object.key}@${object.versionId}`, runTimestamp: lastModified.getTime() };
}

/** Where a run's objects are: the data contract's prefixes (the stack passes them to every reader). */
export type RunPrefixes = Pick<PipelineEnv, 'RAW_PREFIX' | 'PROCESSED_PREFIX' | 'QUARANTINE_PREFIX'>;

/** Output locations of one object version (SPEC §5): deterministic, so a replay overwrites, never duplicates. */
export interface OutputKeys {
  readonly records: string;
  readonly summary: string;
  readonly quarantineReport: string;
  readonly quarantinedSource: string;
}

/** `{key under raw/}/{versionId}`: where every output of one object version sits below its prefix. */
export function versionBase(object: Pick<SourceObject, 'key' | 'versionId'>, env: RunPrefixes): string {
  const relative = object.key.startsWith(env.RAW_PREFIX) ? object.key.slice(env.RAW_PREFIX.length) : object.key;
  return `${relative}/${object.versionId}`;
}

export function outputKeysOf(object: Pick<SourceObject, 'key' | 'versionId'>, env: RunPrefixes): OutputKeys {
  const base = versionBase(object, env);
  const relative = base.slice(0, base.lastIndexOf('/'));
  const fileName = relative.split('/').pop() ?? relative;
  return {
    records: `${env.PROCESSED_PREFIX}${base}/records.jsonl`,
    summary: `${env.PROCESSED_PREFIX}${base}/summary.json`,
    quarantineReport: `${env.QUARANTINE_PREFIX}${base}/rejected-rows.jsonl`,
    quarantinedSource: `${env.QUARANTINE_PREFIX}${base}/source/${fileName}`,
  };
}

/**
 * The object's version id: the event's, else HEAD's, else S3's own `"null"` for unversioned
 * buckets. Every step derives the run key through this, so they all address the same run item.
 */
export function versionIdOf(object: S3EventObject, head: { versionId?: string }): string {
  return object['version-id'] ?? head.versionId ?? 'null';
}

/** Builds the source object from the event and the HEAD response; rejects unsupported keys. */
export function sourceObjectOf(bucket: string, object: S3EventObject, head: { size: number; etag: string; versionId?: string }): SourceObject {
  return {
    bucket,
    key: object.key,
    versionId: versionIdOf(object, head),
    etag: head.etag,
    size: head.size,
    format: detectFormat(object.key),
  };
}
