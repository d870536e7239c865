// @ts-check
// Everything a target does before its own Terraform command: a fresh work dir from the synth, the
// binary, the provider mirror, the backend check, and `init` (whose errors become one line).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readStackBackend } from './backend-config.mjs';
import { refuseChangedBackend } from './backend-state.mjs';
import { MIRROR_VARIABLE, providerMirrorEnv } from './provider-mirror.mjs';
import { initArgs, outputJsonArgs, showJsonArgs } from './terraform-args.mjs';
import { resolveTerraform } from './terraform-binary.mjs';
import { explainFailure } from './terraform-failures.mjs';
import { terraformProcess } from './terraform-process.mjs';
import { UserError } from '@data-platform/workspace';
import { prepareWorkDir, writeOfflineOverride } from './work-dir.mjs';

/**
 * A prepared session that has not run `init` yet (drift needs its names before anything can fail).
 * @param {string} projectRoot
 * @param {import('./work-dir.mjs').WorkMode} mode remote: the S3 backend as synthesized;
 *   offline: local backend and dummy credentials; validate: no backend at all
 * @param {{ stepFunctionsEndpoint?: string }} [offlineEndpoints] loopback stand-ins of the calls a plan makes
 */
export function createSession(projectRoot, mode, offlineEndpoints) {
  // The binary first: without it nothing else matters, and the message says what to install.
  const terraform = resolveTerraform();
  const dir = prepareWorkDir(projectRoot, mode);
  const tf = terraformProcess({ binary: terraform.binary, workDir: dir.workDir, env: { ...process.env, ...providerMirrorEnv(dir.workDir) } });
  const backend = mode === 'remote' ? readStackBackend(dir.synthStackDir, dir.environment) : undefined;
  if (mode === 'offline') writeOfflineOverride(dir.workDir, offlineEndpoints);
  /** @type {import('./terraform-failures.mjs').FailureContext} */
  const failureContext = { project: dir.name, environment: dir.environment, offline: mode !== 'remote', mirror: process.env[MIRROR_VARIABLE] };

  /**
   * The UserError for a failed command: the explained line, else a pointer to the output above.
   * @param {import('./terraform-process.mjs').RunResult} result
   * @param {string} what
   */
  const failure = (result, what) => {
    const explained = explainFailure(result.output, failureContext);
    return new UserError(explained?.message ?? `${what} failed for ${dir.environment} (exit ${result.status}): see the output above`);
  };

  return {
    dir,
    terraform,
    tf,
    backend,
    failure,
    /** `init` quietly: on success one line, on failure the explained line (or Terraform's output). */
    async init() {
      if (backend) refuseChangedBackend(dir.workDir, backend, { environment: dir.environment, binary: terraform.binary });
      const init = await tf.run(initArgs({ backend: mode !== 'validate' }), { output: 'quiet' });
      if (init.status !== 0) {
        const explained = explainFailure(init.output, failureContext);
        if (explained) throw new UserError(explained.message);
        process.stderr.write(init.output); // unknown failure: Terraform's own words are the best we have
        throw failure(init, `${terraform.binary} init`);
      }
      const where = backend ? `state s3://${backend.bucket}/${backend.key} (${backend.region})` : mode === 'offline' ? 'local empty state' : 'no backend';
      process.stdout.write(`${dir.name}: ${terraform.product} ${terraform.version} initialized in ${dir.workDir}, ${where}\n`);
    },
    /**
     * Runs a command and throws the explained one-line error if it fails.
     * @param {string[]} args
     * @param {string} what e.g. "terraform plan"
     * @param {{ output?: import('./terraform-process.mjs').OutputMode }} [options]
     */
    async must(args, what, options) {
      const result = await tf.run(args, options);
      if (result.status !== 0) throw failure(result, what);
      return result;
    },
    /**
     * `show -json` of a plan file in the work dir.
     * @param {string} planFile
     * @returns {Promise<any>}
     */
    async showJson(planFile) {
      const shown = await tf.run(showJsonArgs(planFile), { output: 'json' });
      if (shown.status !== 0) throw failure(shown, `${terraform.binary} show -json`);
      return JSON.parse(shown.stdout);
    },
    /**
     * `show -no-color` of a plan file: the plan as a reviewer reads it.
     * @param {string} planFile
     */
    async showText(planFile) {
      const shown = await tf.run(['show', '-no-color', planFile], { output: 'json' });
      if (shown.status !== 0) throw failure(shown, `${terraform.binary} show`);
      return shown.stdout;
    },
    /**
     * `output -json`: the outputs recorded in the state.
     * @returns {Promise<Record<string, { value: unknown }>>}
     */
    async outputs() {
      const shown = await tf.run(outputJsonArgs(), { output: 'json' });
      if (shown.status !== 0) throw failure(shown, `${terraform.binary} output`);
      return JSON.parse(shown.stdout || '{}');
    },
  };
}

/**
 * A session ready for commands: prepared and initialized.
 * @param {string} projectRoot
 * @param {import('./work-dir.mjs').WorkMode} mode
 * @param {{ stepFunctionsEndpoint?: string }} [offlineEndpoints]
 */
export async function openSession(projectRoot, mode, offlineEndpoints) {
  const session = createSession(projectRoot, mode, offlineEndpoints);
  await session.init();
  return session;
}

/**
 * @param {string} dir
 * @param {string} name e.g. plan-summary
 * @param {object} json
 * @param {string} markdown
 */
export function writeSummaryFiles(dir, name, json, markdown) {
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(dir, `${name}.md`), markdown);
  return { json: join(dir, `${name}.json`), markdown: join(dir, `${name}.md`) };
}
