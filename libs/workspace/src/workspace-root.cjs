// @ts-check
// The workspace root: the nearest directory holding nx.json. Found from a starting directory
// rather than from this file's location, so it also works from a bundle in dist/.
const { existsSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');
const { UserError } = require('./user-error.cjs');

/**
 * @param {string} from a directory inside the workspace (a caller's own directory, or the cwd)
 * @returns {string} absolute path
 */
function findWorkspaceRoot(from) {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new UserError(`no nx.json above ${resolve(from)}: run this from inside the workspace`);
  }
}

module.exports = { findWorkspaceRoot };
