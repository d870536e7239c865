import { randomUUID } from 'node:crypto';

/** The EventBridge event S3 sends for a new object (bucket with EventBridge notifications on). */
export interface ObjectCreatedEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': 'Object Created';
  readonly source: 'aws.s3';
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: {
    readonly version: '0';
    readonly bucket: { readonly name: string };
    readonly object: { readonly key: string; readonly size: number; readonly etag: string; readonly 'version-id': string; readonly sequencer: string };
    readonly 'request-id': string;
    readonly requester: string;
    readonly 'source-ip-address': string;
    readonly reason: 'PutObject';
  };
}

export interface CreatedObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Without quotes, as S3 puts it in events. */
  readonly etag: string;
  /**
   * The version PutObject created; S3's `"null"` for an object stored without versioning, which
   * is what s3rver does (it has no versioning), so local events carry `"version-id": "null"`.
   */
  readonly versionId: string;
}

/** The event for one PutObject, shaped like S3's (fields the pipeline does not read are filled plausibly). */
export function objectCreatedEvent(object: CreatedObject, at: { region: string; account: string; time?: Date }): ObjectCreatedEvent {
  const time = at.time ?? new Date();
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: at.account,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: at.region,
    resources: [`arn:aws:s3:::${object.bucket}`],
    detail: {
      version: '0',
      bucket: { name: object.bucket },
      object: {
        key: object.key,
        size: object.size,
        etag: object.etag,
        'version-id': object.versionId,
        sequencer: time.getTime().toString(16).toUpperCase().padStart(18, '0'),
      },
      'request-id': randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase(),
      requester: at.account,
      'source-ip-address': '127.0.0.1',
      reason: 'PutObject',
    },
  };
}

function matchesValue(matcher: unknown, value: unknown): boolean {
  if (matcher === null || typeof matcher !== 'object') return value === matcher;
  const [operator, operand] = Object.entries(matcher)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && typeof operand === 'string' && value.startsWith(operand);
    case 'suffix':
      return typeof value === 'string' && typeof operand === 'string' && value.endsWith(operand);
    case 'exists':
      return (value !== undefined) === operand;
    case 'anything-but':
      return Array.isArray(operand) ? !operand.includes(value) : value !== operand;
    default:
      throw new Error(`EventBridge pattern operator '${String(operator)}' is not emulated locally`);
  }
}

/**
 * EventBridge pattern matching for the operators a rule on S3 events needs: exact values,
 * `prefix`, `suffix`, `exists` and `anything-but`. Every field of the pattern must match; a
 * list matches when any element does.
 */
export function matchesEventPattern(pattern: Record<string, unknown>, event: unknown): boolean {
  const fields = (event ?? {}) as Record<string, unknown>;
  return Object.entries(pattern).every(([field, expected]) => {
    const value = fields[field];
    if (Array.isArray(expected)) {
      const values = Array.isArray(value) ? value : [value];
      return expected.some((matcher) =>
        matcher !== null && typeof matcher === 'object' && 'exists' in matcher
          ? matchesValue(matcher, value)
          : values.some((candidate) => matchesValue(matcher, candidate)),
      );
    }
    if (expected !== null && typeof expected === 'object') {
      return value !== null && typeof value === 'object' && matchesEventPattern(expected as Record<string, unknown>, value);
    }
    throw new Error(`EventBridge pattern field '${field}' must be a list or an object`);
  });
}
