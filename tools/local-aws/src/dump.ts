import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { LocalAws } from './local-aws.js';

/** What was written, as absolute paths. */
export interface DumpResult {
  readonly objects: readonly string[];
  readonly tables: readonly string[];
}

/** `dir/key`, refusing keys that would land outside `dir` (`../`, absolute). */
function fileFor(dir: string, key: string): string {
  const file = resolve(dir, ...key.split('/'));
  const inside = relative(dir, file);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) throw new Error(`local-aws: refusing to dump S3 key '${key}' outside ${dir}`);
  return file;
}

/** Every key of a bucket, following continuation tokens. */
export async function listKeys(aws: LocalAws, bucket: string, prefix?: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Every object of `bucket` to `dir/<key>`. */
export async function dumpBucket(aws: LocalAws, bucket: string, dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const key of await listKeys(aws, bucket)) {
    const object = await aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const file = fileFor(resolve(dir), key);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, await object.Body!.transformToByteArray());
    files.push(file);
  }
  return files;
}

/** Every item of a table, as plain JSON (numbers as numbers), sorted by key for stable diffs. */
export async function scanTable(aws: LocalAws, table: string): Promise<Record<string, unknown>[]> {
  const documents = DynamoDBDocumentClient.from(aws.dynamodb);
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) items.push(sortKeys(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

function sortKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every item of `table` to `file`, one JSON object per line. */
export async function dumpTable(aws: LocalAws, table: string, file: string): Promise<string> {
  const items = await scanTable(aws, table);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, items.map((item) => `${JSON.stringify(item)}\n`).join(''));
  return file;
}

/**
 * The emulators' contents under `outDir`: `s3/<key>` for every object of `bucket` and
 * `dynamodb/<table>.jsonl` for every table.
 */
export async function dumpLocalAws(aws: LocalAws, outDir: string, resources: { bucket: string; tables: readonly string[] }): Promise<DumpResult> {
  const objects = await dumpBucket(aws, resources.bucket, join(outDir, 's3'));
  const tables = await Promise.all(resources.tables.map((table) => dumpTable(aws, table, join(outDir, 'dynamodb', `${table}.jsonl`))));
  return { objects, tables };
}
