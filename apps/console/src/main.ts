import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { serveConsole } from '@data-platform/console';
import { z } from 'zod';

// The container's entry point: configuration from the task definition's environment (set by
// libs/constructs ConsoleService), checked once at start; a bad value stops the task in one line.
const settings = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535),
    CONSOLE_ENVIRONMENT: z.string().min(1),
    TABLE_NAME: z.string().min(1),
    RUNS_INDEX: z.string().min(1),
    BUCKET_NAME: z.string().min(1),
    AWS_REGION: z.string().min(1),
  })
  .safeParse(process.env);
if (!settings.success) {
  const problems = settings.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  process.stderr.write(`console: bad environment: ${problems}\n`);
  process.exit(1);
}
const env = settings.data;
const region = env.AWS_REGION;

const running = await serveConsole(
  {
    environment: env.CONSOLE_ENVIRONMENT,
    runStore: {
      dynamo: DynamoDBDocumentClient.from(new DynamoDBClient({ region })),
      s3: new S3Client({ region }),
      tableName: env.TABLE_NAME,
      runsIndex: env.RUNS_INDEX,
      bucket: env.BUCKET_NAME,
    },
    objectUrl: (bucket, key) => `https://${region}.console.aws.amazon.com/s3/object/${bucket}?region=${region}&prefix=${encodeURIComponent(key)}`,
  },
  { port: env.PORT, hostname: '0.0.0.0' },
);
process.stdout.write(`console (${env.CONSOLE_ENVIRONMENT}) listening on port ${env.PORT}\n`);

// ECS sends SIGTERM before stopping a task: finish the requests in flight, then exit.
process.once('SIGTERM', () => {
  void running.close().finally(() => process.exit(0));
});
