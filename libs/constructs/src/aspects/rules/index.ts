import { albAccessLogs } from './alb-access-logs.js';
import { albDeletionProtection } from './alb-deletion-protection.js';
import { albDropInvalidHeaders } from './alb-drop-invalid-headers.js';
import { albListenerHttps } from './alb-listener-https.js';
import { albListenerModernTls } from './alb-listener-modern-tls.js';
import { cloudwatchAlarmActions } from './cloudwatch-alarm-actions.js';
import { destroyable } from './destroyable.js';
import { dynamodbCmkEncryption } from './dynamodb-cmk-encryption.js';
import { dynamodbPitr } from './dynamodb-pitr.js';
import { ecsContainerInsights } from './ecs-container-insights.js';
import { ecsDeploymentRollback } from './ecs-deployment-rollback.js';
import { ecsImageByDigest } from './ecs-image-by-digest.js';
import { ecsNonPrivileged } from './ecs-non-privileged.js';
import { ecsReadOnlyRootFilesystem } from './ecs-read-only-root-filesystem.js';
import { ecsServiceNoPublicIp } from './ecs-service-no-public-ip.js';
import { apiAccessLogging } from './api-access-logging.js';
import { apiRouteAuthorization } from './api-route-authorization.js';
import { rdsClusterEncryption } from './rds-cluster-encryption.js';
import { rdsForceTls } from './rds-force-tls.js';
import { rdsIamAuth } from './rds-iam-auth.js';
import { rdsLogExport } from './rds-log-export.js';
import { iamKmsUseViaService } from './iam-kms-use-via-service.js';
import { iamNoManagedAdminPolicy } from './iam-no-managed-admin-policy.js';
import { iamNoWildcardAction } from './iam-no-wildcard-action.js';
import { iamNoWildcardResource } from './iam-no-wildcard-resource.js';
import { iamServiceTrustSourceArn } from './iam-service-trust-source-arn.js';
import { kmsAdminSeparateFromUse } from './kms-admin-separate-from-use.js';
import { kmsKeyRotation } from './kms-key-rotation.js';
import { kmsNoWildcardPrincipal } from './kms-no-wildcard-principal.js';
import { lambdaAsyncFailureDestination } from './lambda-async-failure-destination.js';
import { lambdaEnvEncrypted } from './lambda-env-encrypted.js';
import { lambdaInVpc } from './lambda-in-vpc.js';
import { lambdaReservedConcurrency } from './lambda-reserved-concurrency.js';
import { lambdaXrayTracing } from './lambda-xray-tracing.js';
import { logGroupKmsEncryption } from './log-group-kms-encryption.js';
import { logRetentionSet } from './log-retention-set.js';
import { nameIncludesSuffix } from './name-includes-suffix.js';
import { pipeStreamFailureHandling } from './pipe-stream-failure-handling.js';
import { protectedStores } from './protected-stores.js';
import type { GovernanceRule } from './rule.js';
import { s3AccessLogging } from './s3-access-logging.js';
import { s3BucketKmsEncryption } from './s3-bucket-kms-encryption.js';
import { s3Lifecycle } from './s3-lifecycle.js';
import { s3PublicAccessBlock } from './s3-public-access-block.js';
import { s3TlsOnlyPolicy } from './s3-tls-only-policy.js';
import { s3Versioning } from './s3-versioning.js';
import { sfnExecutionLogging } from './sfn-execution-logging.js';
import { sfnXrayTracing } from './sfn-xray-tracing.js';
import { snsPolicyNotPublic } from './sns-policy-not-public.js';
import { snsTlsOnlyPolicy } from './sns-tls-only-policy.js';
import { snsTopicEncryption } from './sns-topic-encryption.js';
import { sqsPolicyNotPublic } from './sqs-policy-not-public.js';
import { sqsQueueEncryption } from './sqs-queue-encryption.js';
import { subnetNoPublicIp } from './subnet-no-public-ip.js';
import { vpcDefaultSecurityGroupClosed } from './vpc-default-security-group-closed.js';
import { vpcFlowLogs } from './vpc-flow-logs.js';
import { vpcGatewayEndpointPolicy } from './vpc-gateway-endpoint-policy.js';

export type { GovernanceRule, RuleContext, SynthesizedResource } from './rule.js';
export { WILDCARD_ONLY_ACTIONS } from './wildcard-only-actions.js';

/** Every rule that fails synthesis, grouped by service. */
export const GOVERNANCE_RULES: readonly GovernanceRule[] = [
  nameIncludesSuffix,
  destroyable,
  protectedStores,
  s3BucketKmsEncryption, s3TlsOnlyPolicy, s3PublicAccessBlock, s3Versioning, s3AccessLogging, s3Lifecycle,
  dynamodbCmkEncryption, dynamodbPitr,
  lambdaInVpc, lambdaEnvEncrypted, lambdaXrayTracing, lambdaReservedConcurrency, lambdaAsyncFailureDestination,
  sqsQueueEncryption, snsTopicEncryption, sqsPolicyNotPublic, snsPolicyNotPublic, snsTlsOnlyPolicy,
  kmsKeyRotation, kmsNoWildcardPrincipal, kmsAdminSeparateFromUse,
  vpcFlowLogs, vpcDefaultSecurityGroupClosed, vpcGatewayEndpointPolicy, subnetNoPublicIp,
  logGroupKmsEncryption, logRetentionSet,
  iamNoWildcardAction, iamNoWildcardResource, iamServiceTrustSourceArn, iamNoManagedAdminPolicy, iamKmsUseViaService,
  sfnExecutionLogging, sfnXrayTracing, pipeStreamFailureHandling,
  albDropInvalidHeaders, albAccessLogs, albListenerHttps, albListenerModernTls, albDeletionProtection,
  ecsContainerInsights, ecsServiceNoPublicIp, ecsReadOnlyRootFilesystem, ecsNonPrivileged, ecsImageByDigest, ecsDeploymentRollback,
  cloudwatchAlarmActions,
  rdsClusterEncryption, rdsIamAuth, rdsLogExport, rdsForceTls,
  apiAccessLogging, apiRouteAuthorization,
];
