// @ts-check
// Runs Terraform in a work dir. Output streams to the user as it happens and is also kept, so a
// failure can be explained in one line afterwards; `show -json` is captured whole.
import { spawn } from 'node:child_process';

/** Enough of the tail of a long plan log to find the error box that ends it. */
const KEEP_CHARS = 256 * 1024;

/**
 * @typedef {'stream' | 'quiet' | 'json' | 'interactive'} OutputMode
 *   stream: print as it comes and keep the tail; quiet: keep everything, print nothing (init, whose
 *   errors are replaced by one line); json: keep stdout whole, stream stderr; interactive: hand the
 *   terminal to Terraform so it can prompt.
 * @typedef {{ status: number, stdout: string, output: string }} RunResult
 */

/**
 * @param {{ binary: string, workDir: string, env: NodeJS.ProcessEnv }} options
 */
export function terraformProcess({ binary, workDir, env }) {
  // Automation settings for every non-interactive run; an interactive apply must be able to ask.
  /** @type {NodeJS.ProcessEnv} */
  const automated = { ...env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
  /** @type {NodeJS.ProcessEnv} */
  const interactive = { ...env, CHECKPOINT_DISABLE: '1' };
  delete interactive['TF_INPUT'];
  delete interactive['TF_IN_AUTOMATION'];

  return {
    binary,
    workDir,
    /**
     * @param {string[]} args
     * @param {{ output?: OutputMode }} [options]
     * @returns {Promise<RunResult>}
     */
    run(args, options = {}) {
      const mode = options.output ?? 'stream';
      const child = spawn(binary, args, {
        cwd: workDir,
        env: mode === 'interactive' ? interactive : automated,
        stdio: mode === 'interactive' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      });
      // Ctrl-C reaches Terraform directly (same process group); it stops gracefully and releases
      // the state lock. Dying first would orphan it and hide how it ended.
      const ignoreInterrupt = () => {};
      process.on('SIGINT', ignoreInterrupt);
      process.on('SIGTERM', ignoreInterrupt);

      /** @type {string[]} */
      const stdoutChunks = [];
      let output = '';
      const keep = (/** @type {string} */ text) => {
        output = (output + text).slice(-KEEP_CHARS);
      };
      child.stdout?.setEncoding('utf8').on('data', (/** @type {string} */ chunk) => {
        if (mode === 'json') stdoutChunks.push(chunk);
        else keep(chunk);
        if (mode === 'stream') process.stdout.write(chunk);
      });
      child.stderr?.setEncoding('utf8').on('data', (/** @type {string} */ chunk) => {
        keep(chunk);
        if (mode !== 'quiet') process.stderr.write(chunk);
      });

      return new Promise((resolvePromise, reject) => {
        child.on('error', (error) => {
          process.off('SIGINT', ignoreInterrupt);
          process.off('SIGTERM', ignoreInterrupt);
          reject(error);
        });
        child.on('close', (code, signal) => {
          process.off('SIGINT', ignoreInterrupt);
          process.off('SIGTERM', ignoreInterrupt);
          const stdout = mode === 'json' ? stdoutChunks.join('') : '';
          resolvePromise({ status: code ?? (signal ? 130 : 1), stdout, output });
        });
      });
    },
  };
}
