/**
 * Metrics AWS publishes for the resource types of the stack, with the dimension that names the
 * resource and the attribute of the Terraform resource that holds that name (from each service's
 * "CloudWatch metrics" page). A dashboard or alarm naming anything else would stay empty forever.
 */
export interface AwsNamespace {
  readonly metrics: readonly string[];
  /** Dimension name → [Terraform resource type, attribute that holds the dimension's value]. */
  readonly dimensions: Readonly<Record<string, readonly [string, string]>>;
}

export const AWS_METRIC_CATALOG: Readonly<Record<string, AwsNamespace>> = {
  'AWS/States': {
    metrics: ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'ExecutionsAborted', 'ExecutionsTimedOut', 'ExecutionThrottled', 'ExecutionTime'],
    dimensions: { StateMachineArn: ['aws_sfn_state_machine', 'arn'] },
  },
  'AWS/Lambda': {
    metrics: ['Invocations', 'Errors', 'Throttles', 'Duration', 'ConcurrentExecutions'],
    dimensions: { FunctionName: ['aws_lambda_function', 'function_name'] },
  },
  'AWS/SQS': {
    metrics: ['ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage', 'NumberOfMessagesSent'],
    dimensions: { QueueName: ['aws_sqs_queue', 'name'] },
  },
  'AWS/DynamoDB': {
    metrics: ['ReadThrottleEvents', 'WriteThrottleEvents', 'ThrottledRequests', 'ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits'],
    dimensions: { TableName: ['aws_dynamodb_table', 'name'] },
  },
  'AWS/ApplicationELB': {
    metrics: ['HTTPCode_ELB_5XX_Count', 'HTTPCode_Target_5XX_Count', 'TargetResponseTime', 'HealthyHostCount', 'UnHealthyHostCount', 'RequestCount'],
    dimensions: { LoadBalancer: ['aws_lb', 'arn_suffix'], TargetGroup: ['aws_lb_target_group', 'arn_suffix'] },
  },
  'AWS/ECS': {
    metrics: ['CPUUtilization', 'MemoryUtilization'],
    dimensions: { ClusterName: ['aws_ecs_cluster', 'name'], ServiceName: ['aws_ecs_service', 'name'] },
  },
  'AWS/RDS': {
    metrics: ['CPUUtilization', 'DatabaseConnections', 'FreeableMemory'],
    dimensions: { DBClusterIdentifier: ['aws_rds_cluster', 'cluster_identifier'] },
  },
};
