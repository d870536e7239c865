// @ts-check
// The environment apps: every apps/*/cdktf.json whose environment is promoted (dev, staging, prod),
// as the plugin infers them (project name = directory). Bootstrap apps are not among them: an
// administrator applies those once per account, never CI.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isPromoted, sortByPromotion } from './promotion-order.cjs';
import { environmentOf, workspaceRoot } from './workspace.mjs';

/**
 * @typedef {{ project: string, root: string, environment: string }} EnvironmentApp
 */

/**
 * @param {string} [root] workspace root
 * @returns {EnvironmentApp[]} in promotion order
 */
export function listEnvironmentApps(root = workspaceRoot) {
  const appsDir = join(root, 'apps');
  if (!existsSync(appsDir)) return [];
  const apps = readdirSync(appsDir)
    .filter((name) => existsSync(join(appsDir, name, 'cdktf.json')))
    .map((name) => ({ project: name, root: `apps/${name}`, environment: environmentOf(`apps/${name}`) }))
    .filter((app) => isPromoted(app.environment));
  return sortByPromotion(apps);
}
