import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { affectedEnvironments } from '../src/affected-environments.mjs';
import { refineAffected } from '../src/affected-filter.mjs';
import { WORKSPACE_ROOT, nx, nxAsync } from './support/workspace.js';

const ENVIRONMENTS = ['infra-dev', 'infra-staging', 'infra-prod'];
const LIBS = ['config', 'constructs', 'lambda-handlers', 'lambda-layer'];
const FILES = {
  appConfig: 'apps/infra-staging/cdktf.json',
  sharedConfig: 'apps/infra-shared/cdktf.json',
  prodConfig: 'apps/infra-prod/cdktf.json',
  /** Bootstraps prod's account: prod and the shared stack, which lives there. */
  sharedBootstrapConfig: 'apps/infra-bootstrap-prod/cdktf.json',
  handler: 'libs/lambda-handlers/src/index.ts',
  handlerBuild: 'libs/lambda-handlers/scripts/build-handlers.mjs',
  layer: 'libs/lambda-layer/src/index.ts',
  config: 'libs/config/src/index.ts',
  constructs: 'libs/constructs/src/index.ts',
  readme: 'README.md',
  testFile: 'libs/constructs/tests/environment-stack.test.ts',
  newTestFile: 'libs/constructs/tests/x.test.ts', // not on disk: judged by where it lives
  appTestFile: 'apps/infra-prod/tests/prod-stack.test.ts',
  testHelper: 'libs/testing/src/index.ts',
  plugin: 'tools/nx-cdktf/plugin.cjs',
  synthModule: 'libs/workspace/src/node-bundle.cjs',
};

/** `nx show projects --affected --files=<file> --json` per file, and each environment's synth inputs. */
const affected: Record<string, string[]> = {};
const synthInputs: Record<string, string[]> = {};

beforeAll(async () => {
  // --files works on any tree, committed or not, so the answers do not depend on git state.
  await Promise.all([
    ...Object.values(FILES).map(async (file) => {
      affected[file] = JSON.parse(await nxAsync(['show', 'projects', '--affected', `--files=${file}`, '--json']));
    }),
    ...ENVIRONMENTS.map(async (project) => {
      synthInputs[project] = JSON.parse(await nxAsync(['show', 'target', 'inputs', `${project}:synth`, '--json'])).files;
    }),
  ]);
}, 120_000);

const environmentsIn = (projects: string[]) => ENVIRONMENTS.filter((e) => projects.includes(e));
/** What CI deploys: Nx's affected environments narrowed to those whose synth reads the file. */
const deployed = (file: string) =>
  refineAffected({ candidates: environmentsIn(affected[file]!), changedFiles: [file], inputFiles: synthInputs, exists: (path) => existsSync(join(WORKSPACE_ROOT, path)) })
    .filter((v) => v.affected)
    .map((v) => v.project);

describe('affected environments', () => {
  it("a change to the bootstrap of the shared stack's account (prod's) affects that bootstrap alone, no stack it serves", () => {
    expect(affected[FILES.sharedBootstrapConfig]!.filter((p) => p.startsWith('infra-'))).toEqual(['infra-bootstrap-prod']);
    expect(deployed(FILES.sharedBootstrapConfig)).toEqual([]);
  });

  it("a change to one app's cdktf.json affects that environment only", () => {
    expect(environmentsIn(affected[FILES.appConfig]!)).toEqual(['infra-staging']);
    expect(affected[FILES.appConfig]!.filter((p) => LIBS.includes(p))).toEqual([]);
    expect(deployed(FILES.appConfig)).toEqual(['infra-staging']);
  });

  it("a change to the shared app's config affects shared and the three environments that read its state", () => {
    expect(affected[FILES.sharedConfig]).toEqual(expect.arrayContaining(['infra-shared', ...ENVIRONMENTS]));
    expect(affected[FILES.sharedConfig]!.filter((p) => LIBS.includes(p))).toEqual([]);
  });

  it("a change to prod's config alone affects prod alone: staging reads prod's state only when it clones prod's database", () => {
    // The parity check reads every environment's config, so it runs again; no other stack does.
    expect(affected[FILES.prodConfig]!.filter((p) => p.startsWith('infra-'))).toEqual(['infra-prod']);
    expect(deployed(FILES.prodConfig)).toEqual(['infra-prod']);
  });

  it.each([
    [FILES.handler, 'lambda-handlers'],
    [FILES.handlerBuild, 'lambda-handlers'],
    [FILES.layer, 'lambda-layer'],
    [FILES.config, 'config'],
    [FILES.constructs, 'constructs'],
  ])('a change to %s affects %s and all three environments', (file, lib) => {
    expect(affected[file]).toContain(lib);
    expect(environmentsIn(affected[file]!)).toEqual(ENVIRONMENTS);
    expect(deployed(file)).toEqual(ENVIRONMENTS);
  });

  it.each([FILES.plugin, FILES.synthModule])('a change to %s, which the synth executes, affects and deploys every environment', (file) => {
    expect(environmentsIn(affected[file]!)).toEqual(ENVIRONMENTS);
    expect(deployed(file)).toEqual(ENVIRONMENTS);
  });

  it('a change to the test helpers (a devDependency of the apps) deploys no environment', () => {
    expect(deployed(FILES.testHelper)).toEqual([]);
  });

  it('a change to README.md affects no project at all', () => {
    expect(affected[FILES.readme]).toEqual([]);
  });

  it('a change to a test file deploys no environment', async () => {
    // Tests live in their project (tests/ beside src/), and Nx's affected set is per project: it
    // lists constructs and, through it, every environment (their tests run again, as they
    // should). What CI deploys is narrowed to environments whose synth inputs, the `production`
    // named inputs of the app and of every lib it runs, hold a changed file: tests are not among them.
    expect(affected[FILES.testFile]).toContain('constructs');
    // Nx 23 narrows `--affected -t <target>` to the projects that have the target, not by its
    // inputs: the environments stay listed for plan (the README's "Test-only changes deploy nothing").
    const withPlan = JSON.parse(await nxAsync(['show', 'projects', '--affected', '-t', 'plan', `--files=${FILES.testFile}`, '--json'])) as string[];
    expect(environmentsIn(withPlan)).toEqual(ENVIRONMENTS);
    for (const environment of ENVIRONMENTS) expect(synthInputs[environment]).not.toContain(FILES.testFile);
    const { environments } = await affectedEnvironments({ files: [FILES.testFile] });
    expect(environments).toEqual([]);
    expect(deployed(FILES.testFile)).toEqual([]);
    expect(deployed(FILES.newTestFile)).toEqual([]);
    expect(deployed(FILES.appTestFile)).toEqual([]);
  }, 60_000);
});

