// @ts-check
// Problems a user can fix are reported as one line: a stack trace would bury the fix.

/** An error whose message is the whole report: printed as `error: <message>`, never with a stack. */
export class UserError extends Error {
  /**
   * @param {string} message one line saying what is wrong and what to do
   * @param {{ exitCode?: number }} [options] exit code of the runner (default 1)
   */
  constructor(message, options = {}) {
    super(message);
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? 1;
  }
}

/**
 * Runs a CLI entry point: a UserError becomes one line on stderr; anything else is an internal
 * error, also one line unless NX_VERBOSE_LOGGING asks for the stack.
 * @param {() => Promise<number | void>} main resolves to the exit code (default 0)
 */
export async function runMain(main) {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const err = /** @type {Error} */ (error);
    process.stderr.write(`error: internal error in nx-cdktf: ${err.message}\n`);
    if (process.env['NX_VERBOSE_LOGGING'] === 'true') process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  }
}
