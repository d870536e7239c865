import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_HANDLERS_DIR, runBuildHandlers } from './run-build-handlers';
import { readZipDirectory } from '@data-platform/deterministic-zip';
import { buildTwiceForSuite } from '@data-platform/deterministic-zip/artifact-build-suite';

/** Info-ZIP is on GitHub's runners and most dev machines; without it those checks are skipped. */

const workspaceRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

interface ManifestEntry {
  readonly zip: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly bundleBytes: number;
}

const builds = buildTwiceForSuite('build-handlers-', (outDir) => runBuildHandlers(FIXTURE_HANDLERS_DIR, outDir));

async function manifest(outDir: string): Promise<Record<string, ManifestEntry>> {
  return JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8'));
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** Writes a throwaway handlers directory holding one handler with the given source. */
async function handlersDirWith(name: string, source: string): Promise<string> {
  const dir = path.join(builds.work, `handlers-${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${name}.ts`), source);
  return dir;
}

describe('build-handlers', () => {
  it('builds one zip per handler and prints its sizes', () => {
    expect(builds.first.stderr).toBe('');
    expect(builds.first.code).toBe(0);
    expect(builds.first.stdout).toMatch(/^count-rows\s+bundle\s+[\d.]+ KB\s+zip\s+[\d.]+ KB\s+sha256 [0-9a-f]{12}$/m);
  });

  it('gives byte-identical zips when built twice, whatever the output directory', async () => {
    expect(builds.second.code).toBe(0);
    const [a, b] = [await manifest(path.join(builds.work, 'first')), await manifest(path.join(builds.work, 'second'))];
    expect(Object.keys(a)).toEqual(['count-rows']);
    expect(b).toEqual(a);
    expect(await sha256(path.join(builds.work, 'first/count-rows.zip'))).toBe(a['count-rows']?.sha256);
    expect(await sha256(path.join(builds.work, 'second/count-rows.zip'))).toBe(a['count-rows']?.sha256);
  });

  it('records zip and bundle sizes in the manifest', async () => {
    const entry = (await manifest(path.join(builds.work, 'first')))['count-rows'];
    const bundle = await readFile(path.join(builds.work, 'first/count-rows/index.mjs'));
    expect(entry).toEqual({
      zip: 'count-rows.zip',
      bytes: (await readFile(path.join(builds.work, 'first/count-rows.zip'))).length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      bundleBytes: bundle.length,
    });
  });

  it('puts index.mjs and its source map at the zip root', async () => {
    const names = readZipDirectory(await readFile(path.join(builds.work, 'first/count-rows.zip'))).map((entry) => entry.path);
    expect(names).toEqual(['index.mjs', 'index.mjs.map']);
  });

  it('keeps middy external and bundles everything else', async () => {
    const bundle = await readFile(path.join(builds.work, 'first/count-rows/index.mjs'), 'utf8');
    expect(bundle).toMatch(/from\s*"@middy\/core"/);
    expect(bundle).not.toMatch(/from\s*"csv-parse/);
    expect(bundle.trimEnd().endsWith('//# sourceMappingURL=index.mjs.map')).toBe(true);
    const map = JSON.parse(await readFile(path.join(builds.work, 'first/count-rows/index.mjs.map'), 'utf8'));
    expect(map.sourcesContent).toBeUndefined();
    expect(map.sources).toContain('libs/lambda-handlers/tests/unit/build/fixtures/handlers/count-rows.ts');
  });

  it('produces a bundle that Lambda can run as index.handler', async () => {
    const taskDir = path.join(builds.work, 'task');
    await mkdir(taskDir);
    // Extracted by an independent zip implementation (Python's zipfile), as Lambda would.
    execFileSync('python3', ['-m', 'zipfile', '-e', path.join(builds.work, 'first/count-rows.zip'), taskDir]);
    // Stands in for the layer: middy resolves from the workspace's node_modules.
    await symlink(path.join(workspaceRoot, 'node_modules'), path.join(taskDir, 'node_modules'));
    // A plain Node process, as in Lambda (importing it into vitest would go through Vite instead).
    const csv = 'transaction_id,status\r\nt1,settled\r\nt2,pending\r\nt3,settled\r\n';
    const invoke = `const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(taskDir, 'index.mjs')).href)});
      process.stdout.write(JSON.stringify(await handler(${JSON.stringify({ csv })}, {})));`;
    const output = execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', invoke], {
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({ settled: 2, pending: 1 });
  });

  it('fails when a bundle exceeds the 100 KB budget', async () => {
    // Random-looking text that minification cannot shrink, generated the same way every run.
    let blob = '';
    for (let i = 0; blob.length < 150 * 1024; i += 1) blob += createHash('sha256').update(String(i)).digest('hex');
    const dir = await handlersDirWith('too-big', `export const handler = async () => ${JSON.stringify(blob)};\n`);
    const run = await runBuildHandlers(dir, path.join(builds.work, 'too-big-out'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/too-big: bundle is 150\.\d KB \(\d+ bytes\), over the 100\.0 KB budget/);
  });

  it('fails when a handler does not export handler', async () => {
    const dir = await handlersDirWith('no-export', 'export const main = async () => 1;\n');
    const run = await runBuildHandlers(dir, path.join(builds.work, 'no-export-out'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no-export: .* must export `handler`/);
  });

  it('fails when an external import is provided by neither the runtime nor the layer', async () => {
    const dir = await handlersDirWith(
      'needs-validator',
      "import validator from '@middy/validator';\nexport const handler = async () => typeof validator;\n",
    );
    const run = await runBuildHandlers(dir, path.join(builds.work, 'needs-validator-out'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/needs-validator: imports @middy\/validator, which neither the runtime nor the layer provides/);
  });

  it('refuses to clear an output directory that holds sources', async () => {
    // A throwaway package root, so a broken guard costs nothing.
    const packageRoot = path.join(builds.work, 'some-package');
    await mkdir(packageRoot);
    await writeFile(path.join(packageRoot, 'package.json'), '{}');
    const run = await runBuildHandlers(FIXTURE_HANDLERS_DIR, packageRoot);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/refusing to clear --out-dir/);
    await expect(readFile(path.join(packageRoot, 'package.json'), 'utf8')).resolves.toBe('{}');
  });
});
