import { isConfigError } from './config-error.js';

/**
 * What a command prints when building an environment's config failed: a config error's own
 * message (one line per problem, no stack trace), or with `verbose` the stack as well; any other
 * error as its stack, since that is a bug to report rather than a config to fix.
 */
export function formatConfigFailure(error: unknown, verbose: boolean): string {
  if (isConfigError(error) && !verbose) return `${error.message}\n`;
  return `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
}
