import { describeEnvironment, describeTerraformTier } from '@data-platform/testing';

// SPEC §2, prod column.
describeEnvironment('infra-prod', {
  environment: 'prod',
  stackName: 'DataPipeline-Prod-Stack',
  region: 'us-east-1',
  vpcCidr: '10.3.0.0/16',
  processingMemoryMb: 2048,
  tracing: true,
  bucketName: 'myapp-prod-data-main',
  expirationDays: 365,
  glacierTransitionDays: 90,
  versioning: true,
  billing: { mode: 'PROVISIONED', read: 25, write: 25 },
  logRetentionDays: 90,
  natGateways: 0,
  alertEmails: ['data-platform-oncall@example.com', 'data-platform-prod@example.com'],
  accountId: '333333333333',
  stateKey: 'myapp/prod/main/DataPipeline-Prod-Stack.tfstate',
  protection: true,
  database: { backupRetentionDays: 30, minAcu: 1, maxAcu: 16, instances: 2 },
  api: { memoryMb: 1024, stageName: 'prod' },
});

describeTerraformTier('infra-prod', { min: 60 });
