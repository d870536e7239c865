import { z } from 'zod';

/** Retention periods CloudWatch Logs accepts; any other number is rejected by the API. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const logRetentionDays = z
  .number()
  .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
  });

export const positiveInt = (min: number, max: number) => z.number().int().min(min).max(max);

/** Lower-case slug used inside physical names (environment, suffix, project). */
export const slug = (maxLength: number) =>
  z
    .string()
    .regex(/^[a-z][a-z0-9]*$/, { message: 'must be lower-case letters and digits, starting with a letter' })
    .max(maxLength);

export const awsRegion = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, { message: 'must be an AWS region code such as us-east-1' });
