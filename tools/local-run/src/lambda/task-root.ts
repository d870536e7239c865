import { existsSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { unzip } from './unzip.js';

/** Where one function's code, layers and /tmp live locally (Lambda's /var/task, /opt and /tmp). */
export interface TaskRoot {
  /** The code zip, extracted: LAMBDA_TASK_ROOT. */
  readonly taskDir: string;
  /** The layers, extracted in order: what Lambda mounts at /opt. */
  readonly optDir: string;
  /** Private scratch space: TMPDIR. */
  readonly tmpDir: string;
}

/**
 * Packages the nodejs22.x runtime itself provides (the layer build leaves them out on purpose);
 * locally they come from the workspace's node_modules.
 */
export const RUNTIME_PROVIDED_SCOPES = ['@aws-sdk', '@smithy'] as const;

/**
 * Lays out functions the way Lambda runs them, so a bundle resolves exactly what it would in
 * AWS: its own files, then the layers' `nodejs/node_modules`, then the runtime's AWS SDK, and
 * nothing else (a dependency missing from the layer fails here as it would in AWS).
 * Functions with the same layers share one extracted /opt.
 */
export class TaskRoots {
  private readonly opts = new Map<string, Promise<string>>();
  private count = 0;

  constructor(
    private readonly workDir: string,
    /** node_modules holding the runtime-provided scopes. */
    private readonly runtimeModulesDir: string,
  ) {}

  async prepare(name: string, codeZip: string, layerZips: readonly string[]): Promise<TaskRoot> {
    const base = join(this.workDir, 'functions', name);
    const taskDir = join(base, 'var', 'task');
    const tmpDir = join(base, 'tmp');
    await Promise.all([mkdir(taskDir, { recursive: true }), mkdir(tmpDir, { recursive: true })]);
    const [optDir] = await Promise.all([this.opt(layerZips), unzip(codeZip, taskDir)]);
    // Node's ESM resolver ignores NODE_PATH, which is how Lambda exposes /opt to CommonJS: a
    // node_modules link beside the code gives import the same view.
    await symlink(join(optDir, 'nodejs', 'node_modules'), join(taskDir, 'node_modules'), 'junction');
    return { taskDir, optDir, tmpDir };
  }

  private opt(layerZips: readonly string[]): Promise<string> {
    const key = layerZips.join('\n');
    let opt = this.opts.get(key);
    if (!opt) {
      opt = this.extractLayers(join(this.workDir, 'opt', String(this.count++)), layerZips);
      this.opts.set(key, opt);
    }
    return opt;
  }

  private async extractLayers(optDir: string, layerZips: readonly string[]): Promise<string> {
    const modules = join(optDir, 'nodejs', 'node_modules');
    await mkdir(modules, { recursive: true });
    // In order: a later layer's file replaces an earlier one's, as in Lambda.
    for (const zip of layerZips) await unzip(zip, optDir);
    for (const scope of RUNTIME_PROVIDED_SCOPES) {
      const source = join(this.runtimeModulesDir, scope);
      if (existsSync(source) && !existsSync(join(modules, scope))) await symlink(source, join(modules, scope), 'junction');
    }
    return optDir;
  }
}
