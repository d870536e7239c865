import { GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { outputKeysOf, type OutputKeys, type RunPrefixes } from '../pipeline/source-object.js';
import type { RunView } from './run-view.js';

/** One reason rows were quarantined for, and how many rows. */
export interface QuarantineReason {
  readonly reason: string;
  readonly count: number;
}

/** A rejected row as a person reads it: where, why, and its text. */
export interface RejectedLine {
  readonly line: number;
  readonly reason: string;
  readonly text: string;
}

/** What a run left in S3 beyond its item: its output keys and, when rows were rejected, what and why. */
export interface RunOutputs {
  readonly keys: OutputKeys;
  /** Absent when the run wrote no quarantine report (it failed first, or has not finished). */
  readonly quarantine?: { readonly reasons: readonly QuarantineReason[]; readonly firstRejected: readonly RejectedLine[] };
}

/** How many rejected rows a reader is shown. */
export const FIRST_REJECTED_LINES = 10;

async function openObject(s3: S3Client, bucket: string, key: string): Promise<Readable | undefined> {
  try {
    return (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body as Readable;
  } catch (error) {
    if (error instanceof NoSuchKey || (error as Error).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Reads a quarantine report (JSON Lines, one QuarantineEntry a line) once: counts per reason and the first rows. */
async function summarizeReport(report: Readable): Promise<NonNullable<RunOutputs['quarantine']>> {
  const counts = new Map<string, number>();
  const firstRejected: RejectedLine[] = [];
  for await (const text of createInterface({ input: report, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    const entry = JSON.parse(text) as { line: number; reason: string; raw?: string; record?: Record<string, unknown> };
    counts.set(entry.reason, (counts.get(entry.reason) ?? 0) + 1);
    if (firstRejected.length < FIRST_REJECTED_LINES) firstRejected.push({ line: entry.line, reason: entry.reason, text: entry.raw ?? JSON.stringify(entry.record ?? {}) });
  }
  const reasons = [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { reasons, firstRejected };
}

/**
 * A run's outputs (SPEC §5 keys, from the one function that names them) and its quarantine report
 * summarized: the reasons with their counts and the first rejected rows.
 */
export async function runOutputs(s3: S3Client, prefixes: RunPrefixes, run: RunView): Promise<RunOutputs> {
  const keys = outputKeysOf(run.source, prefixes);
  const report = run.status === 'SUCCEEDED' ? await openObject(s3, run.source.bucket, keys.quarantineReport) : undefined;
  return { keys, ...(report ? { quarantine: await summarizeReport(report) } : {}) };
}
