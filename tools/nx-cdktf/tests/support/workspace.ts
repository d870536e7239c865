import { execFile, spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The workspace root (tools/nx-cdktf/tests/support -> four levels up). */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const NX = join(WORKSPACE_ROOT, 'node_modules', '.bin', 'nx');

/** Runs the Nx CLI of the workspace and returns its trimmed stdout (throws with stderr on failure). */
export function nx(args: string[]): string {
  const result = spawnSync(NX, args, { cwd: WORKSPACE_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`nx ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}

/** nx() without blocking, so independent Nx queries can run side by side. */
export function nxAsync(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(NX, args, { cwd: WORKSPACE_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`nx ${args.join(' ')} failed:\n${stderr}${stdout}`));
      else resolve(stdout.trim());
    });
  });
}

/** Synthesizes the dev stack once if no synth output exists (under Nx the test target depends on it). */
export function ensureDevSynth(): string {
  const stacks = join(WORKSPACE_ROOT, 'dist', 'cdktf', 'infra-dev', 'stacks');
  if (!existsSync(stacks)) nx(['run', 'infra-dev:synth', '--outputStyle=static']);
  return stacks;
}

/**
 * An environment with no way to reach AWS: every AWS_* variable removed, credential files pointed
 * at nothing, the instance metadata endpoint disabled, and not CI (so nothing is auto-approved).
 */
export function noAwsEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('AWS_') && key !== 'CI' && key !== 'GITHUB_STEP_SUMMARY') env[key] = value;
  }
  return {
    ...env,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws/credentials',
    AWS_CONFIG_FILE: '/nonexistent/aws/config',
    ...extra,
  };
}

/** A private directory for Terraform work dirs, so tests never race a developer's plan. */
export function privateWorkRoot(): string {
  return mkdtempSync(join(tmpdir(), 'nx-cdktf-work-'));
}

/** Runs `terraform.mjs <args>` the way the Nx targets do. */
export function runTarget(args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(WORKSPACE_ROOT, 'tools/nx-cdktf/src/terraform.mjs'), ...args], {
    cwd: WORKSPACE_ROOT,
    encoding: 'utf8',
    env,
    maxBuffer: 256 * 1024 * 1024,
  });
}

/**
 * runTarget without blocking the test's event loop: needed when the test process itself serves
 * what the runner calls (the fake AWS endpoints).
 */
export function runTargetAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(WORKSPACE_ROOT, 'tools/nx-cdktf/src/terraform.mjs'), ...args], { cwd: WORKSPACE_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
