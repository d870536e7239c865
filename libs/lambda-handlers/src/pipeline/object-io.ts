import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';

/** `null` is S3's version id of objects in unversioned buckets; it must not be sent as VersionId. */
const versionParam = (versionId: string) => (versionId && versionId !== 'null' ? { VersionId: versionId } : {});

export async function headObject(s3: S3Client, bucket: string, key: string, versionId?: string) {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, ...versionParam(versionId ?? '') }));
  return {
    size: head.ContentLength ?? 0,
    etag: (head.ETag ?? '').replaceAll('"', ''),
    lastModified: head.LastModified ?? new Date(0),
    ...(head.VersionId ? { versionId: head.VersionId } : {}),
  };
}

/** The object's bytes as a stream: never buffered whole. */
export async function openObject(s3: S3Client, bucket: string, key: string, versionId: string): Promise<Readable> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...versionParam(versionId) }));
  return response.Body as Readable;
}

export async function putJson(s3: S3Client, bucket: string, key: string, value: unknown): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: `${JSON.stringify(value, null, 2)}\n`, ContentType: 'application/json' }),
  );
}

/**
 * Streams JSON Lines to S3 as a multipart upload: `write` waits when the upload falls behind
 * (backpressure), so memory stays flat whatever the object size.
 */
export class JsonLinesUpload {
  private readonly body = new PassThrough({ highWaterMark: 1024 * 1024 });
  private readonly upload: Upload;
  private readonly done: Promise<unknown>;

  constructor(s3: S3Client, bucket: string, readonly key: string) {
    this.upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: key, Body: this.body, ContentType: 'application/x-ndjson' },
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
    });
    this.done = this.upload.done();
    // Surface upload failures through `close`, not as an unhandled rejection.
    this.done.catch(() => undefined);
  }

  async write(value: unknown): Promise<void> {
    await this.writeLines(`${JSON.stringify(value)}\n`);
  }

  /** Appends text or bytes that already are whole JSON lines. */
  async writeLines(lines: string | Uint8Array): Promise<void> {
    if (!this.body.write(lines)) await once(this.body, 'drain');
  }

  async close(): Promise<void> {
    this.body.end();
    await this.done;
  }

  async abort(): Promise<void> {
    this.body.destroy();
    await this.upload.abort().catch(() => undefined);
  }
}
