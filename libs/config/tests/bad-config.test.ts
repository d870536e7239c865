import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigFileError } from '../src/config-error.js';
import { formatConfigFailure } from '../src/config-failure.js';
import { loadEnvironmentConfig } from '../src/load-environment-config.js';
import { parseConfigJson, readCdktfContext } from '../src/config-file.js';
import { appContext, withValue } from './fixtures.js';

/** The one problem a context has, as `path: got value; allowed`. */
function onlyProblem(context: Record<string, unknown>, options: { expectedEnvironment?: string } = {}): string {
  let error: unknown;
  try {
    loadEnvironmentConfig(context, options);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const lines = (error as ConfigError).message.split('\n').slice(1);
  expect(lines, lines.join('\n')).toHaveLength(1);
  return lines[0]!.replace(/^ {2}- /, '');
}

const prod = () => appContext('prod');
const staging = () => appContext('staging');

describe('cross-field rules: a config that AWS or the platform would reject later fails at load, naming path and value', () => {
  it.each<[name: string, context: () => Record<string, unknown>, expected: RegExp]>([
    ['a VPC CIDR with host bits', () => withValue(prod(), 'network.vpcCidr', '10.3.0.1/16'), /^network\.vpcCidr: got "10\.3\.0\.1\/16"; has host bits set; the network address is 10\.3\.0\.0\/16$/],
    ['a VPC CIDR with host bits in the third octet', () => withValue(prod(), 'network.vpcCidr', '10.3.4.0/20'), /network address is 10\.3\.0\.0\/20/],
    ['a public VPC CIDR', () => withValue(prod(), 'network.vpcCidr', '8.8.0.0/16'), /^network\.vpcCidr: .*must be a private range/],
    ['a CIDR just outside 172.16.0.0/12', () => withValue(prod(), 'network.vpcCidr', '172.32.0.0/16'), /private range/],
    ['the same availability zone twice', () => withValue(prod(), 'network.availabilityZones', ['us-east-1a', 'us-east-1b', 'us-east-1a']), /^network\.availabilityZones\.2: got "us-east-1a"; repeats item 0/],
    ['the same interface endpoint twice', () => withValue(prod(), 'network.interfaceEndpoints', ['xray', 'ecr.api', 'ecr.dkr', 'logs', 'xray']), /^network\.interfaceEndpoints\.4: got "xray"; repeats item 0/],
    ['the same alert e-mail twice', () => withValue(prod(), 'alerts.emails', ['a@example.com', 'b@example.com', 'a@example.com']), /^alerts\.emails\.2: got "a@example\.com"; repeats item 0/],
    ['the same alert e-mail in another case', () => withValue(prod(), 'alerts.emails', ['Ops@Example.com', 'ops@example.com']), /^alerts\.emails\.1: .*repeats item 0/],
    ['a typo in envSpecificResources', () => withValue(prod(), 'envSpecificResources', ['network/xray-endpiont']), /^envSpecificResources\.0: got "network\/xray-endpiont"; .*this config creates: network\/ecr-api-endpoint, network\/ecr-dkr-endpoint, network\/logs-endpoint, network\/xray-endpoint, network\/secretsmanager-endpoint, network\/endpoint-sg, reference-replication, reference-items$/],
    ['an env-specific endpoint the config does not create', () => withValue(prod(), 'envSpecificResources', ['network/sns-endpoint']), /^envSpecificResources\.0: .*this config creates: network\/ecr-api-endpoint, .*network\/xray-endpoint/],
    ['an env-specific endpoint where only NAT gateways are env-level', () => withValue(withValue(withValue(appContext('dev'), 'network.natGateways', 1), 'network.interfaceEndpoints', []), 'envSpecificResources', ['network/xray-endpoint']), /creates: network\/nat, /],
    ['an endpoint only another environment creates', () => withValue(appContext('dev'), 'envSpecificResources', ['network/xray-endpoint']), /this config creates: network\/ecr-api-endpoint, network\/ecr-dkr-endpoint, network\/logs-endpoint, network\/secretsmanager-endpoint, network\/endpoint-sg, reference-writer$/],
    ['no NAT gateway and no endpoints for the console to pull its image and ship logs', () => withValue(prod(), 'network.interfaceEndpoints', ['xray', 'ecr.api']), /^network\.interfaceEndpoints: .*lacks ecr\.dkr, logs: with natGateways 0 the console's Fargate tasks/],
    ['an image by tag instead of digest', () => withValue(prod(), 'service.image.digest', 'latest'), /^service\.image\.digest: got "latest"; must be an image digest sha256:<64 hex digits>$/],
    ['a repository named in the config instead of read from the shared stack', () => withValue(prod(), 'service.image.repository', '111111111111.dkr.ecr.us-east-1.amazonaws.com/myapp-console'), /^service\.image\.repository: got "[^"]*"; unknown key; allowed keys: digest$/],
    ['no shared state to read the console repository from', () => withValue(prod(), 'remoteStates.shared', undefined), /^remoteStates\.shared: got nothing; must give the shared stack's state \(the console image's repository is read from there\)$/],
    ['a hosted zone id that is not one', () => withValue(prod(), 'service.hostedZoneId', 'example.com'), /^service\.hostedZoneId: .*must be a Route 53 hosted zone id/],
    ['an env-specific resource declared twice', () => withValue(prod(), 'envSpecificResources', ['network/xray-endpoint', 'network/xray-endpoint']), /^envSpecificResources\.1: .*repeats item 0/],
    ['noncurrent versions kept longer than current ones', () => withValue(appContext('dev'), 'bucket.noncurrentVersionExpirationDays', 31), /^bucket\.noncurrentVersionExpirationDays: got 31; must not be longer than expirationDays/],
    ['a Fargate memory size the CPU does not allow', () => withValue(prod(), 'service.memoryMib', 4096), /^service\.memoryMib: got 4096; must be 512, 1024, 2048 for cpu 256/],
    ['a Fargate memory size between steps', () => withValue(withValue(prod(), 'service.cpu', 1024), 'service.memoryMib', 2500), /^service\.memoryMib: .*2048-8192 in steps of 1024 for cpu 1024/],
    ['a clone without the state of the environment it clones', () => withValue(staging(), 'database.cloneFrom', 'prod'), /^remoteStates\.prod: got nothing; must give the state of prod \(database\.cloneFrom reads its cluster from there\)$/],
    ['a remote state key that is not a state file', () => withValue(staging(), 'remoteStates.shared.key', 'myapp/shared'), /^remoteStates\.shared\.key: got "myapp\/shared"; must be a state key ending in \.tfstate$/],
    ['a database cloned from its own environment', () => withValue(staging(), 'database.cloneFrom', 'staging'), /^database\.cloneFrom: got "staging"; must name another environment/],
  ])('rejects %s', (_name, context, expected) => {
    expect(onlyProblem(context())).toMatch(expected);
  });

  it('rejects `environment: "prod"` inside the staging app, which would give staging prod names and state', () => {
    expect(onlyProblem(withValue(staging(), 'environment', 'prod'), { expectedEnvironment: 'staging' })).toBe(
      'environment: got "prod"; this is the staging app: must be "staging"',
    );
  });

  it('names the app, not the config, as the environment in the first line', () => {
    expect(() => loadEnvironmentConfig(withValue(staging(), 'environment', 'prod'), { expectedEnvironment: 'staging' })).toThrow(
      /^Invalid configuration for environment 'staging' \(1 problem\):/,
    );
  });

  it.each(['dev', 'staging', 'prod'] as const)('accepts the shipped %s config in its own app', (env) => {
    expect(loadEnvironmentConfig(appContext(env), { expectedEnvironment: env }).environment).toBe(env);
  });
});

describe('unknown keys are reported where they are, with what is allowed there', () => {
  it.each<[path: string, expected: RegExp]>([
    ['lambda.processingMemoryMB', /^lambda\.processingMemoryMB: got 1; unknown key \(did you mean "processingMemoryMb"\?\); allowed keys: processingMemoryMb, apiMemoryMb/],
    ['regoin', /^regoin: got 1; unknown key \(did you mean "region"\?\); allowed keys: project, environment/],
    ['network.vpcCIDR', /^network\.vpcCIDR: got 1; unknown key \(did you mean "vpcCidr"\?\)/],
    ['bucket.expirationDay', /^bucket\.expirationDay: .*did you mean "expirationDays"/],
    ['database.somethingElse', /^database\.somethingElse: got 1; unknown key; allowed keys: engineVersion, instances/],
  ])('reports %s', (path, expected) => {
    expect(onlyProblem(withValue(prod(), path, 1))).toMatch(expected);
  });

  it('never dumps the whole config as the value', () => {
    const message = (() => {
      try {
        loadEnvironmentConfig(withValue(prod(), 'extra', { a: 'x'.repeat(500) }));
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    const value = /got (.*); unknown key/.exec(message)?.[1] ?? '';
    expect(value.length).toBeLessThanOrEqual(60);
    expect(value).toMatch(/\.\.\.$/);
  });
});

describe('a config file that is not valid JSON names the file, line and column', () => {
  it.each<[name: string, text: string, line: number, column: number]>([
    ['a missing comma', '{\n  "context": {\n    "a": 1\n    "b": 2\n  }\n}', 4, 5],
    ['a trailing comma', '{\n  "context": { "a": 1, }\n}', 2, 24],
    ['a missing colon', '{\n  "context" {}\n}', 2, 13],
    ['text cut short', '{\n  "context": {', 2, 15],
    ['an empty file', '', 1, 1],
  ])('%s', (_name, text, line, column) => {
    let error: unknown;
    try {
      parseConfigJson(text, 'apps/infra-dev/cdktf.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error).toMatchObject({ line, column });
    expect((error as Error).message).toMatch(new RegExp(`^Invalid configuration file apps/infra-dev/cdktf\\.json:${line}:${column}: invalid JSON: `));
  });

  it('a cdktf.json without a context object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'config-'));
    writeFileSync(join(dir, 'cdktf.json'), '{"app": "node main.js"}');
    expect(() => readCdktfContext(join(dir, 'cdktf.json'))).toThrow(/cdktf\.json:1:1: has no "context" object/);
  });

  it('a cdktf.json that does not exist', () => {
    expect(() => readCdktfContext(join(tmpdir(), 'no-such-dir', 'cdktf.json'))).toThrow(/cdktf\.json:1:1: cannot read: ENOENT/);
  });
});

describe('rules that depend on another value stay quiet while that value is itself invalid', () => {
  it('reports a bad region once, not again for every availability zone', () => {
    expect(onlyProblem(withValue(prod(), 'region', 'nowhere'))).toMatch(/^region: got "nowhere"; must be an AWS region code/);
  });

  it.each(['network', 'database', 'service', 'bucket'])('reports a missing %s section once, without a crash in the rules that read it', (section) => {
    expect(onlyProblem(withValue(prod(), section, undefined))).toMatch(new RegExp(`^${section}: got nothing; expected object`));
  });
});

describe('what a command prints for a config failure', () => {
  const error = (() => {
    try {
      loadEnvironmentConfig(withValue(withValue(prod(), 'costCenter', ''), 'lambda.processingMemoryMb', 64));
    } catch (caught) {
      return caught;
    }
    throw new Error('expected a ConfigError');
  })();

  it('is the message alone: a header line and one line per problem, no stack trace', () => {
    const text = formatConfigFailure(error, false);
    expect(text).not.toMatch(/\n\s+at /);
    expect(text.trimEnd().split('\n')).toEqual([
      "Invalid configuration for environment 'prod' (2 problems):",
      '  - costCenter: got ""; must be at least 1 character(s)',
      '  - lambda.processingMemoryMb: got 64; must be >= 128',
    ]);
  });

  it('adds the stack trace with --verbose or DEBUG', () => {
    expect(formatConfigFailure(error, true)).toMatch(/\n\s+at /);
  });

  it('prints anything else (a bug, not a config) with its stack', () => {
    expect(formatConfigFailure(new TypeError('boom'), false)).toMatch(/^TypeError: boom\n\s+at /);
  });
});
