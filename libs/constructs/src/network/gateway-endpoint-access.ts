import type { DataPipeline } from '../data-pipeline.js';
import type { PolicyStatement } from '../iam/policy-document.js';
import type { GatewayEndpointAccess } from './network.js';

/** The object actions the pipeline functions call on the data bucket (see iam/pipeline-calls.ts). */
const OBJECT_ACTIONS = ['s3:AbortMultipartUpload', 's3:GetObject', 's3:GetObjectVersion', 's3:PutObject'];
/** The item actions the pipeline functions call on the metadata table. */
const ITEM_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

/**
 * Endpoint policies for the private subnets: this environment's bucket and table only, the actions
 * its functions call only, and principals of its own account only.
 */
export function gatewayEndpointAccess(pipeline: DataPipeline, accountId: string): GatewayEndpointAccess {
  const ownAccount = { StringEquals: { 'aws:PrincipalAccount': accountId } };
  const statement = (sid: string, actions: string[], resources: string[]): PolicyStatement => ({
    sid,
    actions,
    resources,
    principals: { AWS: '*' },
    conditions: ownAccount,
  });
  return {
    s3: [statement('PipelineBucketObjects', OBJECT_ACTIONS, [`${pipeline.bucket.bucket.arn}/*`])],
    dynamodb: [statement('PipelineTableItems', ITEM_ACTIONS, [pipeline.table.table.arn])],
  };
}
