import { describeConsole, describeEnvironment, describeTerraformTier } from '@data-platform/testing';

// SPEC §2, staging column.
describeEnvironment('infra-staging', {
  environment: 'staging',
  stackName: 'DataPipeline-Staging-Stack',
  region: 'us-east-1',
  vpcCidr: '10.2.0.0/16',
  processingMemoryMb: 1024,
  tracing: true,
  bucketName: 'myapp-staging-data-main',
  expirationDays: 90,
  glacierTransitionDays: null,
  versioning: true,
  billing: { mode: 'PROVISIONED', read: 10, write: 10 },
  logRetentionDays: 30,
  natGateways: 0,
  alertEmails: ['data-platform-staging@example.com'],
  accountId: '222222222222',
  stateKey: 'myapp/staging/main/DataPipeline-Staging-Stack.tfstate',
  protection: false,
  database: { backupRetentionDays: 7, minAcu: 0.5, maxAcu: 4, instances: 1 },
  api: { memoryMb: 512, stageName: 'staging' },
});

// SPEC §2 Fargate tasks and §3.6 alarm thresholds (medium).
describeConsole('infra-staging', {
  desiredCount: 2,
  maxCount: 4,
  hostName: 'console-main.staging.data.example.com',
  healthCheckPath: '/health',
  deletionProtection: false,
  alarmThresholds: {
    'failed-executions': 3,
    'pipeline-latency': 600000,
    'validate-error-rate': 5,
    'transform-error-rate': 5,
    'load-error-rate': 5,
    'quarantine-error-rate': 5,
    'migrate-error-rate': 5,
    'status-api-error-rate': 5,
    'dlq-messages': 10,
    'console-5xx': 25,
    'console-unhealthy': 1,
    'database-cpu': 85,
  },
});

describeTerraformTier('infra-staging', { min: 60 });
