import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceRoot as nearestWorkspaceRoot } from '@data-platform/constructs';

/** A problem the user can fix (bad flag, missing build): reported as one line, never a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    /** Process exit code: 2 for bad usage, 1 for a missing prerequisite. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** The nearest ancestor holding nx.json; works from the sources and from the esbuild bundle in dist/. */
export function findWorkspaceRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  try {
    return nearestWorkspaceRoot(from);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

/** One environment app, found from its cdktf.json (apps are data: nothing here lists dev/staging/prod). */
export interface EnvironmentApp {
  /** `context.environment` of the app's cdktf.json, e.g. `dev`. */
  readonly environment: string;
  /** Nx project name = directory name, e.g. `infra-dev`. */
  readonly app: string;
  /** `dist/cdktf/<app>`: where synth writes the stack. */
  readonly synthDir: string;
  /** `dist/terraform/<app>/offline/plan-summary.json`: written by `plan -c offline`. */
  readonly planSummaryFile: string;
  /** Whether the app deploys the data pipeline (the local run can run it); the shared stack does not. */
  readonly runsPipeline: boolean;
}

/**
 * Every environment app under apps/ (a cdktf.json whose context names an environment; the
 * per-account bootstrap apps name none), in promotion order when the config says so, else by name.
 */
export function environmentApps(workspaceRoot: string, env: NodeJS.ProcessEnv = process.env): EnvironmentApp[] {
  const appsDir = join(workspaceRoot, 'apps');
  // tools/nx-cdktf puts Terraform work dirs under dist/terraform unless NX_CDKTF_WORK_ROOT moves them.
  const terraformRoot = env['NX_CDKTF_WORK_ROOT'] ? resolve(env['NX_CDKTF_WORK_ROOT']) : join(workspaceRoot, 'dist', 'terraform');
  const apps = existsSync(appsDir) ? readdirSync(appsDir).filter((app) => existsSync(join(appsDir, app, 'cdktf.json'))) : [];
  const found = apps.flatMap((app) => {
    const cdktf = JSON.parse(readFileSync(join(appsDir, app, 'cdktf.json'), 'utf8')) as { context?: { environment?: unknown; bucket?: unknown } };
    const environment = cdktf.context?.environment;
    if (typeof environment !== 'string') return [];
    return {
      environment,
      app,
      // The shared stack has an offline plan but no pipeline: no data bucket in its config.
      runsPipeline: typeof cdktf.context?.bucket === 'object',
      synthDir: join(workspaceRoot, 'dist', 'cdktf', app),
      planSummaryFile: join(terraformRoot, app, 'offline', 'plan-summary.json'),
    };
  });
  const order = ['shared', 'dev', 'staging', 'prod'];
  const rank = (environment: string) => (order.includes(environment) ? order.indexOf(environment) : order.length);
  return found.sort((a, b) => rank(a.environment) - rank(b.environment) || a.environment.localeCompare(b.environment));
}

/** The app of `environment`, or a usage error naming the ones that exist. */
export function environmentApp(workspaceRoot: string, environment: string): EnvironmentApp {
  const apps = environmentApps(workspaceRoot).filter((candidate) => candidate.runsPipeline);
  const app = apps.find((candidate) => candidate.environment === environment);
  if (!app) {
    throw new UserError(`unknown environment '${environment}': expected one of ${apps.map((a) => a.environment).join(', ') || '(no apps/*/cdktf.json found)'}`, 2);
  }
  return app;
}
