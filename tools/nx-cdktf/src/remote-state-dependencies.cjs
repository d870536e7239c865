// @ts-check
// Which apps an app reads through terraform_remote_state: the environments named in its cdktf.json
// `context.remoteStates` (shared for every environment, prod for a staging clone). The plugin turns
// them into static Nx dependencies, so `nx affected` and `nx graph` see shared → environments, and
// a change to prod's config reaches staging only while staging reads prod.

/**
 * @typedef {{ project: string, environment: string, remoteStates: string[] }} StateReader
 */

/**
 * @param {unknown} context the `context` of an app's cdktf.json
 * @returns {string[]} environments whose state the app reads
 */
function remoteStatesOf(context) {
  const states = /** @type {{ remoteStates?: unknown } | undefined} */ (context)?.remoteStates;
  return states && typeof states === 'object' ? Object.keys(states) : [];
}

/**
 * @param {StateReader[]} apps every app with a cdktf.json
 * @returns {{ source: string, target: string }[]} reader → app that owns the state
 */
function remoteStateEdges(apps) {
  return apps.flatMap((reader) =>
    reader.remoteStates.map((environment) => {
      const owner = apps.find((app) => app.environment === environment);
      if (!owner) throw new Error(`${reader.project}: cdktf.json context.remoteStates.${environment} names no app (no apps/*/cdktf.json has environment "${environment}")`);
      return { source: reader.project, target: owner.project };
    }),
  );
}

module.exports = { remoteStatesOf, remoteStateEdges };
