import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the built Lambda artifacts live, for infrastructure code at synth time. Deliberately
 * imports no handler code: synthesis must not load middy, Powertools or the AWS SDK.
 */

/** Output directory of `scripts/build-handlers.mjs`, relative to the workspace root. */
export const HANDLERS_DIST_DIR = 'dist/libs/lambda-handlers';

/** The Lambda handler setting of every bundle: each exports `handler` from `index.mjs` at the zip root. */
export const HANDLER_ENTRY = 'index.handler';

/** A built handler zip. */
export interface HandlerArtifact {
  /** Absolute path of `dist/libs/lambda-handlers/<name>.zip`. */
  readonly zipPath: string;
}

const HANDLER_NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Locates the zip of handler `name` (the basename of `src/handlers/<name>.ts`); throws when it
 * has not been built, so synthesis fails with the command to run instead of a missing asset.
 */
export function handlerArtifact(workspaceRoot: string, name: string): HandlerArtifact {
  if (!HANDLER_NAME.test(name)) {
    throw new Error(`Lambda handler name "${name}" is invalid: expected the kebab-case basename of src/handlers/<name>.ts`);
  }
  const zipPath = path.resolve(workspaceRoot, HANDLERS_DIST_DIR, `${name}.zip`);
  if (!existsSync(zipPath)) {
    throw new Error(`Lambda bundle ${zipPath} is missing: run "npx nx run lambda-handlers:build"`);
  }
  return { zipPath };
}
