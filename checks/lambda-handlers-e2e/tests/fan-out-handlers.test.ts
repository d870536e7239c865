import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssembleShardsEvent } from '@data-platform/lambda-handlers/handlers/assemble-shards';
import type { MergeShardsEvent, MergeShardsResult } from '@data-platform/lambda-handlers/handlers/merge-shards';
import type { PlanShardsEvent, PlanShardsResult } from '@data-platform/lambda-handlers/handlers/plan-shards';
import type { ProcessShardEvent, ProcessShardResult } from '@data-platform/lambda-handlers/handlers/process-shard';
import type { TransformResult, TransformEvent } from '@data-platform/lambda-handlers/handlers/transform-object';
import type { ValidateResult } from '@data-platform/lambda-handlers/handlers/validate-object';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lambdaContext, startLocalPipeline, type LocalPipeline } from './pipeline-harness.js';

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

interface FanOutHandlers {
  plan: Handler<PlanShardsEvent, PlanShardsResult>;
  shard: Handler<ProcessShardEvent, ProcessShardResult>;
  merge: Handler<MergeShardsEvent, MergeShardsResult>;
  assemble: Handler<AssembleShardsEvent, TransformResult>;
}

const HEADER = 'transaction_id,account_id,timestamp,currency,amount,status,merchant';

