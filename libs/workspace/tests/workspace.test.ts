import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { environmentApps, findEnvironmentApp, findPipelineApp, findWorkspaceRoot, runMain, UserError, WORK_ROOT_VARIABLE, workRoot } from '../src/index.cjs';

/** A workspace with apps declared in an order unlike promotion, plus one bootstrap app; only the shared stack has no data bucket. */
const root = mkdtempSync(join(tmpdir(), 'workspace-model-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, 'nx.json'), '{}');
for (const [dir, context] of [
  ['infra-prod', { environment: 'prod', bucket: {} }],
  ['infra-dev', { environment: 'dev', bucket: {} }],
  ['infra-shared', { environment: 'shared' }],
  ['infra-staging', { environment: 'staging', bucket: {} }],
  ['infra-bootstrap-dev', { project: 'x' }],
] as const) {
  mkdirSync(join(root, 'apps', dir), { recursive: true });
  writeFileSync(join(root, 'apps', dir, 'cdktf.json'), JSON.stringify({ context }));
}
mkdirSync(join(root, 'apps', 'docs-site'));

describe('workspace model', () => {
  it('finds the workspace root from any directory inside it, and says so in one line outside', () => {
    expect(findWorkspaceRoot(join(root, 'apps', 'infra-dev'))).toBe(root);
    expect(() => findWorkspaceRoot(tmpdir())).toThrow(UserError);
  });

  it('lists the promoted environment apps in promotion order, the shared stack first and bootstrap apps left out', () => {
    const apps = environmentApps(root, {});
    expect(apps.map((app) => [app.project, app.environment, app.root, app.runsPipeline])).toEqual([
      ['infra-shared', 'shared', 'apps/infra-shared', false],
      ['infra-dev', 'dev', 'apps/infra-dev', true],
      ['infra-staging', 'staging', 'apps/infra-staging', true],
      ['infra-prod', 'prod', 'apps/infra-prod', true],
    ]);
    expect(apps[1]).toMatchObject({ synthDir: join(root, 'dist', 'cdktf', 'infra-dev'), workDir: join(root, 'dist', 'terraform', 'infra-dev') });
  });

  it(`moves every Terraform work dir when ${WORK_ROOT_VARIABLE} is set`, () => {
    const moved = join(root, 'elsewhere');
    expect(workRoot(root, { [WORK_ROOT_VARIABLE]: moved })).toBe(moved);
    expect(findEnvironmentApp(root, 'prod', { [WORK_ROOT_VARIABLE]: moved }).workDir).toBe(join(moved, 'infra-prod'));
  });

  it('refuses an unknown environment as bad usage, naming the ones that exist', () => {
    const error = usageError(() => findEnvironmentApp(root, 'qa', {}));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("unknown environment 'qa': expected one of shared, dev, staging, prod");
  });

  it('finds a pipeline app only among the apps that deploy the pipeline: the shared stack is not one', () => {
    expect(findPipelineApp(root, 'staging', {}).project).toBe('infra-staging');
    expect(findEnvironmentApp(root, 'shared', {}).project).toBe('infra-shared');
    const error = usageError(() => findPipelineApp(root, 'shared', {}));
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("unknown environment 'shared': expected one of dev, staging, prod");
  });

  it('reports a UserError as one line with its exit code, and anything else as an internal error', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const exitCode = process.exitCode;
    try {
      await runMain(async () => {
        throw new UserError('no synth output', { exitCode: 3 });
      });
      expect(stderr).toHaveBeenLastCalledWith('error: no synth output\n');
      expect(process.exitCode).toBe(3);
      await runMain(async () => {
        throw new Error('boom');
      }, 'local-run');
      expect(stderr).toHaveBeenLastCalledWith('error: internal error in local-run: boom\n');
      expect(process.exitCode).toBe(1);
    } finally {
      stderr.mockRestore();
      process.exitCode = exitCode;
    }
  });
});

/** The UserError `run` throws; fails the test when it throws nothing or something else. */
function usageError(run: () => unknown): UserError {
  try {
    run();
  } catch (caught) {
    expect(caught).toBeInstanceOf(UserError);
    return caught as UserError;
  }
  throw new Error('expected a UserError');
}
