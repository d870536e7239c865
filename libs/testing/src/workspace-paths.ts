import { SynthesizedStack } from '@data-platform/constructs';
import { findWorkspaceRoot } from '@data-platform/workspace';
import { join } from 'node:path';

export const WORKSPACE_ROOT = findWorkspaceRoot(import.meta.dirname);

/** The stack an app's `synth` target wrote (the app's test target depends on it). */
export function synthesizedApp(appName: string): SynthesizedStack {
  return SynthesizedStack.fromSynthDir(join(WORKSPACE_ROOT, 'dist', 'cdktf', appName));
}
