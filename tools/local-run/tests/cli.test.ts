import { findWorkspaceRoot } from '@data-platform/workspace';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SAMPLE_BAD_ROWS, type RunReport } from '../src/index.js';
import { GZIP_JSONL, MISSING_COLUMN_CSV } from './fixtures.js';

const root = findWorkspaceRoot(import.meta.dirname);

/** Runs the CLI in-process with captured stdout/stderr. */
async function cli(argv: string[], options: { workspaceRoot?: string } = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  stdout.on('data', (chunk: Buffer) => chunks.stdout.push(chunk));
  stderr.on('data', (chunk: Buffer) => chunks.stderr.push(chunk));
  const code = await runCli(argv, { stdout, stderr, cwd: root, ...options });
  return { code, stdout: Buffer.concat(chunks.stdout).toString(), stderr: Buffer.concat(chunks.stderr).toString() };
}

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

describe('local-run CLI', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'local-run-cli-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('--json prints exactly one JSON document whose aggregates and quarantine are the run outputs', async () => {
    const input = join(dir, GZIP_JSONL.name);
    await writeFile(input, GZIP_JSONL.content);
    const out = join(dir, 'out-json');

    const { code, stdout } = await cli(['--env', 'dev', '--input', input, '--out', out, '--json']);

    expect(code).toBe(0);
    const report = JSON.parse(stdout) as RunReport;
    // A gzip file below the fan-out threshold: one function, one shard.
    expect(report).toMatchObject({ status: 'SUCCEEDED', env: 'dev', shards: 1, source: { bucket: 'myapp-dev-data-main', key: 'raw/transactions.jsonl.gz' } });
    expect(report.records).toEqual(GZIP_JSONL.records);
    expect(report.records.total).toBe(report.records.valid + report.records.quarantined);
    expect(report.aggregates).toEqual(GZIP_JSONL.aggregates);
    expect(report.quarantine).toEqual(GZIP_JSONL.quarantine);

    const summaryFile = report.outputs.find((output) => output.name === 'summary')?.file;
    const summary = JSON.parse(await readFile(summaryFile!, 'utf8')) as { aggregates: unknown; records: unknown };
    expect(summary.aggregates).toEqual(report.aggregates);
    expect(summary.records).toEqual(report.records);
    const rejected = lines(await readFile(report.outputs.find((output) => output.name === 'quarantineReport')!.file!, 'utf8'));
    expect(rejected.map((line) => (({ line: l, transactionId, reason }) => ({ line: l, ...(transactionId ? { transactionId } : {}), reason }))(JSON.parse(line)))).toEqual(
      report.quarantine,
    );

    expect(await readFile(join(out, 's3', 'raw', 'transactions.jsonl.gz'))).toEqual(GZIP_JSONL.content);
    const items = lines(await readFile(join(out, 'dynamodb', 'table-dev-pipeline-metadata-main.jsonl'), 'utf8')).map((line) => JSON.parse(line));
    expect(items).toEqual([expect.objectContaining({ id: report.runId, status: 'SUCCEEDED', totalRecords: 6, validRecords: 4, quarantinedRecords: 2 })]);
    const published = lines(await readFile(join(out, 'sns.jsonl'), 'utf8')).map((line) => JSON.parse(line));
    expect(published.map((message) => message.subject)).toEqual(['Pipeline run succeeded']);
    expect(existsSync(join(out, 'logs', 'lambda-dev-transform-main.log'))).toBe(true);
  }, 120_000);

  it('exits 1 and reports FAILED for a file missing a column, with the object quarantined and the alert recorded', async () => {
    const input = join(dir, MISSING_COLUMN_CSV.name);
    await writeFile(input, MISSING_COLUMN_CSV.content);
    const out = join(dir, 'out-failed');

    const { code, stdout } = await cli(['--input', input, '--out', out, '--json']);

    expect(code).toBe(1);
    const report = JSON.parse(stdout) as RunReport;
    expect(report).toMatchObject({ status: 'FAILED', records: { total: 0, valid: 0, quarantined: 0 }, failure: { reason: 'missing_column' } });
    expect(await readFile(join(out, 's3', ...report.failure!.quarantineKey!.split('/')), 'utf8')).toBe(MISSING_COLUMN_CSV.content);
    const published = lines(await readFile(join(out, 'sns.jsonl'), 'utf8')).map((line) => JSON.parse(line));
    expect(published.map((message) => [message.topicName, message.subject])).toEqual([['sns-dev-alerts-main', 'Pipeline run failed in dev: missing_column']]);
  }, 120_000);

  describe('bad usage: one line on stderr, nothing on stdout, exit 2', () => {
    it.each([
      [['--env', 'qa'], "error: unknown environment 'qa': expected one of dev, staging, prod"],
      [['--env', 'shared'], "error: unknown environment 'shared': expected one of dev, staging, prod"],
      [['--input', '/does/not/exist.csv'], 'error: cannot read --input /does/not/exist.csv: no such file'],
      [['--input', '.'], `error: cannot read --input ${root}: not a file`],
      [['--frobnicate'], "error: Unknown option '--frobnicate' (see --help)"],
      [['--shard-bytes', '0'], "error: --shard-bytes must be a whole number of bytes, at least 1, got '0' (see --help)"],
      [['--shard-bytes', '1e3x'], "error: --shard-bytes must be a whole number of bytes, at least 1, got '1e3x' (see --help)"],
    ])('%j', async (argv, message) => {
      const { code, stdout, stderr } = await cli(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(lines(stderr)).toEqual([message]);
    });
  });

  it('fails with one line naming the command to run when the stack was never synthesized', async () => {
    const workspace = join(dir, 'fresh-workspace');
    await mkdir(join(workspace, 'apps', 'infra-dev'), { recursive: true });
    await writeFile(join(workspace, 'nx.json'), '{}');
    await writeFile(join(workspace, 'apps', 'infra-dev', 'cdktf.json'), JSON.stringify({ context: { environment: 'dev', bucket: {} } }));

    const { code, stderr } = await cli(['--env', 'dev', '--out', join(dir, 'out-fresh')], { workspaceRoot: workspace });

    expect(code).toBe(1);
    expect(lines(stderr)).toEqual([expect.stringMatching(/^error: no synthesized stack for dev in .*dist\/cdktf\/infra-dev\/stacks: run "npx nx run-many -t synth" first$/)]);
  });

  it('runs from bin.mjs (the bundled CLI) on the generated sample', async () => {
    const out = join(dir, 'out-bin');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'tools/local-run/bin.mjs'), '--out', out, '--json'], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    // On Node < 22 the AWS SDK would print its Node-version warning here; bin.mjs turns it off.
    expect(stderr).not.toContain('NodeVersionSupportWarning');
    const report = JSON.parse(stdout) as RunReport;
    expect(report.status).toBe('SUCCEEDED');
    expect(report.records).toEqual({ total: 300, valid: 300 - SAMPLE_BAD_ROWS.length, quarantined: SAMPLE_BAD_ROWS.length });
    // Data row n is on physical line n + 1 (the header is line 1).
    expect(report.quarantine.map(({ line, reason }) => ({ row: line - 1, reason }))).toEqual(SAMPLE_BAD_ROWS);
    expect(report.aggregates.reduce((sum, aggregate) => sum + aggregate.transactionCount, 0)).toBe(report.records.valid);
    expect(report.database).toEqual({ table: 'daily_aggregates', rows: report.aggregates.length });
    expect(report.api).toMatchObject({ statusCode: 200, body: { id: report.runId, status: 'SUCCEEDED', records: report.records } });
  }, 120_000);

  it('exits 2 from bin.mjs on an unknown environment', async () => {
    const result = await promisify(execFile)(process.execPath, [join(root, 'tools/local-run/bin.mjs'), '--env', 'nope'], { cwd: root }).catch(
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(lines((result as { stderr: string }).stderr)).toEqual(["error: unknown environment 'nope': expected one of dev, staging, prod"]);
  });

  it('rejects bad usage in one line before building or planning anything (npm start passes --plan)', async () => {
    const bin = join(root, 'tools/local-run/bin.mjs');
    const run = (args: string[]) =>
      promisify(execFile)(process.execPath, [bin, '--plan', ...args], { cwd: root }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    const missing = join(root, 'no-such-input.csv');
    expect(await run(['--input', missing])).toMatchObject({ code: 2, stdout: '' });
    expect(lines(((await run(['--input', missing])) as { stderr: string }).stderr)).toEqual([`error: cannot read --input ${missing}: no such file`]);
    expect(lines(((await run(['--env', 'qa'])) as { stderr: string }).stderr)).toEqual(["error: unknown environment 'qa': expected one of dev, staging, prod"]);
  });
});