describe('project graph', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nx-cdktf-graph-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links every environment to the libs it builds from, through real imports', () => {
    nx(['graph', `--file=${join(dir, 'graph.json')}`]);
    const { graph } = JSON.parse(readFileSync(join(dir, 'graph.json'), 'utf8')) as { graph: { dependencies: Record<string, { target: string; type: string }[]> } };
    const staticDeps = (project: string) => (graph.dependencies[project] ?? []).filter((d) => d.type === 'static').map((d) => d.target);
    const closure = (project: string, seen = new Set<string>()): Set<string> => {
      for (const dep of staticDeps(project)) if (!seen.has(dep)) closure(dep, seen.add(dep));
      return seen;
    };
    for (const environment of ENVIRONMENTS) {
      expect(staticDeps(environment)).toContain('constructs');
      expect([...closure(environment)]).toEqual(expect.arrayContaining(LIBS));
    }
    expect(staticDeps('constructs')).toEqual(expect.arrayContaining(['config', 'lambda-handlers', 'lambda-layer']));
    // shared → environments: each environment reads the shared stack's state (cdktf.json remoteStates).
    for (const environment of ENVIRONMENTS) expect(staticDeps(environment)).toContain('infra-shared');
    expect(staticDeps('infra-shared')).not.toEqual(expect.arrayContaining(['infra-dev']));
  });

  it('builds the handler bundles and the layer before synthesizing an environment', () => {
    nx(['run', 'infra-prod:synth', `--graph=${join(dir, 'tasks.json')}`]);
    const { tasks } = JSON.parse(readFileSync(join(dir, 'tasks.json'), 'utf8')) as { tasks: { dependencies: Record<string, string[]> } };
    expect(tasks.dependencies['infra-prod:synth']).toEqual(expect.arrayContaining(['lambda-handlers:build', 'lambda-layer:build']));
  });

  it('nx affected -t deploy runs shared, dev, then staging, then prod, even when only prod changed', () => {
    nx(['affected', '-t', 'deploy', `--files=apps/infra-prod/cdktf.json`, `--graph=${join(dir, 'deploy.json')}`]);
    const { tasks } = JSON.parse(readFileSync(join(dir, 'deploy.json'), 'utf8')) as { tasks: { dependencies: Record<string, string[]> } };
    expect(tasks.dependencies['infra-prod:deploy']).toEqual(expect.arrayContaining(['infra-prod:synth', 'infra-staging:deploy']));
    expect(tasks.dependencies['infra-staging:deploy']).toEqual(expect.arrayContaining(['infra-staging:synth', 'infra-dev:deploy']));
    expect(tasks.dependencies['infra-dev:deploy']).toEqual(expect.arrayContaining(['infra-dev:synth', 'infra-shared:deploy']));
    expect(tasks.dependencies['infra-shared:deploy']).toEqual(['infra-shared:synth']);
  });

  it('refuses a configuration a target does not have, in one line, before running anything', () => {
    const result = spawnSync(join(WORKSPACE_ROOT, 'node_modules', '.bin', 'nx'), ['run', 'infra-prod:deploy', '-c', 'offline', '--outputStyle=static'], {
      cwd: WORKSPACE_ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain("target 'deploy' has no configuration 'offline' (it has none); nothing was run");
    expect(result.stdout + result.stderr).not.toContain('nx run infra-prod:deploy');
  });
});
