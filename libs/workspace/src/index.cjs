// @ts-check
// What every tool knows about the workspace, imported through the declared dependency
// @data-platform/workspace so Nx's graph, lint boundaries and the type checker see each use.
/** @typedef {import('./environment-apps.cjs').EnvironmentApp} EnvironmentApp */

const { WORK_ROOT_VARIABLE, environmentApps, environmentOf, findEnvironmentApp, findPipelineApp, workRoot } = require('./environment-apps.cjs');
const { externalNpmPackages, nodeBundleOptions } = require('./node-bundle.cjs');
const { PROMOTION_ORDER, isPromoted, previousInPromotion, promotionStage, sortByPromotion } = require('./promotion-order.cjs');
const { UserError, runMain } = require('./user-error.cjs');
const { runBundledCli } = require('./run-bundled-cli.cjs');
const { findWorkspaceRoot } = require('./workspace-root.cjs');

module.exports = {
  PROMOTION_ORDER,
  UserError,
  WORK_ROOT_VARIABLE,
  environmentApps,
  environmentOf,
  externalNpmPackages,
  findEnvironmentApp,
  findPipelineApp,
  findWorkspaceRoot,
  isPromoted,
  nodeBundleOptions,
  previousInPromotion,
  promotionStage,
  runBundledCli,
  runMain,
  sortByPromotion,
  workRoot,
};
