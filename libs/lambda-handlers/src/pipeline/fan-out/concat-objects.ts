import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { concatPlan, type ConcatPart, type SourceRange } from './concat-plan.js';
import { mapInParallel } from './map-in-parallel.js';
import { s3RangeReader } from './s3-objects.js';

/** An object to join, from byte `from` (default 0) to its end at `size` (from the part's own result). */
export interface ConcatSource {
  readonly key: string;
  readonly size: number;
  readonly from?: number;
}

/** Parts in flight at once: copies run server-side, so the function mostly waits; 16 bound the memory of gathered parts to 80 MiB. */
const PARALLEL_PARTS = 16;

/**
 * Writes `target` as the concatenation of `sources` (same bucket, in order) with one multipart
 * upload: large parts by UploadPartCopy, small ones gathered in memory into 5 MiB parts (see
 * concatPlan). An empty result is a plain empty PutObject, since S3 has no zero-part upload. A
 * failure aborts the upload, leaving no partial object; a rerun writes the same target again.
 */
export async function concatObjects(s3: S3Client, bucket: string, sources: readonly ConcatSource[], target: string, contentType: string): Promise<number> {
  const plan = concatPlan(sources.map((source) => source.size - (source.from ?? 0)));
  if (plan.length === 0) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: target, Body: new Uint8Array(0), ContentType: contentType }));
    return 0;
  }
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: target, ContentType: contentType }));
  try {
    const completed = await mapInParallel(
      plan,
      PARALLEL_PARTS,
      async (part, index): Promise<CompletedPart> => ({ PartNumber: index + 1, ETag: await sendPart(s3, bucket, sources, target, UploadId!, index + 1, part) }),
    );
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: target, UploadId, MultipartUpload: { Parts: completed } }));
  } catch (error) {
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: target, UploadId })).catch(() => undefined);
    throw error;
  }
  return plan.length;
}

async function sendPart(s3: S3Client, bucket: string, sources: readonly ConcatSource[], target: string, uploadId: string, partNumber: number, part: ConcatPart) {
  const common = { Bucket: bucket, Key: target, UploadId: uploadId, PartNumber: partNumber };
  if ('copy' in part) {
    const { source, start, end } = shifted(sources, part.copy);
    const response = await s3.send(
      new UploadPartCopyCommand({ ...common, CopySource: copySource(bucket, sources[source]!.key), CopySourceRange: `bytes=${start}-${end - 1}` }),
    );
    return response.CopyPartResult?.ETag;
  }
  const pieces = await Promise.all(
    part.upload.map((range) => {
      const { source, start, end } = shifted(sources, range);
      return s3RangeReader(s3, bucket, sources[source]!.key)(start, end);
    }),
  );
  const response = await s3.send(new UploadPartCommand({ ...common, Body: Buffer.concat(pieces) }));
  return response.ETag;
}

/** A planned range (relative to the source's `from`) in the source object's own bytes. */
function shifted(sources: readonly ConcatSource[], range: SourceRange): SourceRange {
  const from = sources[range.source]!.from ?? 0;
  return { source: range.source, start: range.start + from, end: range.end + from };
}

/** `bucket/key` with the key URL-encoded except its slashes, as CopySource expects. */
function copySource(bucket: string, key: string): string {
  return `${bucket}/${encodeURIComponent(key).replaceAll('%2F', '/')}`;
}
