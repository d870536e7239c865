import type { Naming } from '@data-platform/config';

/**
 * The physical names an environment's dashboard metrics are published under. The environment's
 * constructs name their resources with these functions, and the shared stack's cross-environment
 * dashboard finds each environment's metrics with the same ones, so the two never drift apart.
 */
export const metricSources = {
  /** The pipeline's Step Functions state machine (AWS/States StateMachineArn dimension ends with it). */
  stateMachineName: (naming: Naming): string => naming.name('stateMachine', 'sfn', 'pipeline'),
  /** The dead-letter queue (AWS/SQS QueueName dimension). */
  deadLetterQueueName: (naming: Naming): string => naming.name('sqsQueue', 'sqs', 'pipeline-dlq'),
  /** The console's load balancer (AWS/ApplicationELB LoadBalancer dimension is `app/<name>/<id>`). */
  loadBalancerName: (naming: Naming): string => naming.name('loadBalancer', 'alb', 'console'),
} as const;

/** The Powertools `service` dimension of the row metrics: the transform handler emits them. */
export const ROW_METRICS_SERVICE = 'transform';
