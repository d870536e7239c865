import { describeConsole, type ConsoleExpectations } from './describe-console.js';
import { describeEnvironment, type EnvironmentExpectations } from './describe-environment.js';
import { describeTerraformTier, ENVIRONMENT_RESOURCE_COUNTS } from './terraform-tier.js';

/** The environments of SPEC §2, in the order of its columns. */
export const SPEC_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type SpecEnvironment = (typeof SPEC_ENVIRONMENTS)[number];

type SpecValues = Omit<EnvironmentExpectations, 'environment'> & ConsoleExpectations;
/** One row of SPEC §2: the value in the dev, staging and prod columns. */
type SpecRow<T> = readonly [dev: T, staging: T, prod: T];

/** Functions with an error-rate alarm (one threshold for all, `lambdaErrorRatePercent`). */
const ALARMED_FUNCTIONS = ['validate', 'transform', 'load', 'quarantine', 'migrate', 'status-api'];

/** SPEC §3.6 alarm thresholds (loose, medium, strict), in each alarm's own unit; null where the environment has no such alarm. */
const ALARM_ROWS: Record<string, SpecRow<number | null>> = {
  'failed-executions': [10, 3, 1],
  'pipeline-latency': [900_000, 600_000, 300_000],
  ...Object.fromEntries(ALARMED_FUNCTIONS.map((fn) => [`${fn}-error-rate`, [20, 5, 1] as const])),
  'dlq-messages': [50, 10, 1],
  // Prod alone replicates reference items down, and dead-letters failed batches (SPEC §3.11).
  'reference-items-dlq-messages': [null, null, 1],
  'console-5xx': [100, 25, 5],
  'console-unhealthy': [1, 1, 1],
  'database-cpu': [95, 85, 75],
};

/** The alarm thresholds of one column, by alarm short name. */
function alarmColumn(column: number): Record<string, number> {
  return Object.fromEntries(Object.entries(ALARM_ROWS).flatMap(([name, row]) => (row[column] === null ? [] : [[name, row[column]!]])));
}

/**
 * SPEC §2 transcribed row by row, the way the spec writes it: each knob once, with its dev,
 * staging and prod values side by side, so a difference between environments reads across a line.
 */
const SPEC_TABLE: { readonly [K in keyof SpecValues]: SpecRow<SpecValues[K]> } = {
  stackName: ['DataPipeline-Dev-Stack', 'DataPipeline-Staging-Stack', 'DataPipeline-Prod-Stack'],
  region: ['us-east-1', 'us-east-1', 'us-east-1'],
  vpcCidr: ['10.1.0.0/16', '10.2.0.0/16', '10.3.0.0/16'],
  processingMemoryMb: [512, 1024, 2048],
  tracing: [false, true, true],
  bucketName: ['myapp-dev-data-main', 'myapp-staging-data-main', 'myapp-prod-data-main'],
  expirationDays: [30, 90, 365],
  glacierTransitionDays: [null, null, 90],
  versioning: [true, true, true],
  billing: [{ mode: 'PAY_PER_REQUEST' }, { mode: 'PROVISIONED', read: 10, write: 10 }, { mode: 'PROVISIONED', read: 25, write: 25 }],
  logRetentionDays: [7, 30, 90],
  natGateways: [0, 0, 0],
  alertEmails: [['data-platform-dev@example.com'], ['data-platform-staging@example.com'], ['data-platform-oncall@example.com', 'data-platform-prod@example.com']],
  accountId: ['111111111111', '222222222222', '333333333333'],
  stateKey: [
    'myapp/dev/main/DataPipeline-Dev-Stack.tfstate',
    'myapp/staging/main/DataPipeline-Staging-Stack.tfstate',
    'myapp/prod/main/DataPipeline-Prod-Stack.tfstate',
  ],
  protection: [false, false, true],
  database: [
    { backupRetentionDays: 1, minAcu: 0.5, maxAcu: 2, instances: 1 },
    { backupRetentionDays: 7, minAcu: 0.5, maxAcu: 4, instances: 1 },
    { backupRetentionDays: 30, minAcu: 1, maxAcu: 16, instances: 2 },
  ],
  api: [{ memoryMb: 256, stageName: 'dev' }, { memoryMb: 512, stageName: 'staging' }, { memoryMb: 1024, stageName: 'prod' }],
  // SPEC §2 Fargate tasks (desired / max) and the console's front door.
  desiredCount: [1, 2, 3],
  maxCount: [2, 4, 10],
  hostName: ['console-main.dev.data.example.com', 'console-main.staging.data.example.com', 'console-main.prod.data.example.com'],
  healthCheckPath: ['/health', '/health', '/health'],
  deletionProtection: [false, false, true],
  alarmThresholds: [alarmColumn(0), alarmColumn(1), alarmColumn(2)],
};

/** Resources only one environment plans: prod's reference-item replication (a pipe and an Express workflow). */
const ENVIRONMENT_SPECIFIC_COUNTS: Record<SpecEnvironment, Readonly<Record<string, number>>> = {
  dev: {},
  staging: {},
  prod: { aws_sfn_state_machine: 2, aws_pipes_pipe: 1 },
};

/** One column of SPEC §2: every value an environment's synthesized stack must show. */
export function specColumn(environment: SpecEnvironment): EnvironmentExpectations & ConsoleExpectations {
  const column = SPEC_ENVIRONMENTS.indexOf(environment);
  // SPEC_TABLE's type gives every knob of SpecValues a row, so picking one column yields SpecValues.
  const values = Object.fromEntries(Object.entries(SPEC_TABLE).map(([knob, row]) => [knob, (row as SpecRow<unknown>)[column]])) as unknown as SpecValues;
  return { environment, ...values };
}

/**
 * The whole per-environment suite of an app: its stack against its SPEC §2 column, its console and
 * alarms, and (where Terraform is available) validate and an offline plan of at least 60 resources.
 */
export function describeSpecColumn(appName: string, environment: SpecEnvironment): void {
  const expected = specColumn(environment);
  describeEnvironment(appName, expected);
  describeConsole(appName, expected);
  describeTerraformTier(appName, { min: 60, byType: { ...ENVIRONMENT_RESOURCE_COUNTS, ...ENVIRONMENT_SPECIFIC_COUNTS[environment] } });
}
