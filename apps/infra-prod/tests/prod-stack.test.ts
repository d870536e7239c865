import { describeConsole, describeEnvironment, describeTerraformTier, ENVIRONMENT_RESOURCE_COUNTS } from '@data-platform/testing';

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

// SPEC §2 Fargate tasks and §3.6 alarm thresholds (strict).
describeConsole('infra-prod', {
  desiredCount: 3,
  maxCount: 10,
  hostName: 'console-main.prod.data.example.com',
  healthCheckPath: '/health',
  deletionProtection: true,
  alarmThresholds: {
    'failed-executions': 1,
    'pipeline-latency': 300000,
    'validate-error-rate': 1,
    'transform-error-rate': 1,
    'load-error-rate': 1,
    'quarantine-error-rate': 1,
    'migrate-error-rate': 1,
    'status-api-error-rate': 1,
    'dlq-messages': 1,
    // Prod's reference-item replication dead-letters failed batches too.
    'reference-items-dlq-messages': 1,
    'console-5xx': 5,
    'console-unhealthy': 1,
    'database-cpu': 75,
  },
});

// Prod alone replicates reference items down: a pipe and an Express workflow besides the pipeline's (SPEC §3.11).
describeTerraformTier('infra-prod', { min: 60, byType: { ...ENVIRONMENT_RESOURCE_COUNTS, aws_sfn_state_machine: 2, aws_pipes_pipe: 1 } });
