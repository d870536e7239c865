import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { RangeReader } from '../../processing/fan-out/index.js';

/** `null` is S3's version id of objects in unversioned buckets; it must not be sent as VersionId. */
const versionParam = (versionId?: string) => (versionId && versionId !== 'null' ? { VersionId: versionId } : {});

/**
 * Bytes [start, end) of an object by ranged GETs: what the planner reads around each cut and a
 * shard worker reads of its range, so no function ever downloads the whole file.
 */
export function s3RangeReader(s3: S3Client, bucket: string, key: string, versionId?: string): RangeReader {
  return async (start, end) => {
    if (end <= start) return new Uint8Array(0);
    const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}`, ...versionParam(versionId) }));
    return response.Body!.transformToByteArray();
  };
}

/** A small object (a plan, a result, a list), parsed as JSON. */
export async function getJson<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return JSON.parse(await response.Body!.transformToString('utf8')) as T;
}

/**
 * An object's bytes from byte `from` on, as a stream (a part read back for pass two or the
 * assembly); nothing when `from` is its size, since S3 refuses a range that starts at the end.
 */
export async function* objectBytes(s3: S3Client, bucket: string, key: string, from = 0, size?: number): AsyncGenerator<Uint8Array> {
  if (size !== undefined && from >= size) return;
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(from > 0 ? { Range: `bytes=${from}-` } : {}) }));
  yield* response.Body as Readable;
}
