import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { PLAN_RECORD_FILE, discardSavedPlan, matchSavedPlan, planFileExists, planSha256, readPlanRecord, writePlanRecord, type PlanRecord } from '../src/saved-plan.mjs';
import { listFiles } from '../src/list-files.mjs';
import { hashSynth, isSynthesizedFile } from '../src/synth-hash.mjs';

const record: PlanRecord = {
  project: 'infra-dev',
  environment: 'dev',
  stack: 'DataPipeline-Dev-Stack',
  mode: 'remote',
  synthHash: 'sha256:aaaaaaaaaaaaaaaa',
  binary: 'terraform',
  terraformVersion: '1.11.4',
  stateKey: 'myapp/dev/main/DataPipeline-Dev-Stack.tfstate',
  accountId: '111111111111',
  gitSha: '0123456789abcdef0123456789abcdef01234567',
  planSha256: 'a'.repeat(64),
  createdAt: '2026-11-22T03:00:00.000Z',
};
const current = { synthHash: record.synthHash, binary: 'terraform', terraformVersion: '1.11.4', stateKey: record.stateKey, planFileExists: true };

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'nx-cdktf-saved-plan-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('matchSavedPlan', () => {
  it('applies a saved plan made from exactly the current synth', () => {
    expect(matchSavedPlan(record, current)).toEqual({ matches: true, reason: 'saved plan from 2026-11-22T03:00:00.000Z matches the current synth (aaaaaaaaaaaa)' });
  });

  it('refuses a plan made from another synth and says both hashes', () => {
    expect(matchSavedPlan(record, { ...current, synthHash: 'sha256:bbbbbbbbbbbbbbbb' })).toEqual({
      matches: false,
      reason: 'the synth changed since the plan was made (aaaaaaaaaaaa -> bbbbbbbbbbbb)',
    });
  });

  it('refuses when there is no plan, the plan file is gone, or it is an offline plan', () => {
    expect(matchSavedPlan(undefined, current)).toEqual({ matches: false, reason: 'no saved plan' });
    expect(matchSavedPlan(record, { ...current, planFileExists: false }).matches).toBe(false);
    expect(matchSavedPlan({ ...record, mode: 'offline' }, current).reason).toBe('the saved plan is an offline plan (local empty state)');
  });

  it('refuses a plan made by another binary or version, or for another state key', () => {
    expect(matchSavedPlan(record, { ...current, binary: 'tofu', terraformVersion: '1.10.0' }).reason).toBe('the plan was made by terraform 1.11.4, this run uses tofu 1.10.0');
    expect(matchSavedPlan(record, { ...current, stateKey: 'myapp/dev/other.tfstate' }).matches).toBe(false);
  });
});

describe('plan record files', () => {
  it('round-trips the record next to the plan and discards both together', () => {
    const dir = tempDir();
    expect(readPlanRecord(dir)).toBeUndefined();
    writePlanRecord(dir, record);
    writeFileSync(join(dir, 'tfplan'), 'plan');
    writeFileSync(join(dir, 'plan.txt'), 'plan as text');
    expect(readPlanRecord(dir)).toEqual(record);
    expect(planFileExists(dir)).toBe(true);
    expect(planSha256(dir)).toBe(createHash('sha256').update('plan').digest('hex'));
    discardSavedPlan(dir);
    expect(existsSync(join(dir, 'plan.txt'))).toBe(false);
    expect(readPlanRecord(dir)).toBeUndefined();
    expect(planFileExists(dir)).toBe(false);
  });

  it('treats an unreadable record as no plan', () => {
    const dir = tempDir();
    writeFileSync(join(dir, PLAN_RECORD_FILE), '{ half a record');
    expect(readPlanRecord(dir)).toBeUndefined();
  });
});

describe('hashSynth', () => {
  function stack() {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets', 'layer'), { recursive: true });
    writeFileSync(join(dir, 'cdk.tf.json'), '{"resource":{}}');
    writeFileSync(join(dir, 'assets', 'layer', 'layer.zip'), 'zip-bytes');
    return dir;
  }

  it('is stable for the same files and independent of where they are', () => {
    const a = stack();
    const b = tempDir();
    cpSync(a, b, { recursive: true });
    expect(hashSynth(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashSynth(b)).toBe(hashSynth(a));
    expect(listFiles(a)).toEqual(['assets/layer/layer.zip', 'cdk.tf.json']);
  });

  it('hashes only the synthesized files, so a work dir with the same copy hashes the same', () => {
    const synth = stack();
    const work = tempDir();
    cpSync(synth, work, { recursive: true });
    for (const file of ['tfplan', 'tfplan.meta.json', 'plan-summary.md', 'plan.txt', 'offline_override.tf.json', 'terraform-cli.tfrc']) writeFileSync(join(work, file), 'run output');
    mkdirSync(join(work, '.terraform', 'providers'), { recursive: true });
    writeFileSync(join(work, '.terraform', 'providers', 'x.tf.json'), 'not config');
    expect(hashSynth(work)).toBe(hashSynth(synth));
    expect(['cdk.tf.json', 'main.tf', 'assets/a/b.zip'].every(isSynthesizedFile)).toBe(true);
    expect(['offline_override.tf.json', 'tfplan', '.terraform/x.tf.json', 'nested/cdk.tf.json'].some(isSynthesizedFile)).toBe(false);
  });

  it('changes when the Terraform JSON, an asset or an asset name changes', () => {
    const dir = stack();
    const original = hashSynth(dir);
    writeFileSync(join(dir, 'cdk.tf.json'), '{"resource":{"x":{}}}');
    const jsonChanged = hashSynth(dir);
    writeFileSync(join(dir, 'assets', 'layer', 'layer.zip'), 'other-zip-bytes');
    const assetChanged = hashSynth(dir);
    cpSync(join(dir, 'assets', 'layer'), join(dir, 'assets', 'layer2'), { recursive: true });
    rmSync(join(dir, 'assets', 'layer'), { recursive: true });
    expect(new Set([original, jsonChanged, assetChanged, hashSynth(dir)]).size).toBe(4);
  });
});
