import type { DataPipeline } from '../data-pipeline.js';
import type { PolicyStatement } from '../iam/policy-document.js';
import { actionsOn, type WorkloadRole } from '../iam/workload-calls.js';
import type { GatewayEndpointAccess } from './network.js';

/** The functions and the console tasks run in the VPC; Step Functions and EventBridge call AWS from outside it. */
const IN_VPC: readonly WorkloadRole[] = [
  'lambda-validate', 'lambda-transform', 'lambda-load', 'lambda-quarantine', 'lambda-status-api', 'ecs-console-task',
  'lambda-fan-out-plan', 'lambda-fan-out-shard', 'lambda-fan-out-merge', 'lambda-fan-out-assemble',
];
/** The object actions the functions call on the data bucket, and the item actions on the table. */
const OBJECT_ACTIONS = actionsOn(IN_VPC, 'object:');
const ITEM_ACTIONS = actionsOn(IN_VPC, 'table');

/**
 * Endpoint policies for the private subnets: this environment's bucket and table only, the actions
 * its functions call only, and principals of its own account only.
 */
export function gatewayEndpointAccess(pipeline: DataPipeline, accountId: string, region: string): GatewayEndpointAccess {
  const ownAccount = { StringEquals: { 'aws:PrincipalAccount': accountId } };
  const statement = (sid: string, actions: string[], resources: string[]): PolicyStatement => ({
    sid,
    actions,
    resources,
    principals: { AWS: '*' },
    conditions: ownAccount,
  });
  return {
    s3: [
      statement('PipelineBucketObjects', OBJECT_ACTIONS, [`${pipeline.bucket.bucket.arn}/*`]),
      // ECR keeps image layers in an AWS-owned bucket: the console's image pull fetches them from it.
      statement('EcrImageLayers', ['s3:GetObject'], [`arn:aws:s3:::prod-${region}-starport-layer-bucket/*`]),
    ],
    dynamodb: [statement('PipelineTableItems', ITEM_ACTIONS, [pipeline.table.table.arn, `${pipeline.table.table.arn}/index/*`])],
  };
}
