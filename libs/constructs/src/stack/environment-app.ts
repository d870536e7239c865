import { loadBootstrapConfig, loadEnvironmentConfig, overridesFromEnv, type BootstrapConfig, type EnvironmentConfig } from '@data-platform/config';
import { handlerArtifact } from '@data-platform/lambda-handlers/artifacts';
import { layerArtifact } from '@data-platform/lambda-layer';
import { App } from 'cdktf';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PipelineArtifacts } from '../data-pipeline.js';

/** What an environment app needs to instantiate its stack. */
export interface EnvironmentApp {
  readonly app: App;
  readonly config: EnvironmentConfig;
  readonly artifacts: PipelineArtifacts;
}

/**
 * Builds the cdktf App of the environment whose `cdktf.json` is in `appDir` (the cdktf CLI's
 * convention: the app runs in its project directory). Config comes from that file's `context`,
 * overridden by ENVIRONMENT_SUFFIX and GIT_SHA; invalid config throws before anything is built.
 */
export function environmentApp(appDir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): EnvironmentApp {
  const cdktfJsonPath = join(appDir, 'cdktf.json');
  const cdktfJson = JSON.parse(readFileSync(cdktfJsonPath, 'utf8')) as { context?: unknown };
  const config = loadEnvironmentConfig(cdktfJson.context, overridesFromEnv(env));
  const root = workspaceRoot(appDir);
  const artifacts: PipelineArtifacts = {
    handlerZips: {
      'validate-object': handlerArtifact(root, 'validate-object').zipPath,
      'transform-object': handlerArtifact(root, 'transform-object').zipPath,
      'quarantine-object': handlerArtifact(root, 'quarantine-object').zipPath,
    },
    layerZip: layerArtifact(root).zipPath,
  };
  const app = new App({ outdir: env['CDKTF_OUTDIR'] ?? join(appDir, 'cdktf.out') });
  return { app, config, artifacts };
}

/**
 * The cdktf App of a bootstrap app (`apps/infra-bootstrap-*`), with its validated config from the
 * `context` of the `cdktf.json` in `appDir`.
 */
export function bootstrapApp(appDir: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): { app: App; config: BootstrapConfig } {
  const cdktfJson = JSON.parse(readFileSync(join(appDir, 'cdktf.json'), 'utf8')) as { context?: unknown };
  return { app: new App({ outdir: env['CDKTF_OUTDIR'] ?? join(appDir, 'cdktf.out') }), config: loadBootstrapConfig(cdktfJson.context) };
}

/** The Nx workspace root: the nearest ancestor holding nx.json. */
export function workspaceRoot(from: string): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}: run inside the workspace`);
    dir = parent;
  }
  return dir;
}
