import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backendChange, initializedBackend, refuseChangedBackend } from '../src/backend-state.mjs';

const synthesized = { bucket: 'myapp-terraform-state', key: 'myapp/dev/main/DataPipeline-Dev-Stack.tfstate', region: 'us-east-1' };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A work dir as `terraform init` leaves it, initialized against `config`. */
function initializedWorkDir(config: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'nx-cdktf-backend-'));
  dirs.push(dir);
  mkdirSync(join(dir, '.terraform'));
  writeFileSync(join(dir, '.terraform', 'terraform.tfstate'), JSON.stringify({ version: 3, backend: { type: 's3', config: { ...config, encrypt: true, use_lockfile: true }, hash: 1 } }));
  return dir;
}

describe('a work dir whose backend changed', () => {
  it('is refused in one line naming the change and the migration command', () => {
    const dir = initializedWorkDir({ ...synthesized, key: 'myapp/dev/DataPipeline-Dev-Stack.tfstate' });
    expect(() => refuseChangedBackend(dir, synthesized, { environment: 'dev', binary: 'terraform' })).toThrow(
      new RegExp(
        `^the state backend of dev changed \\(key myapp/dev/DataPipeline-Dev-Stack.tfstate -> myapp/dev/main/DataPipeline-Dev-Stack.tfstate\\): ` +
          `to move the existing state there run 'terraform -chdir=.* init -migrate-state'; to start from an empty state on purpose, delete .*/.terraform$`,
      ),
    );
  });

  it('names every changed field', () => {
    expect(backendChange({ ...synthesized, bucket: 'old', region: 'eu-west-1' }, synthesized)).toBe('bucket old -> myapp-terraform-state, region eu-west-1 -> us-east-1');
  });

  it('passes an unchanged or never-initialized work dir', () => {
    const dir = initializedWorkDir(synthesized);
    expect(initializedBackend(dir)).toEqual(synthesized);
    expect(() => refuseChangedBackend(dir, synthesized, { environment: 'dev', binary: 'terraform' })).not.toThrow();
    const fresh = mkdtempSync(join(tmpdir(), 'nx-cdktf-backend-'));
    dirs.push(fresh);
    expect(initializedBackend(fresh)).toBeUndefined();
    expect(() => refuseChangedBackend(fresh, synthesized, { environment: 'dev', binary: 'terraform' })).not.toThrow();
  });
});
