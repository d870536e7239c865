import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config-error.js';
import { loadEnvironmentConfig, overridesFromEnv } from '../src/load-environment-config.js';
import { appContext, withValue } from './fixtures.js';

function problemsFor(context: Record<string, unknown>): string[] {
  try {
    loadEnvironmentConfig(context);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.path}: ${p.allowed}`);
  }
  throw new Error('expected the config to be rejected');
}

describe('loadEnvironmentConfig', () => {
  it.each(['dev', 'staging', 'prod'] as const)('accepts the shipped %s config', (env) => {
    const config = loadEnvironmentConfig(appContext(env));
    expect(config.environment).toBe(env);
    expect(config.environmentSuffix).toBe('main');
  });

  it('applies defaults for knobs the context leaves out', () => {
    const context = withValue(withValue(appContext('dev'), 'network.natGateways', undefined), 'lambda.processingTimeoutSeconds', undefined);
    const config = loadEnvironmentConfig(withValue(context, 'protection', undefined));
    expect(config.network.natGateways).toBe(0);
    expect(config.lambda.processingTimeoutSeconds).toBe(300);
    expect(config.protection).toBe(false);
  });

  it('protects prod data and leaves dev and staging destroyable', () => {
    expect(loadEnvironmentConfig(appContext('prod')).protection).toBe(true);
    expect(loadEnvironmentConfig(appContext('staging')).protection).toBe(false);
    expect(loadEnvironmentConfig(appContext('dev')).protection).toBe(false);
  });

  it('takes the suffix from ENVIRONMENT_SUFFIX; a preview environment is never protected', () => {
    const preview = loadEnvironmentConfig(appContext('prod'), { environmentSuffix: 'pr42' });
    expect(preview.environmentSuffix).toBe('pr42');
    expect(preview.protection).toBe(false);
    // The configured suffix itself is not a preview: prod stays protected.
    expect(loadEnvironmentConfig(appContext('prod'), { environmentSuffix: 'main' }).protection).toBe(true);
  });

  it('reads nothing per-commit from the process environment (GIT_SHA never reaches the stack)', () => {
    expect(overridesFromEnv({ ENVIRONMENT_SUFFIX: 'pr7', GIT_SHA: 'abc123' })).toEqual({ environmentSuffix: 'pr7' });
  });

  // Each row: a bad value at a path, and what the message must say is allowed.
  const badInputs: Array<[path: string, value: unknown, allowed: RegExp]> = [
    ['environment', 'Prod', /lower-case letters and digits/],
    ['environment', 'production1', /at most 10 character/],
    ['environmentSuffix', 'PR-42', /1-12 lower-case letters or digits/],
    ['accountId', '1234', /12-digit AWS account id/],
    ['region', 'useast1', /AWS region code/],
    ['network.vpcCidr', '10.1.0.0/8', /prefix from \/16 to \/22/],
    ['network.vpcCidr', '10.1.0.300/16', /cidr/i],
    ['network.availabilityZones', ['us-east-1a', 'us-east-1b'], /exactly 3 item/],
    ['network.natGateways', 4, /<= 3/],
    ['network.interfaceEndpoints', ['s3x'], /allowed: "sns"/],
    ['lambda.processingMemoryMb', 64, />= 128/],
    ['lambda.apiMemoryMb', 20000, /<= 10240/],
    ['lambda.processingTimeoutSeconds', 901, /<= 900/],
    ['lambda.tracing', 'yes', /expected boolean/],
    ['logs.retentionDays', 10, /must be one of 1, 3, 5, 7, 14, 30/],
    ['bucket.expirationDays', 0, />= 1/],
    ['table.billing', { mode: 'provisioned', readCapacity: 10 }, /expected number|does not match/],
    ['table.billing', { mode: 'reserved' }, /does not match|allowed/],
    ['alerts.emails', ['not-an-email'], /email/i],
    ['database.minCapacityAcu', 0.3, /multiple of 0.5/],
    ['database.backupRetentionDays', 36, /<= 35/],
    ['service.cpu', 300, /does not match|allowed/],
    ['alarms.databaseCpuPercent', 150, /<= 100/],
    ['protection', 'yes', /expected boolean/],
    ['backend.bucket', 'Not_A_Bucket', /S3 bucket name/],
    ['stackName', '', /letters, digits and hyphens/],
  ];

  it.each(badInputs)('rejects %s = %j, naming what is allowed', (path, value, allowed) => {
    const problems = problemsFor(withValue(appContext('prod'), path, value));
    const problem = problems.find((p) => p.startsWith(path));
    expect(problem, `problems were: ${problems.join(' | ')}`).toMatch(allowed);
  });

  it('names the environment, the path, the bad value and the allowed values in the message', () => {
    expect(() => loadEnvironmentConfig(withValue(appContext('staging'), 'lambda.processingMemoryMb', 64))).toThrow(
      /environment 'staging'[\s\S]*lambda\.processingMemoryMb: got 64; must be >= 128/,
    );
  });

  it('reports every problem at once, one line each', () => {
    const context = withValue(withValue(appContext('dev'), 'region', 'nowhere'), 'logs.retentionDays', 2);
    const error = (() => {
      try {
        loadEnvironmentConfig(context);
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected rejection');
    })();
    expect(error.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['region', 'logs.retentionDays']));
    expect(error.message.split('\n').filter((line) => line.startsWith('  - '))).toHaveLength(error.problems.length);
  });

  it('rejects unknown keys so a misspelt knob is not silently ignored', () => {
    expect(problemsFor(withValue(appContext('dev'), 'lambda.memorySize', 512))).toEqual([
      expect.stringMatching(/^lambda\.memorySize: unknown key; allowed keys: processingMemoryMb, apiMemoryMb/),
    ]);
  });

  it('rejects availability zones outside the region', () => {
    const problems = problemsFor(withValue(appContext('dev'), 'network.availabilityZones', ['us-east-1a', 'us-west-2b', 'us-east-1c']));
    expect(problems).toEqual([expect.stringMatching(/^network\.availabilityZones\.1: must be a zone of region us-east-1/)]);
  });

  it('rejects a Glacier transition that is not before expiration', () => {
    const context = withValue(withValue(appContext('prod'), 'bucket.glacierTransitionDays', 365), 'bucket.expirationDays', 365);
    expect(problemsFor(context)).toEqual([expect.stringMatching(/^bucket\.glacierTransitionDays: .*less than expirationDays/)]);
  });

  it('rejects a database whose maximum capacity is below its minimum', () => {
    const context = withValue(withValue(appContext('prod'), 'database.minCapacityAcu', 8), 'database.maxCapacityAcu', 4);
    expect(problemsFor(context)).toEqual([expect.stringMatching(/^database\.maxCapacityAcu: .*not below minCapacityAcu/)]);
  });

  it('reserves Lambda concurrency per SPEC §2 and none where the knob is left out', () => {
    expect(loadEnvironmentConfig(appContext('prod')).lambda.reservedConcurrency).toEqual({ processing: 100, api: 100 });
    expect(loadEnvironmentConfig(appContext('staging')).lambda.reservedConcurrency).toEqual({ processing: 20, api: 20 });
    const unset = withValue(appContext('dev'), 'lambda.reservedConcurrency', undefined);
    expect(loadEnvironmentConfig(unset).lambda.reservedConcurrency).toEqual({ processing: null, api: null });
  });

  it('rejects a negative reserved concurrency, naming the path', () => {
    const context = withValue(appContext('staging'), 'lambda.reservedConcurrency.processing', -1);
    expect(problemsFor(context)).toEqual([expect.stringMatching(/^lambda\.reservedConcurrency\.processing: /)]);
  });
});
