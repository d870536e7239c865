import { describeConsole, describeEnvironment, describeTerraformTier } from '@data-platform/testing';

// SPEC §2, dev column.
describeEnvironment('infra-dev', {
  environment: 'dev',
  stackName: 'DataPipeline-Dev-Stack',
  region: 'us-east-1',
  vpcCidr: '10.1.0.0/16',
  processingMemoryMb: 512,
  tracing: false,
  bucketName: 'myapp-dev-data-main',
  expirationDays: 30,
  glacierTransitionDays: null,
  versioning: true,
  billing: { mode: 'PAY_PER_REQUEST' },
  logRetentionDays: 7,
  natGateways: 0,
  alertEmails: ['data-platform-dev@example.com'],
  accountId: '111111111111',
  stateKey: 'myapp/dev/main/DataPipeline-Dev-Stack.tfstate',
  protection: false,
  database: { backupRetentionDays: 1, minAcu: 0.5, maxAcu: 2, instances: 1 },
  api: { memoryMb: 256, stageName: 'dev' },
});

// SPEC §2 Fargate tasks and §3.6 alarm thresholds (loose).
describeConsole('infra-dev', {
  desiredCount: 1,
  maxCount: 2,
  hostName: 'console-main.dev.data.example.com',
  healthCheckPath: '/health',
  deletionProtection: false,
  alarmThresholds: {
    'failed-executions': 10,
    'pipeline-latency': 900000,
    'validate-error-rate': 20,
    'transform-error-rate': 20,
    'load-error-rate': 20,
    'quarantine-error-rate': 20,
    'migrate-error-rate': 20,
    'status-api-error-rate': 20,
    'dlq-messages': 50,
    'console-5xx': 100,
    'console-unhealthy': 1,
    'database-cpu': 95,
  },
});

describeTerraformTier('infra-dev', { min: 60 });
