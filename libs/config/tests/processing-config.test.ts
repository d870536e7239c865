import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config-error.js';
import { loadEnvironmentConfig } from '../src/load-environment-config.js';
import { appContext, withValue } from './fixtures.js';

/** The single problem line of a rejected context (after the heading that names the environment). */
function problem(context: Record<string, unknown>): string {
  try {
    loadEnvironmentConfig(context);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split('\n').slice(1);
    expect(lines, lines.join('\n')).toHaveLength(1);
    return lines[0]!.replace(/^ {2}- /, '');
  }
  throw new Error('the context was accepted');
}

describe('processing (fan-out) and ephemeral storage knobs', () => {
  it('gives every environment a fan-out threshold, shard size and map width, widest in prod', () => {
    const [dev, staging, prod] = (['dev', 'staging', 'prod'] as const).map((env) => loadEnvironmentConfig(appContext(env)).processing);
    expect(dev).toEqual({ fanOutAboveMb: 512, shardMb: 128, maxConcurrency: 10, toleratedFailurePercentage: 0 });
    expect(staging!.maxConcurrency).toBe(20);
    expect(prod).toEqual({ fanOutAboveMb: 2048, shardMb: 512, maxConcurrency: 100, toleratedFailurePercentage: 0 });
  });

  it('defaults the fan-out knobs and every function to 512 MB of /tmp when the context leaves them out', () => {
    const config = loadEnvironmentConfig(withValue(withValue(appContext('dev'), 'processing', undefined), 'lambda.ephemeralStorageMb', undefined));
    expect(config.processing).toEqual({ fanOutAboveMb: 1024, shardMb: 256, maxConcurrency: 10, toleratedFailurePercentage: 0 });
    expect(Object.values(config.lambda.ephemeralStorageMb)).toEqual(Array(9).fill(512));
  });

  it('sizes /tmp per function from the context, leaving the others at 512', () => {
    const storage = loadEnvironmentConfig(appContext('prod')).lambda.ephemeralStorageMb;
    expect(storage).toMatchObject({ transform: 4096, shard: 2048, merge: 512, validate: 512, assemble: 512 });
  });

  it.each<[path: string, value: unknown, expected: RegExp]>([
    ['processing.shardMb', 0, /^processing\.shardMb: got 0; must be >= 1$/],
    ['processing.shardMb', 4096, /^processing\.shardMb: got 4096; must not exceed fanOutAboveMb/],
    ['processing.fanOutAboveMb', 1.5, /^processing\.fanOutAboveMb: got 1\.5; expected int/],
    ['processing.toleratedFailurePercentage', 101, /^processing\.toleratedFailurePercentage: got 101; must be <= 100$/],
    ['processing.maxConcurrency', 200, /^processing\.maxConcurrency: got 200; must not exceed lambda\.reservedConcurrency\.processing \(100\)/],
    ['processing.shardsMb', 64, /^processing\.shardsMb: got 64; unknown key \(did you mean "shardMb"\?\)/],
    ['lambda.ephemeralStorageMb.shard', 256, /^lambda\.ephemeralStorageMb\.shard: got 256; must be >= 512$/],
    ['lambda.ephemeralStorageMb.shard', 20_000, /^lambda\.ephemeralStorageMb\.shard: got 20000; must be <= 10240$/],
    ['lambda.ephemeralStorageMb.worker', 1024, /^lambda\.ephemeralStorageMb\.worker: got 1024; unknown key; allowed keys: validate, transform, /],
  ])('rejects %s = %j in one line naming the key', (path, value, expected) => {
    expect(problem(withValue(appContext('prod'), path, value))).toMatch(expected);
  });
});
