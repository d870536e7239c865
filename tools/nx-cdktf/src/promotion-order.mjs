// @ts-check
// The order changes travel through the environments. CI deploys in this order and stops at the
// first failure, so prod only ever receives what dev and staging already took.

/** Environment names (`context.environment` of each app's cdktf.json), earliest first. */
export const PROMOTION_ORDER = /** @type {const} */ (['dev', 'staging', 'prod']);

/**
 * Position in the promotion order; environments outside it (e.g. a preview environment) come
 * after all of them, so they can never hold up a promotion.
 * @param {string} environment
 */
export function promotionStage(environment) {
  const index = /** @type {readonly string[]} */ (PROMOTION_ORDER).indexOf(environment);
  return index === -1 ? PROMOTION_ORDER.length : index;
}

/**
 * @template {{ environment: string, project: string }} T
 * @param {T[]} items
 * @returns {T[]} a sorted copy: promotion order, then project name
 */
export function sortByPromotion(items) {
  return [...items].sort((a, b) => promotionStage(a.environment) - promotionStage(b.environment) || a.project.localeCompare(b.project));
}
