import { describeEnvironment, describeTerraformTier } from '@data-platform/testing';

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

describeTerraformTier('infra-staging', { min: 60 });
