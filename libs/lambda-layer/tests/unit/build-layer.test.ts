import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_PACKAGES } from '../../src/index.js';
import { runBuildLayer } from './run-build-layer';
import { readZipDirectory } from '@data-platform/deterministic-zip';
import { buildTwiceForSuite } from '@data-platform/deterministic-zip/artifact-build-suite';

/** Info-ZIP is on GitHub's runners and most dev machines; without it those checks are skipped. */

interface LayerManifest {
  readonly zip: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly roots: string[];
  readonly packages: { name: string; version: string; path: string }[];
  readonly providedByRuntime: { name: string; requiredBy: string[] }[];
}

const builds = buildTwiceForSuite('build-layer-', (outDir) => runBuildLayer(outDir));
let manifest: LayerManifest;
let paths: string[];

beforeAll(async () => {
  manifest = JSON.parse(await readFile(path.join(builds.work, 'first/manifest.json'), 'utf8'));
  paths = readZipDirectory(await readFile(path.join(builds.work, 'first/layer.zip'))).map((entry) => entry.path);
});

describe('build-layer', () => {
  it('builds the layer from LAYER_PACKAGES', () => {
    expect(builds.first.stderr).toBe('');
    expect(builds.first.code).toBe(0);
    expect(manifest.roots).toEqual([...LAYER_PACKAGES]);
  });

  it('gives a byte-identical zip when built twice', async () => {
    const secondManifest: LayerManifest = JSON.parse(await readFile(path.join(builds.work, 'second/manifest.json'), 'utf8'));
    expect(builds.second.code).toBe(0);
    expect(secondManifest).toEqual(manifest);
    for (const build of ['first', 'second']) {
      const bytes = await readFile(path.join(builds.work, build, 'layer.zip'));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(manifest.sha256);
      expect(bytes.length).toBe(manifest.bytes);
    }
  });

  it('puts middy and Powertools under nodejs/node_modules', () => {
    for (const pkg of [...LAYER_PACKAGES, '@aws-lambda-powertools/commons']) {
      expect(paths).toContain(`nodejs/node_modules/${pkg}/package.json`);
    }
    expect(paths.every((entry) => entry.startsWith('nodejs/node_modules/'))).toBe(true);
  });

  it('ships no AWS SDK or Smithy package: the runtime provides them', () => {
    expect(paths.filter((entry) => /(^|\/)@(aws-sdk|smithy)\//.test(entry))).toEqual([]);
    expect(manifest.packages.filter((pkg) => /^@(aws-sdk|smithy)\//.test(pkg.name))).toEqual([]);
    // What the layer then expects from the runtime is written down, not silently assumed.
    expect(manifest.providedByRuntime.map((dep) => dep.name)).toContain('@smithy/service-error-classification');
  });

  it('drops docs, source maps and type declarations but keeps licenses', () => {
    expect(paths.filter((entry) => /\.(map|d\.ts|d\.cts|d\.mts)$|README|CHANGELOG|\/\.[^/]+$/i.test(entry))).toEqual([]);
    expect(paths.filter((entry) => /\.md$/i.test(entry) && !/LICEN[CS]E/i.test(entry))).toEqual([]);
    expect(paths).toContain('nodejs/node_modules/aws-xray-sdk-core/LICENSE');
    expect(paths.filter((entry) => /\/(test|tests|__tests__)\//.test(entry))).toEqual([]);
  });

  it('lists every package with its version and zip path', () => {
    expect(manifest.packages).toContainEqual({
      name: '@middy/core',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      path: 'nodejs/node_modules/@middy/core',
    });
    for (const pkg of manifest.packages) {
      expect(paths).toContain(`${pkg.path}/package.json`);
    }
  });

  it("agrees with an independent zip reader (Python's zipfile) about the contents and CRCs", () => {
    const check = 'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint("\\n".join(z.namelist()))';
    const listing = execFileSync('python3', ['-c', check, path.join(builds.work, 'first/layer.zip')], { encoding: 'utf8' });
    expect(listing.trim().split('\n')).toEqual(paths);
  });

  it('rejects a package with native code, since the layer targets arm64', async () => {
    // A stand-in node_modules whose middy ships a compiled addon.
    const modulesRoot = path.join(builds.work, 'native');
    for (const pkg of LAYER_PACKAGES) {
      await mkdir(path.join(modulesRoot, 'node_modules', pkg), { recursive: true });
      await writeFile(
        path.join(modulesRoot, 'node_modules', pkg, 'package.json'),
        JSON.stringify({ name: pkg, version: '1.0.0' }),
      );
    }
    await mkdir(path.join(modulesRoot, 'node_modules/@middy/core/build/Release'), { recursive: true });
    await writeFile(path.join(modulesRoot, 'node_modules/@middy/core/build/Release/addon.node'), 'ELF');
    const run = await runBuildLayer(path.join(builds.work, 'native-out'), ['--modules-root', modulesRoot]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/@middy\/core@1\.0\.0 contains native code \(build\/Release\/addon\.node\); the layer targets arm64/);
  });
});
