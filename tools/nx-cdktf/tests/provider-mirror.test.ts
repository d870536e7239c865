import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_CONFIG_FILE, mirrorCliConfig, providerMirrorEnv } from '../src/provider-mirror.mjs';

const workDir = mkdtempSync(join(tmpdir(), 'nx-cdktf-mirror-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('TF_PROVIDER_MIRROR', () => {
  it('installs providers from the mirror only: no direct fallback to the network', () => {
    expect(mirrorCliConfig('/opt/tf-plugins')).toBe('provider_installation {\n  filesystem_mirror {\n    path = "/opt/tf-plugins"\n  }\n}\n');
  });

  it('writes the CLI config into the work dir and points TF_CLI_CONFIG_FILE at it', () => {
    const env = providerMirrorEnv(workDir, { TF_PROVIDER_MIRROR: workDir });
    expect(env).toEqual({ TF_CLI_CONFIG_FILE: join(workDir, CLI_CONFIG_FILE) });
    expect(readFileSync(join(workDir, CLI_CONFIG_FILE), 'utf8')).toContain(`path = ${JSON.stringify(workDir)}`);
  });

  it('leaves Terraform alone without a mirror, and rejects a mirror that does not exist', () => {
    expect(providerMirrorEnv(workDir, {})).toEqual({});
    expect(() => providerMirrorEnv(workDir, { TF_PROVIDER_MIRROR: '/nonexistent/mirror' })).toThrow(
      "TF_PROVIDER_MIRROR=/nonexistent/mirror does not exist: point it at a directory made by 'terraform providers mirror'",
    );
  });
});