describe('npm start without Terraform', () => {
  it('still runs the pipeline, and says in one line why the offline plans were skipped', async () => {
    const bin = join(root, 'tools', 'local-run', 'bin.mjs');
    // A PATH with node and the system tools, and no terraform.
    const work = await mkdtemp(join(tmpdir(), 'local-run-no-terraform-'));
    await mkdir(join(work, 'bin'));
    await symlink(process.execPath, join(work, 'bin', 'node'));
    const path = [join(work, 'bin'), '/usr/bin', '/bin'].filter((dir) => !existsSync(join(dir, 'terraform'))).join(':');
    const result = await promisify(execFile)(process.execPath, [bin, '--plan', '--out', join(work, 'out')], {
      cwd: root,
      env: { ...process.env, PATH: path, NX_CDKTF_WORK_ROOT: join(work, 'terraform') },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect('code' in result ? result.code : 0, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Offline plans skipped: 'terraform' was not found on PATH: install Terraform >= 1\.10\.0 .*The local run does not need them/m);
    expect(result.stdout).toMatch(/^dev: SUCCEEDED$/m);
    // Nx and Terraform went to the log, not to the terminal.
    expect(result.stderr.split('\n').length).toBeLessThan(40);
    const planLog = readFileSync(join(root, 'dist', 'local-run', 'plan.log'), 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
    expect(planLog).toContain('nx run infra-dev:plan:offline');
    await rm(work, { recursive: true, force: true });
  }, 180_000);
});
