// @ts-check
// The order changes travel through the environments. Deploys run in this order (the plugin makes
// each environment's deploy depend on the previous one's) and stop at the first failure, so prod
// only ever receives what dev and staging already took. CommonJS: the plugin (CommonJS, loaded by
// Nx) and the ESM runners both import it.

/**
 * Environment names (`context.environment` of each app's cdktf.json), earliest first. The shared
 * stack leads: every environment reads its outputs through remote state.
 */
const PROMOTION_ORDER = /** @type {const} */ (['shared', 'dev', 'staging', 'prod']);

/**
 * Position in the promotion order; environments outside it (e.g. a preview environment) come
 * after all of them, so they can never hold up a promotion.
 * @param {string} environment
 */
function promotionStage(environment) {
  const index = /** @type {readonly string[]} */ (PROMOTION_ORDER).indexOf(environment);
  return index === -1 ? PROMOTION_ORDER.length : index;
}

/** @param {string} environment */
function isPromoted(environment) {
  return /** @type {readonly string[]} */ (PROMOTION_ORDER).includes(environment);
}

/**
 * @template {{ environment: string, project: string }} T
 * @param {T[]} items
 * @returns {T[]} a sorted copy: promotion order, then project name
 */
function sortByPromotion(items) {
  return [...items].sort((a, b) => promotionStage(a.environment) - promotionStage(b.environment) || a.project.localeCompare(b.project));
}

/**
 * The app whose deploy must succeed before this one's: the nearest earlier promoted environment.
 * @template {{ environment: string, project: string }} T
 * @param {T} app
 * @param {T[]} apps every environment app
 * @returns {T | undefined}
 */
function previousInPromotion(app, apps) {
  if (!isPromoted(app.environment)) return undefined;
  const earlier = apps.filter((other) => isPromoted(other.environment) && promotionStage(other.environment) < promotionStage(app.environment));
  return sortByPromotion(earlier).at(-1);
}

module.exports = { PROMOTION_ORDER, isPromoted, previousInPromotion, promotionStage, sortByPromotion };