/** A CSV with what the fan-out must get right: cross-shard duplicates, CRLF, a BOM, malformed and blank lines. */
function trickyCsv(rows: number): string {
  const lines = [`\uFEFF${HEADER}`];
  for (let i = 0; i < rows; i++) {
    if (i % 17 === 5) lines.push(`T${i - 40},A${i % 3},2024-05-0${1 + (i % 7)}T10:00:00Z,USD,1.25,settled,dup of an earlier shard`);
    else if (i % 23 === 7) lines.push(`T${i},A1,2024-05-01T10:00:00Z,"USD,9.99,settled,`);
    else if (i % 29 === 3) lines.push('', '   ');
    else lines.push(`T${i},A${i % 3},2024-05-0${1 + (i % 7)}T1${i % 10}:00:00Z,${i % 2 ? 'EUR' : 'USD'},${i}.${i % 100},${['settled', 'pending', 'reversed'][i % 3]},"Shop, ${i}"`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe('fan-out handlers against the local emulators: byte-identical to the transform step', () => {
  let pipeline: LocalPipeline;
  let handlers: FanOutHandlers;

  beforeAll(async () => {
    pipeline = await startLocalPipeline();
    handlers = {
      plan: (await import('@data-platform/lambda-handlers/handlers/plan-shards')).handler,
      shard: (await import('@data-platform/lambda-handlers/handlers/process-shard')).handler,
      merge: (await import('@data-platform/lambda-handlers/handlers/merge-shards')).handler,
      assemble: (await import('@data-platform/lambda-handlers/handlers/assemble-shards')).handler,
    };
  });

  afterAll(async () => {
    await pipeline?.aws.stop();
  });

  /** What the state machine's fan-out branch does: plan → map of pass one → merge → map of pass two → assemble. */
  async function fanOut(run: ValidateResult, shardBytes: number, beforeMerge?: () => Promise<void>, rangeBytes?: number) {
    const plan = await handlers.plan({ run, shardBytes }, lambdaContext('plan'));
    for (let shard = 0; shard < plan.shards; shard++) await handlers.shard({ run, shard, pass: 1 }, lambdaContext('shard'));
    await beforeMerge?.();
    const merge = await handlers.merge({ run, shards: plan.shards, rangeBytes }, lambdaContext('merge'));
    const reruns = JSON.parse(await pipeline.text(merge.rerunsKey)) as { shard: number }[];
    for (const { shard } of reruns) await handlers.shard({ run, shard, pass: 2 }, lambdaContext('shard'));
    const result = await handlers.assemble({ run, shards: plan.shards }, lambdaContext('assemble'));
    return { plan, merge, result };
  }

  /** Every output of the run: records, quarantine report and summary, as bytes. */
  async function outputsOf(result: TransformResult) {
    const { records, quarantineReport, summary } = result.outputs;
    return { records: await pipeline.bytes(records), quarantine: await pipeline.text(quarantineReport), summary: await pipeline.text(summary) };
  }

  /** Records byte for byte, quarantine report and summary as text: what the transform step wrote. */
  async function expectSameOutputs(result: TransformResult, expected: Awaited<ReturnType<typeof outputsOf>>) {
    const outputs = await outputsOf(result);
    expect(Buffer.from(outputs.records).equals(Buffer.from(expected.records))).toBe(true);
    expect(outputs.quarantine).toBe(expected.quarantine);
    expect(outputs.summary).toBe(expected.summary);
    return outputs;
  }

  async function singlePath(key: string, body: string | Uint8Array) {
    const run = await pipeline.validate(await pipeline.put(key, body), lambdaContext('validate'));
    const result = await pipeline.transform({ run } as TransformEvent, lambdaContext('transform'));
    return { run, result, outputs: await outputsOf(result) };
  }

  it.each([150, 700, 4096])('writes the single path outputs with shards of %i bytes, rerunning only shards with earlier duplicates', async (shardBytes) => {
    const single = await singlePath(`raw/tricky-${shardBytes}.csv`, trickyCsv(400));
    const { plan, merge, result } = await fanOut(single.run, shardBytes);
    expect(plan.shards).toBeGreaterThan(3);
    expect(merge.reruns).toBeGreaterThan(0);
    expect(merge.reruns).toBeLessThan(plan.shards);
    expect(result.records).toEqual(single.result.records);
    const outputs = await expectSameOutputs(result, single.outputs);
    expect(outputs.quarantine).toContain('"reason":"duplicate_id"');
  }, 120_000);

  /** What the merge wrote: facts.json, reruns.json and each rerun shard's known-ids.json, as text. */
  async function mergeOutputsOf(run: ValidateResult) {
    const prefix = `processed/${run.key.slice('raw/'.length)}/null/shards/`;
    const facts = await pipeline.text(`${prefix}facts.json`);
    const reruns = await pipeline.text(`${prefix}reruns.json`);
    const knownIds = await Promise.all((JSON.parse(facts) as { reruns: number[] }).reruns.map((shard) => pipeline.text(`${prefix}${shard}/known-ids.json`)));
    return { facts, reruns, knownIds };
  }

  const getObjects = async () => (await pipeline.aws.stats()).requests.s3['GetObject'] ?? 0;

  it('merges in as many hash ranges as its budget forces, writing what one range writes, byte for byte', async () => {
    const single = await singlePath('raw/ranges.csv', trickyCsv(400));
    // A budget of 1 byte: every hash slice is a range of its own (256 ranges).
    const { plan, merge, result } = await fanOut(single.run, 700, undefined, 1);
    await expectSameOutputs(result, single.outputs);
    const manyRanges = await mergeOutputsOf(single.run);
    expect(manyRanges.knownIds).toHaveLength(merge.reruns);
    expect(manyRanges.knownIds.every((ids) => (JSON.parse(ids) as string[]).length > 0)).toBe(true);
    // The same runs in one range (the default budget), then in 256 again, counting GETs.
    let before = await getObjects();
    expect(await handlers.merge({ run: single.run, shards: plan.shards }, lambdaContext('merge'))).toEqual(merge);
    const oneRangeGets = (await getObjects()) - before;
    expect(await mergeOutputsOf(single.run)).toEqual(manyRanges);
    before = await getObjects();
    await handlers.merge({ run: single.run, shards: plan.shards, rangeBytes: 1 }, lambdaContext('merge'));
    // One GET per shard for its ids.json, then one ranged GET per shard and non-empty range.
    expect(oneRangeGets).toBeLessThanOrEqual(2 * plan.shards);
    expect((await getObjects()) - before).toBeGreaterThan(3 * plan.shards);
  }, 120_000);

  /** Fans a 300-row file out, then merges it again after `change` (undone after): the merge must write the same objects. */
  async function remergeAfter(key: string, shardBytes: number, change: (run: ValidateResult, shards: number) => Promise<(() => void) | void>) {
    const single = await singlePath(key, trickyCsv(300));
    const { plan, merge } = await fanOut(single.run, shardBytes);
    const expected = await mergeOutputsOf(single.run);
    expect(expected.knownIds.length).toBeGreaterThan(0);
    const undo = await change(single.run, plan.shards);
    try {
      expect(await handlers.merge({ run: single.run, shards: plan.shards }, lambdaContext('merge'))).toEqual(merge);
    } finally {
      undo?.();
    }
    expect(await mergeOutputsOf(single.run)).toEqual(expected);
  }

  it('merges without /tmp: with TMPDIR naming a directory that does not exist, it writes the same', async () => {
    await remergeAfter('raw/no-tmp.csv', 500, async () => {
      const saved = process.env['TMPDIR'];
      process.env['TMPDIR'] = join(tmpdir(), `no-such-directory-${randomUUID()}`);
      return () => {
        if (saved === undefined) delete process.env['TMPDIR'];
        else process.env['TMPDIR'] = saved;
      };
    });
  }, 60_000);

  it("merges from each shard's ids.json and run alone, never its result.json (the shard's aggregates)", async () => {
    await remergeAfter('raw/no-results.csv', 600, async (run, shards) => {
      const prefix = `processed/${run.key.slice('raw/'.length)}/null/shards/`;
      for (let shard = 0; shard < shards; shard++) await pipeline.aws.s3.send(new DeleteObjectCommand({ Bucket: run.bucket, Key: `${prefix}${shard}/pass-1/result.json` }));
    });
  }, 60_000);

  it("names the shard and says to replay when a shard's ids.json is missing (a pass one from older code)", async () => {
    const single = await singlePath('raw/no-ids-json.csv', trickyCsv(200));
    const plan = await handlers.plan({ run: single.run, shardBytes: 800 }, lambdaContext('plan'));
    for (let shard = 0; shard < plan.shards; shard++) await handlers.shard({ run: single.run, shard, pass: 1 }, lambdaContext('shard'));
    const key = `processed/no-ids-json.csv/null/shards/1/pass-1/ids.json`;
    await pipeline.aws.s3.send(new DeleteObjectCommand({ Bucket: single.run.bucket, Key: key }));
    await expect(handlers.merge({ run: single.run, shards: plan.shards }, lambdaContext('merge'))).rejects.toThrow(
      `fan-out: shard 1 has no ${key} (its pass one ran on code from before the merge read it): replay the object version`,
    );
  }, 60_000);

  it('joins record parts above 5 MiB with UploadPartCopy and smaller ones in memory, byte-identical', async () => {
    const rows: string[] = [HEADER];
    for (let i = 0; i < 150_000; i++) rows.push(`T${i % 149_000},A${i % 50},2024-06-01T00:00:00Z,EUR,${i}.50,settled,Merchant number ${i}`);
    const single = await singlePath('raw/large.csv', `${rows.join('\n')}\n`);
    expect(single.outputs.records.length).toBeGreaterThan(12 * 1024 * 1024);
    const before = (await pipeline.aws.stats()).requests.s3['UploadPartCopy'] ?? 0;
    const { plan, result } = await fanOut(single.run, 3 * 1024 * 1024);
    expect(plan.shards).toBeGreaterThanOrEqual(3);
    expect((await pipeline.aws.stats()).requests.s3['UploadPartCopy'] ?? 0).toBeGreaterThan(before);
    await expectSameOutputs(result, single.outputs);
  }, 120_000);

  it('a retried shard, after a failure or after success, overwrites its part: the output is not duplicated', async () => {
    const single = await singlePath('raw/retried.csv', trickyCsv(200));
    const { result } = await fanOut(single.run, 300, async () => {
      // Pass one of shard 1 again, this time failing on writing its part until the SDK's retries run out...
      await pipeline.aws.injectFault({ service: 's3', operation: 'PutObject', keyPrefix: 'processed/retried.csv/null/shards/1/pass-1/records.jsonl', kind: 'internal', count: 3 });
      await expect(handlers.shard({ run: single.run, shard: 1, pass: 1 }, lambdaContext('shard'))).rejects.toMatchObject({ name: 'TransientError' });
      // ...then the state machine's Retry, and a duplicate delivery of the same item.
      await handlers.shard({ run: single.run, shard: 1, pass: 1 }, lambdaContext('shard'));
      await handlers.shard({ run: single.run, shard: 1, pass: 1 }, lambdaContext('shard'));
    });
    await expectSameOutputs(result, single.outputs);
  }, 60_000);

  it('JSON Lines without a final newline fan out the same way', async () => {
    const lines = Array.from({ length: 120 }, (_, i) =>
      i % 11 === 4 ? '{"transaction_id": "J1", broken' : JSON.stringify({ transaction_id: `J${i % 90}`, account_id: 'A', timestamp: '2024-01-02T03:04:05Z', currency: 'JPY', amount: String(i), status: 'settled' }),
    );
    const single = await singlePath('raw/lines.jsonl', lines.join('\n'));
    const { result } = await fanOut(single.run, 500);
    await expectSameOutputs(result, single.outputs);
  }, 60_000);

  it('rejects a gzip file routed to the planner with a file-level reason, never splitting it', async () => {
    const run = await pipeline.validate(await pipeline.put('raw/huge.csv.gz', new Uint8Array([0x1f, 0x8b, 8, 0])), lambdaContext('validate'));
    const failure = await handlers.plan({ run, shardBytes: 1024 }, lambdaContext('plan')).catch((error: unknown) => error as Error);
    expect(failure).toMatchObject({ name: 'PermanentError' });
    expect(JSON.parse((failure as Error).message)).toMatchObject({ reason: 'gzip_not_splittable', message: expect.stringContaining('gzip cannot be split at byte ranges') });
  });
});
