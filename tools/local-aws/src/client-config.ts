import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * The only key pair s3rver accepts (it checks signatures); dynalite accepts any. Not a secret:
 * these are s3rver's hard-coded test credentials and never leave loopback.
 */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Where the emulators listen. */
export interface LocalEndpoints {
  readonly s3: string;
  readonly dynamodb: string;
}

/**
 * S3 client settings for s3rver: path-style URLs (no per-bucket DNS on loopback) and checksums
 * only where the API requires them (s3rver does not know the SDK's default CRC32 trailers).
 */
export function s3ClientConfig(endpoints: LocalEndpoints, region: string): S3ClientConfig {
  return {
    endpoint: endpoints.s3,
    region,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

export function dynamodbClientConfig(endpoints: LocalEndpoints, region: string): DynamoDBClientConfig {
  return { endpoint: endpoints.dynamodb, region, credentials: LOCAL_CREDENTIALS };
}

/**
 * The same settings as environment variables, for code that builds its own clients (the Lambda
 * handlers): the SDK reads `AWS_ENDPOINT_URL_<SERVICE>` and the checksum variables itself,
 * the handlers read `S3_FORCE_PATH_STYLE`. IMDS is disabled so nothing probes for real credentials.
 */
export function localAwsEnvironment(endpoints: LocalEndpoints, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Variables that would point an SDK at real AWS or a real profile; children must not inherit them. */
export const REAL_AWS_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_ROLE_ARN',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_ENDPOINT_URL',
] as const;
