/**
 * The outputs of DataPipeline-Shared-Stack that environments read through remote state, written
 * once: the shared stack declares exactly these outputs and the environments read only these. Each
 * value is what an offline plan reads instead (no state to read without AWS): shaped like the real
 * value so every expression built on it still validates.
 */
export const SHARED_OUTPUTS = {
  /** URL of the console's ECR repository, `{account}.dkr.ecr.{region}.amazonaws.com/{name}`. */
  console_repository_url: '000000000000.dkr.ecr.us-east-1.amazonaws.com/offline-plan-console',
  /** ARN of the console's ECR repository. */
  console_repository_arn: 'arn:aws:ecr:us-east-1:000000000000:repository/offline-plan-console',
} as const;

export type SharedOutputName = keyof typeof SHARED_OUTPUTS;
