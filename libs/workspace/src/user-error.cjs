// @ts-check
// Problems a user can fix are reported as one line: a stack trace would bury the fix. Every tool
// (the Nx runners, local-run, the synth) throws and catches this one class.

/** An error whose message is the whole report: printed as `error: <message>`, never with a stack. */
class UserError extends Error {
  /**
   * @param {string} message one line saying what is wrong and what to do
   * @param {{ exitCode?: number }} [options] process exit code (default 1; 2 for bad usage)
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
 * @param {string} [tool] named in the line for an internal error
 */
async function runMain(main, tool = 'nx-cdktf') {
  try {
    process.exitCode = (await main()) ?? 0;
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    const err = /** @type {Error} */ (error);
    process.stderr.write(`error: internal error in ${tool}: ${err.message}\n`);
    if (process.env['NX_VERBOSE_LOGGING'] === 'true') process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  }
}

module.exports = { UserError, runMain };
