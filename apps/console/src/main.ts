import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { consoleDependencies, serveConsole } from '@data-platform/console';
import { DATABASE_ENV, databaseConnection } from '@data-platform/lambda-handlers/database';
import { statusQueries } from '@data-platform/lambda-handlers/status';
import { z } from 'zod';

// The container's entry point: configuration from the task definition's environment (set by
// libs/constructs ConsoleService), checked once at start; a bad value stops the task in one line.
const required = z.string().min(1);
const settings = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535),
    CONSOLE_ENVIRONMENT: required,
    TABLE_NAME: required,
    AWS_REGION: required,
    RAW_PREFIX: required,
    PROCESSED_PREFIX: required,
    QUARANTINE_PREFIX: required,
    ...Object.fromEntries(DATABASE_ENV.map((name) => [name, required])),
  })
  .safeParse(process.env);
if (!settings.success) {
  const problems = settings.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  process.stderr.write(`console: bad environment: ${problems}\n`);
  process.exit(1);
}
const env = settings.data;
const region = env.AWS_REGION;

// One database connection for the process (IAM token as password, TLS verified), opened on first use.
const database = databaseConnection(process.env);
const queries = statusQueries({ dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region })), tableName: env.TABLE_NAME, database });

const running = await serveConsole(
  {
    environment: env.CONSOLE_ENVIRONMENT,
    queries,
    outputs: {
      s3: new S3Client({ region }),
      prefixes: { RAW_PREFIX: env.RAW_PREFIX, PROCESSED_PREFIX: env.PROCESSED_PREFIX, QUARANTINE_PREFIX: env.QUARANTINE_PREFIX },
    },
    health: consoleDependencies(queries, database),
    objectUrl: (bucket, key) => `https://${region}.console.aws.amazon.com/s3/object/${bucket}?region=${region}&prefix=${encodeURIComponent(key)}`,
  },
  { port: env.PORT, hostname: '0.0.0.0' },
);
process.stdout.write(`console (${env.CONSOLE_ENVIRONMENT}) listening on port ${env.PORT}\n`);

// ECS sends SIGTERM before stopping a task: finish the requests in flight, then exit.
process.once('SIGTERM', () => {
  void running.close().finally(() => process.exit(0));
});
