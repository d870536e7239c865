import { createAwsClients, type AwsClients } from './aws-clients.js';
import { PIPELINE_ENV, requireEnv, type PipelineEnv } from './env.js';
import { createObservability, type Observability } from './pipeline-handler.js';

/** What a state-machine step's handler sets up once per cold start and reuses on every invocation. */
export interface PipelineStepRuntime {
  readonly env: PipelineEnv;
  readonly clients: AwsClients;
  readonly observability: Observability;
}

/**
 * Every pipeline step reads the same variables, talks to S3 and DynamoDB, and logs through
 * Powertools; building the three here keeps the steps alike. The environment is read first, so a
 * misconfigured function fails at cold start, naming every missing variable, before any client exists.
 */
export function pipelineStepRuntime(): PipelineStepRuntime {
  return { env: requireEnv(PIPELINE_ENV), clients: createAwsClients(), observability: createObservability() };
}
