/**
 * The outputs of an environment stack that another environment reads through remote state (staging
 * reads prod's cluster to clone it), written once: the environment stack exports these names and
 * readers read only these. Values are the offline plan's stand-ins, shaped like the real ones.
 */
export const ENVIRONMENT_STATE_OUTPUTS = {
  /** ARN of the Aurora cluster (a cross-account clone names its source by ARN). */
  'database-cluster-arn': 'arn:aws:rds:us-east-1:000000000000:cluster:offline-plan-source',
} as const;

export type EnvironmentStateOutputName = keyof typeof ENVIRONMENT_STATE_OUTPUTS;
