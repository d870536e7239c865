import {
  formatConfigFailure,
  isConfigError,
  loadBootstrapConfig,
  loadEnvironmentConfig,
  loadSharedConfig,
  overridesFromEnv,
  readCdktfContext,
  type BootstrapConfig,
  type EnvironmentConfig,
  type SharedConfig,
} from '@data-platform/config';
import { handlerArtifact } from '@data-platform/lambda-handlers/artifacts';
import { layerArtifact } from '@data-platform/lambda-layer';
import { findWorkspaceRoot } from '@data-platform/workspace';
import { App } from 'cdktf';
import { basename, join, resolve } from 'node:path';
import { HANDLER_NAMES, type PipelineArtifacts } from '../data-pipeline.js';

/** What an environment app needs to instantiate its stack. */
export interface EnvironmentApp {
  readonly app: App;
  readonly config: EnvironmentConfig;
  readonly artifacts: PipelineArtifacts;
}

/**
 * Builds the cdktf App of the environment whose `cdktf.json` is in `appDir` (the cdktf CLI's
 * convention: the app runs in its project directory). Config comes from that file's `context`,
 * overridden by ENVIRONMENT_SUFFIX, and its `environment` must be the one the app is
 * named for (`infra-<environment>`). Invalid config ends the process before anything is built:
 * exit code 1 and one line per problem, the stack trace only with `--verbose` or `DEBUG`.
 */
export function environmentApp(appDir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): EnvironmentApp {
  const config = loadConfigOrExit(appDir, env);
  const root = findWorkspaceRoot(appDir);
  const artifacts: PipelineArtifacts = {
    handlerZips: Object.fromEntries(HANDLER_NAMES.map((name) => [name, handlerArtifact(root, name).zipPath])) as PipelineArtifacts['handlerZips'],
    layerZip: layerArtifact(root).zipPath,
  };
  const app = new App({ outdir: env['CDKTF_OUTDIR'] ?? join(appDir, 'cdktf.out') });
  return { app, config, artifacts };
}

/**
 * The cdktf App of a bootstrap app (`apps/infra-bootstrap-*`), with its validated config from the
 * `context` of the `cdktf.json` in `appDir`; invalid config ends the process as for an environment.
 */
export function bootstrapApp(appDir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): { app: App; config: BootstrapConfig } {
  const config = orExit(env, () => loadBootstrapConfig(readCdktfContext(join(appDir, 'cdktf.json'))));
  return { app: new App({ outdir: env['CDKTF_OUTDIR'] ?? join(appDir, 'cdktf.out') }), config };
}

/** The cdktf App of `apps/infra-shared`, with its validated config; invalid config ends the process as for an environment. */
export function sharedApp(appDir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): { app: App; config: SharedConfig } {
  const config = orExit(env, () => loadSharedConfig(readCdktfContext(join(appDir, 'cdktf.json'))));
  return { app: new App({ outdir: env['CDKTF_OUTDIR'] ?? join(appDir, 'cdktf.out') }), config };
}

function loadConfigOrExit(appDir: string, env: NodeJS.ProcessEnv): EnvironmentConfig {
  const expectedEnvironment = /^infra-(.+)$/.exec(basename(resolve(appDir)))?.[1];
  return orExit(env, () => loadEnvironmentConfig(readCdktfContext(join(appDir, 'cdktf.json')), { ...overridesFromEnv(env), expectedEnvironment }));
}

/** Runs a config load; a config error ends the process: exit 1, one line per problem. */
function orExit<T>(env: NodeJS.ProcessEnv, load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!isConfigError(error)) throw error;
    process.stderr.write(formatConfigFailure(error, process.argv.includes('--verbose') || Boolean(env['DEBUG'])));
    process.exit(1);
  }
}
