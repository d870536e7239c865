import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSharedConfig } from '../src/shared-config-schema.js';

const context = () => JSON.parse(readFileSync(new URL('../../../apps/infra-shared/cdktf.json', import.meta.url), 'utf8')).context as Record<string, unknown>;

describe('shared config', () => {
  it("loads apps/infra-shared's context with the repository's defaults", () => {
    const withoutKeep = { ...context(), consoleRepository: { pullAccountIds: ['111111111111'] } };
    expect(loadSharedConfig(withoutKeep)).toMatchObject({ environment: 'shared', protection: true, consoleRepository: { keepImages: 30, pullAccountIds: ['111111111111'] } });
  });

  it('names the path and the allowed values of every bad field', () => {
    const bad = { ...context(), environment: 'dev', consoleRepository: { keepImages: 0, pullAccountIds: ['42'] }, dashboardEnvironments: [] };
    expect(() => loadSharedConfig(bad)).toThrow(/^Invalid configuration for environment 'shared' \(4 problems\):/);
    expect(() => loadSharedConfig(bad)).toThrow(/dashboardEnvironments: /);
    expect(() => loadSharedConfig(bad)).toThrow(/consoleRepository\.pullAccountIds\.0: got "42"; must be a 12-digit AWS account id/);
  });
});
