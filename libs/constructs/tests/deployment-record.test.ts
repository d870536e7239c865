import { findWorkspaceRoot } from '@data-platform/workspace';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEPLOYMENT_RECORD_OUTPUT, DEPLOYMENT_RECORD_VARIABLE } from '../src/stack/deployment-record.js';
import { EnvironmentStack } from '../src/stack/environment-stack.js';
import { environmentApp } from '../src/stack/environment-app.js';
import { resourcesOf } from '../src/aspects/check-governance.js';
import { synthesize } from './fixtures/environment.js';

const stack = synthesize();
const record = stack.ofType('aws_ssm_parameter').find((p) => p.config['name'] === '/myapp/test/ci1/deployment')!;

describe('DeploymentRecord', () => {
  it('is one SSM parameter whose value the deploy sets through a variable', () => {
    expect(record.config).toMatchObject({ type: 'String', insecure_value: `\${var.${DEPLOYMENT_RECORD_VARIABLE}}` });
    expect((stack.json as { variable?: Record<string, unknown> }).variable?.[DEPLOYMENT_RECORD_VARIABLE]).toMatchObject({ type: 'string', nullable: false });
    expect(stack.outputs[DEPLOYMENT_RECORD_OUTPUT]).toBe(`\${aws_ssm_parameter.${record.id}.insecure_value}`);
  });

  it('is written only after every other resource applied', () => {
    const others = stack.resources.filter((r) => r !== record).map((r) => `${r.type}.${r.id}`);
    expect([...(record.config['depends_on'] as string[])].sort()).toEqual(others.sort());
  });
});

describe('a new commit', () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** The real dev app, synthesized as CI would at a given commit. */
  function synthAt(gitSha: string): Record<string, unknown> {
    const outdir = mkdtempSync(join(tmpdir(), 'record-'));
    outdirs.push(outdir);
    const appDir = join(findWorkspaceRoot(import.meta.dirname), 'apps', 'infra-dev');
    const { app, config, artifacts } = environmentApp(appDir, { ...process.env, GIT_SHA: gitSha, CDKTF_OUTDIR: outdir });
    new EnvironmentStack(app, config, artifacts);
    app.synth();
    const [stackName] = readdirSync(join(outdir, 'stacks'));
    return JSON.parse(readFileSync(join(outdir, 'stacks', stackName!, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
  }

  it('changes at most the deployment record: no per-commit tag or value anywhere else', () => {
    const before = synthAt('1111111111111111111111111111111111111111');
    const after = synthAt('2222222222222222222222222222222222222222');
    const byAddress = (json: Record<string, unknown>) =>
      new Map(resourcesOf(json as Parameters<typeof resourcesOf>[0]).map((r) => [`${r.type}.${r.id}`, JSON.stringify(r.config)]));
    const a = byAddress(before);
    const b = byAddress(after);
    const differing = [...a.keys()].filter((address) => a.get(address) !== b.get(address));
    expect(differing.length).toBeLessThanOrEqual(1);
    expect(differing.every((address) => address.startsWith('aws_ssm_parameter.deployment'))).toBe(true);
    expect(JSON.stringify(before.provider)).toBe(JSON.stringify(after.provider));
    expect(JSON.stringify(before)).not.toContain('1111111111111111111111111111111111111111');
  });
});
