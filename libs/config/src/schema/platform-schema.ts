import { z } from 'zod';
import { checkFargateSize } from './cross-field-rules.js';
import { awsRegion, positiveInt } from './primitives.js';

/** Aurora Serverless v2 capacity moves in half-ACU steps from 0 to 256. */
const acu = z.number().min(0).max(256).multipleOf(0.5);

export const databaseSchema = z
  .object({
    /** Aurora PostgreSQL engine version. */
    engineVersion: z.string().regex(/^\d+\.\d+$/, { message: 'must look like 16.4' }).default('16.4'),
    /** Number of serverless v2 instances in the cluster (writer + readers). */
    instances: positiveInt(1, 15),
    /** Minimum capacity, Aurora capacity units. */
    minCapacityAcu: acu,
    /** Maximum capacity, Aurora capacity units. */
    maxCapacityAcu: acu,
    /** Automated backup retention, days. */
    backupRetentionDays: positiveInt(1, 35),
    /** Days between automatic rotations of the Secrets Manager master password. */
    passwordRotationDays: positiveInt(1, 365).default(30),
    /** Create this cluster as a copy-on-write clone of another environment's cluster (e.g. staging from prod). */
    cloneFrom: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/).nullable().default(null),
    /** Accounts this cluster is shared with through AWS RAM so they can clone it (prod names staging's account). */
    shareWithAccountIds: z.array(z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' })).default([]),
  })
  .strict()
  .refine((d) => d.maxCapacityAcu >= d.minCapacityAcu && d.maxCapacityAcu >= 1, {
    message: 'maxCapacityAcu must be at least 1 and not below minCapacityAcu',
    path: ['maxCapacityAcu'],
  });

export const apiSchema = z
  .object({
    /** Steady-state request rate limit of the stage, requests per second. */
    throttleRateLimit: positiveInt(1, 10000),
    /** Burst limit of the stage, requests. */
    throttleBurstLimit: positiveInt(1, 5000),
  })
  .strict();

export const serviceSchema = z
  .object({
    /** Desired number of Fargate tasks. */
    desiredCount: positiveInt(0, 100),
    /** Autoscaling ceiling. */
    maxCount: positiveInt(1, 100),
    /** Task CPU units (Fargate sizes). */
    cpu: z.union([z.literal(256), z.literal(512), z.literal(1024), z.literal(2048), z.literal(4096)]).default(256),
    /** Task memory, MiB. */
    memoryMib: positiveInt(512, 30720).default(512),
    /** Container port the ALB forwards to. */
    containerPort: positiveInt(1, 65535).default(8080),
    /** Health check path of the target group. */
    healthCheckPath: z.string().startsWith('/').default('/health'),
    /** Domain the console is served under, as `console-{suffix}.{domainName}` (its ACM certificate's name), so a preview environment gets its own. */
    domainName: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, { message: 'must be a DNS name' }),
    /** Route 53 public hosted zone holding domainName: the certificate's DNS validation and the alias record go there. */
    hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, { message: 'must be a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ' }),
    /**
     * The console image, pinned by digest (never a tag): CI pushes it to the shared ECR repository and
     * prints the digest. The repository itself is the shared stack's (read through remote state), never named here.
     */
    image: z
      .object({
        /** Image manifest digest. */
        digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, { message: 'must be an image digest sha256:<64 hex digits>' }),
      })
      .strict(),
  })
  .strict()
  .refine((s) => s.maxCount >= s.desiredCount, {
    message: 'maxCount must not be below desiredCount',
    path: ['maxCount'],
  })
  .superRefine((service, ctx) => checkFargateSize(service.cpu, service.memoryMib, ctx));

export const alarmsSchema = z
  .object({
    /** Pipeline executions failed in 5 minutes before alarming. */
    failedExecutions: positiveInt(1, 1000),
    /** Lambda error rate that alarms, percent of invocations. */
    lambdaErrorRatePercent: z.number().min(0.1).max(100),
    /** p99 execution time of the state machine that alarms, seconds. */
    pipelineLatencySeconds: positiveInt(1, 86400),
    /** Messages visible in the dead-letter queue that alarm. */
    dlqMessages: positiveInt(1, 100000),
    /** ALB 5xx responses in 5 minutes that alarm. */
    alb5xxCount: positiveInt(1, 100000),
    /** Aurora CPU utilisation that alarms, percent. */
    databaseCpuPercent: z.number().min(1).max(100),
    /** Console targets the load balancer finds unhealthy that alarm. */
    unhealthyTargets: positiveInt(1, 100).default(1),
  })
  .strict();

export const backendSchema = z
  .object({
    /** S3 bucket holding Terraform state (state key is {project}/{env}/{stack}.tfstate). */
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name' }),
    /** Region of the state bucket. */
    region: awsRegion,
  })
  .strict();

export type DatabaseConfig = z.infer<typeof databaseSchema>;
export type ApiConfig = z.infer<typeof apiSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type AlarmsConfig = z.infer<typeof alarmsSchema>;
export type BackendConfig = z.infer<typeof backendSchema>;
