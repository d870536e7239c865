/**
 * ARNs built from names, for policies that must name a resource before it exists (trust and key
 * conditions would otherwise form a cycle: role → state machine → role).
 */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

export const stateMachineArn = ({ region, accountId }: ArnScope, name: string) => `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
export const eventRuleArn = ({ region, accountId }: ArnScope, name: string) => `arn:aws:events:${region}:${accountId}:rule/${name}`;
export const bucketArn = (name: string) => `arn:aws:s3:::${name}`;
export const tableArn = ({ region, accountId }: ArnScope, name: string) => `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
/** Every VPC flow log of the account in the region (a flow log's id is only known after creation). */
export const flowLogArnPattern = ({ region, accountId }: ArnScope) => `arn:aws:ec2:${region}:${accountId}:vpc-flow-log/*`;
/** The regional endpoint a service calls KMS through, for `kms:ViaService`. */
export const viaService = (service: string, region: string) => `${service}.${region}.amazonaws.com`;
