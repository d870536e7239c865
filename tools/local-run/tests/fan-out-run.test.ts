import { findWorkspaceRoot } from '@data-platform/workspace';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalPipeline, type PipelineRun } from '../src/index.js';

const HEADER = 'transaction_id,account_id,timestamp,currency,amount,status,merchant';

/** Cross-shard duplicates, malformed rows, blank lines, CRLF and a BOM: what the shards must agree on. */
function transactions(rows: number): string {
  const lines = [`\uFEFF${HEADER}`];
  for (let i = 0; i < rows; i++) {
    if (i % 13 === 6) lines.push(`TX-${i - 50},ACC-${i % 4},2024-05-02T10:00:00Z,EUR,3.10,settled,`);
    else if (i % 19 === 2) lines.push(`TX-${i},ACC-1,2024-05-01T10:00:00Z,USD,"1.00,settled,`);
    else if (i % 31 === 9) lines.push('');
    else lines.push(`TX-${i},ACC-${i % 4},2024-05-0${1 + (i % 3)}T0${i % 10}:00:00Z,${i % 2 ? 'EUR' : 'USD'},${i}.25,${['settled', 'pending', 'reversed'][i % 3]},Shop ${i}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('the fan-out branch run locally (--shard-bytes): the same outputs and rows as the single function', () => {
  let single: LocalPipeline;
  let fanOut: LocalPipeline;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-run-fan-out-'));
    const workspaceRoot = findWorkspaceRoot(import.meta.dirname);
    [single, fanOut] = await Promise.all([
      LocalPipeline.start({ workspaceRoot, env: 'dev', retryTimeScale: 0.001 }),
      LocalPipeline.start({ workspaceRoot, env: 'dev', retryTimeScale: 0.001, shardBytes: 700 }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([single?.stop(), fanOut?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Every output the run left: records and quarantine bytes, summary, and the database rows of the version. */
  async function outputsOf(local: LocalPipeline, run: PipelineRun) {
    const text = async (name: string) => {
      const output = run.report.outputs.find((candidate) => candidate.name === name)!;
      const key = output.s3.slice(`s3://${local.pipeline.bucket}/`.length);
      return (await local.aws.s3.send(new GetObjectCommand({ Bucket: local.pipeline.bucket, Key: key }))).Body!.transformToString();
    };
    const { rows } = await local.database.db.query(
      'SELECT account_id, currency, day::text, transaction_count::text, settled_minor::text, pending_minor::text, reversed_minor::text FROM daily_aggregates WHERE source_key = $1 ORDER BY account_id, currency, day',
      [run.report.source.key],
    );
    return { records: await text('records'), quarantine: await text('quarantineReport'), summary: await text('summary'), rows };
  }

  it('plans several shards, runs both Distributed Map passes through the adapter and matches the single run byte for byte', async () => {
    const file = join(dir, 'transactions.csv');
    await writeFile(file, transactions(300));
    const [alone, sharded] = [await single.run(file), await fanOut.run(file)];
    expect(alone.report).toMatchObject({ status: 'SUCCEEDED', shards: 1 });
    expect(sharded.report.status).toBe('SUCCEEDED');
    expect(sharded.report.shards).toBeGreaterThan(10);
    expect(sharded.execution!.states).toEqual(expect.arrayContaining(['PlanShards', 'ShardPassOne', 'MergeShards', 'ShardPassTwo', 'AssembleShards', 'LoadAggregates']));
    expect(sharded.execution!.states).not.toContain('TransformObject');

    const [expected, actual] = await Promise.all([outputsOf(single, alone), outputsOf(fanOut, sharded)]);
    expect(actual.records).toBe(expected.records);
    expect(actual.quarantine).toBe(expected.quarantine);
    expect(actual.summary).toBe(expected.summary);
    expect(actual.rows).toEqual(expected.rows);
    expect(actual.rows.length).toBeGreaterThan(0);
    expect(sharded.report.quarantine).toEqual(alone.report.quarantine);
    expect(sharded.report.database).toEqual(alone.report.database);
  }, 180_000);

  it('rejects a gzip file on the fan-out branch with a file-level reason, down the quarantine path', async () => {
    const { gzipSync } = await import('node:zlib');
    const file = join(dir, 'big.csv.gz');
    await writeFile(file, gzipSync(transactions(20)));
    const { report } = await fanOut.run(file);
    expect(report.status).toBe('FAILED');
    expect(report.failure).toMatchObject({ reason: 'gzip_not_splittable', message: expect.stringContaining('gzip cannot be split at byte ranges') });
  }, 60_000);
});
