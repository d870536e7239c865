import { z } from 'zod';

/** A real calendar date, YYYY-MM-DD (2026-02-30 is not one). */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  .refine((text) => new Date(`${text}T00:00:00Z`).toISOString().startsWith(text), { message: 'is not a calendar date' });

/** Longest range a balances page shows, days. */
export const MAX_BALANCE_DAYS = 366;

export const runsParams = z
  .object({
    /** Runs per page. */
    limit: z.coerce.number().int().min(1).max(100).default(25),
    /** The previous page's `next`. */
    cursor: z.string().min(1).max(1024).optional(),
  })
  .strict();

export const runParams = z.object({ id: z.string().min(1).max(2048) }).strict();

export const balanceParams = z
  .object({
    account: z.string().min(1).max(128),
    from: isoDate,
    to: isoDate,
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: 'must not be after to', path: ['from'] })
  .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < MAX_BALANCE_DAYS, {
    message: `the range may span at most ${MAX_BALANCE_DAYS} days`,
    path: ['to'],
  });

/** One line per problem, naming the parameter: what a 400 page lists. */
export function paramProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`);
}
