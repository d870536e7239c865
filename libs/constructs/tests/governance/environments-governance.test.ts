import { findWorkspaceRoot } from '@data-platform/workspace';
import { loadEnvironmentConfig } from '@data-platform/config';
import { EnvironmentStack } from '../../src/stack/environment-stack.js';
import { governanceReport } from '../../src/aspects/check-governance.js';

import { type TerraformJson } from '../../src/stack/synthesized-stack.js';
import { Testing } from 'cdktf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtArtifacts } from '../fixtures/environment.js';

/** Each app's stack from its own cdktf.json, as the app synthesizes it (suppressions included). */
function environment(name: string) {
  const cdktf = JSON.parse(readFileSync(join(findWorkspaceRoot(import.meta.dirname), 'apps', `infra-${name}`, 'cdktf.json'), 'utf8')) as { context: unknown };
  const config = loadEnvironmentConfig(cdktf.context);
  const json = new EnvironmentStack(Testing.app(), config, builtArtifacts()).toTerraform() as TerraformJson;
  return { config, json, report: governanceReport(json as Parameters<typeof governanceReport>[0], { environmentSuffix: config.environmentSuffix, protection: config.protection }) };
}

const suppressedRules = (report: ReturnType<typeof governanceReport>) => [...new Set(report.suppressed.map((s) => s.rule))].sort();
const ACCESS_LOG_TARGET = ['s3-access-logging', 's3-bucket-kms-encryption'];
/** The status API's stage is named exactly after the environment (SPEC §3.4), without the suffix. */
const API_STAGE_NAME = ['name-includes-suffix'];

describe('governance of the real environments', () => {
  it.each(['dev', 'staging', 'prod'])('%s has no unsuppressed finding', (name) => {
    expect(environment(name).report.violations).toEqual([]);
  });

  it('suppresses in dev only what its config turns off (tracing, reserved concurrency) and the access-log target', () => {
    expect(suppressedRules(environment('dev').report)).toEqual(
      [...ACCESS_LOG_TARGET, ...API_STAGE_NAME, 'lambda-reserved-concurrency', 'lambda-xray-tracing', 'sfn-xray-tracing'].sort(),
    );
  });

  it.each(['staging', 'prod'])('suppresses in %s only the access-log target bucket and the API stage name', (name) => {
    expect(suppressedRules(environment(name).report)).toEqual([...ACCESS_LOG_TARGET, ...API_STAGE_NAME].sort());
  });

  it.each([
    ['dev', undefined, undefined, undefined],
    ['staging', 20, 20, 1],
    ['prod', 100, 100, 1],
  ])('reserves concurrency per SPEC §2 in %s (processing, API, and one for the migration)', (name, processing, api, migrate) => {
    const functions = Object.values(environment(name).json.resource?.['aws_lambda_function'] ?? {});
    const reserved = Object.fromEntries(
      functions.map((fn) => [(fn['function_name'] as string).split('-').slice(2, -1).join('-'), fn['reserved_concurrent_executions']]),
    );
    const fanOut = { 'fan-out-plan': processing, 'fan-out-shard': processing, 'fan-out-merge': processing, 'fan-out-assemble': processing };
    expect(reserved).toEqual({ validate: processing, transform: processing, load: processing, quarantine: processing, 'status-api': api, migrate, ...fanOut });
  });
});
