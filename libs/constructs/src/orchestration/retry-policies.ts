/** Errors worth retrying: Lambda service hiccups, throttling and the handlers' own transient class. */
const TRANSIENT_LAMBDA_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.Unknown',
  'TransientError',
];

const TRANSIENT_DYNAMODB_ERRORS = [
  'DynamoDB.ProvisionedThroughputExceededException',
  'DynamoDB.ThrottlingException',
  'DynamoDB.InternalServerErrorException',
  'DynamoDB.RequestLimitExceeded',
];

const TRANSIENT_SNS_ERRORS = ['SNS.ThrottledException', 'SNS.InternalErrorException', 'SNS.KMSThrottlingException'];

/** Exponential backoff with full jitter so retries from many executions do not synchronize. */
function backoff(errorEquals: readonly string[]) {
  return {
    ErrorEquals: [...errorEquals],
    IntervalSeconds: 2,
    BackoffRate: 2,
    MaxAttempts: 5,
    MaxDelaySeconds: 60,
    JitterStrategy: 'FULL',
  };
}

export const RETRY = {
  lambda: [backoff(TRANSIENT_LAMBDA_ERRORS)],
  dynamodb: [backoff(TRANSIENT_DYNAMODB_ERRORS)],
  sns: [backoff(TRANSIENT_SNS_ERRORS)],
} as const;
