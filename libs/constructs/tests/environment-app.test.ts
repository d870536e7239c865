import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { environmentApp } from '../src/stack/environment-app.js';

const workspace = join(import.meta.dirname, '..', '..', '..');
const stagingContext = (JSON.parse(readFileSync(join(workspace, 'apps', 'infra-staging', 'cdktf.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** An app directory named like the real one, holding `cdktf` as its cdktf.json text. */
function appDir(name: string, cdktf: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'environment-app-')), name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'cdktf.json'), cdktf);
  return dir;
}

/** Runs environmentApp and captures what it writes and the exit code it ends with. */
function failure(dir: string, env: NodeJS.ProcessEnv = {}): { code: number | undefined; stderr: string } {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => {
    throw new Error('process.exit');
  }) as never);
  expect(() => environmentApp(dir, env)).toThrow('process.exit');
  return { code: exit.mock.calls[0]?.[0] as number | undefined, stderr };
}

describe('environmentApp with an invalid config', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('exits 1 with one line per problem and no stack trace', () => {
    const context = { ...stagingContext, region: 'nowhere', lambda: { ...(stagingContext['lambda'] as object), processingMemoryMb: 64 } };
    const { code, stderr } = failure(appDir('infra-staging', JSON.stringify({ context })));
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([
      "Invalid configuration for environment 'staging' (2 problems):",
      '  - region: got "nowhere"; must be an AWS region code such as us-east-1',
      '  - lambda.processingMemoryMb: got 64; must be >= 128',
    ]);
  });

  it("rejects another environment's name inside the staging app", () => {
    const { stderr } = failure(appDir('infra-staging', JSON.stringify({ context: { ...stagingContext, environment: 'prod' } })));
    expect(stderr).toContain('  - environment: got "prod"; this is the staging app: must be "staging"');
  });

  it('names the file, line and column of a JSON syntax error', () => {
    const dir = appDir('infra-staging', '{\n  "context": {\n    "project": "myapp"\n    "environment": "staging"\n  }\n}\n');
    const { code, stderr } = failure(dir);
    expect(code).toBe(1);
    expect(stderr).toBe(`Invalid configuration file ${join(dir, 'cdktf.json')}:4:5: invalid JSON: Expected ',' or '}' after property value\n`);
  });

  it('shows the stack trace when DEBUG is set', () => {
    const { stderr } = failure(appDir('infra-staging', JSON.stringify({ context: { ...stagingContext, region: 'nowhere' } })), { DEBUG: '1' });
    expect(stderr).toMatch(/^ConfigError: Invalid configuration[\s\S]*\n\s+at /);
  });
});
