import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { environmentApps, findEnvironmentApp, findWorkspaceRoot, runMain, UserError, WORK_ROOT_VARIABLE, workRoot } from '../src/index.cjs';

/** A workspace with apps declared in an order unlike promotion, plus one bootstrap app. */
const root = mkdtempSync(join(tmpdir(), 'workspace-model-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeFileSync(join(root, 'nx.json'), '{}');
for (const [dir, context] of [
  ['infra-prod', { environment: 'prod' }],
  ['infra-dev', { environment: 'dev' }],
  ['infra-staging', { environment: 'staging' }],
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

  it('lists the promoted environment apps in promotion order, bootstrap apps left out', () => {
    const apps = environmentApps(root, {});
    expect(apps.map((app) => [app.project, app.environment, app.root])).toEqual([
      ['infra-dev', 'dev', 'apps/infra-dev'],
      ['infra-staging', 'staging', 'apps/infra-staging'],
      ['infra-prod', 'prod', 'apps/infra-prod'],
    ]);
    expect(apps[0]).toMatchObject({ synthDir: join(root, 'dist', 'cdktf', 'infra-dev'), workDir: join(root, 'dist', 'terraform', 'infra-dev') });
  });

  it(`moves every Terraform work dir when ${WORK_ROOT_VARIABLE} is set`, () => {
    const moved = join(root, 'elsewhere');
    expect(workRoot(root, { [WORK_ROOT_VARIABLE]: moved })).toBe(moved);
    expect(findEnvironmentApp(root, 'prod', { [WORK_ROOT_VARIABLE]: moved }).workDir).toBe(join(moved, 'infra-prod'));
  });

  it('refuses an unknown environment as bad usage, naming the ones that exist', () => {
    const error = (() => {
      try {
        findEnvironmentApp(root, 'qa', {});
      } catch (caught) {
        return caught as UserError;
      }
      throw new Error('expected a UserError');
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe("unknown environment 'qa': expected one of dev, staging, prod");
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
