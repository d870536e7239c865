/** Status values of a run item; the GSI `runs-by-status` lists runs by them. */
export const RUN_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run as the API and the console show it: the item's facts, grouped, without storage details. */
export interface RunView {
  readonly id: string;
  readonly status: RunStatus;
  readonly source: { readonly bucket: string; readonly key: string; readonly versionId: string; readonly bytes?: number; readonly format?: string };
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly records?: { readonly total: number; readonly valid: number; readonly quarantined: number };
  readonly summaryKey?: string;
  readonly failure?: { readonly reason: string; readonly message?: string; readonly quarantineKey?: string };
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const count = (value: unknown) => (value === undefined ? undefined : Number(value));

/** Shapes a metadata-table item (written by run-store.ts and the state machine) as a {@link RunView}. */
export function runView(item: Record<string, unknown>): RunView {
  const total = count(item['totalRecords']);
  const reason = text(item['failureReason']);
  return {
    id: String(item['id']),
    status: item['status'] as RunStatus,
    source: {
      bucket: String(item['bucket']),
      key: String(item['key']),
      versionId: String(item['versionId']),
      ...(item['bytes'] !== undefined ? { bytes: Number(item['bytes']) } : {}),
      ...(text(item['format']) ? { format: text(item['format']) } : {}),
    },
    ...(text(item['startedAt']) ? { startedAt: text(item['startedAt']) } : {}),
    ...(text(item['finishedAt']) ? { finishedAt: text(item['finishedAt']) } : {}),
    ...(total !== undefined
      ? { records: { total, valid: count(item['validRecords']) ?? 0, quarantined: count(item['quarantinedRecords']) ?? 0 } }
      : {}),
    ...(text(item['summaryKey']) ? { summaryKey: text(item['summaryKey']) } : {}),
    ...(reason
      ? { failure: { reason, ...(text(item['failureMessage']) ? { message: text(item['failureMessage']) } : {}), ...(text(item['quarantineKey']) ? { quarantineKey: text(item['quarantineKey']) } : {}) } }
      : {}),
  };
}
