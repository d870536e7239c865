import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYER_PACKAGES, layerArtifact } from '../../src/index.js';

let workspaceRoot = '';

beforeAll(async () => {
  workspaceRoot = await mkdtemp(path.join(tmpdir(), 'layer-artifact-'));
});

afterAll(async () => {
  await rm(workspaceRoot, { recursive: true, force: true });
});

describe('layerArtifact', () => {
  it('names the build command when the layer has not been built', () => {
    const missing = path.join(workspaceRoot, 'dist/libs/lambda-layer/layer.zip');
    expect(() => layerArtifact(workspaceRoot)).toThrow(
      `Lambda layer ${missing} is missing: run "npx nx run lambda-layer:build"`,
    );
  });

  it('returns the zip path once the layer is built', async () => {
    await mkdir(path.join(workspaceRoot, 'dist/libs/lambda-layer'), { recursive: true });
    await writeFile(path.join(workspaceRoot, 'dist/libs/lambda-layer/layer.zip'), 'zip');
    expect(layerArtifact(workspaceRoot)).toEqual({
      zipPath: path.join(workspaceRoot, 'dist/libs/lambda-layer/layer.zip'),
    });
  });

  it('is built from middy, the three Powertools utilities and the PostgreSQL client only', () => {
    expect(LAYER_PACKAGES).toEqual([
      '@middy/core',
      '@aws-lambda-powertools/logger',
      '@aws-lambda-powertools/tracer',
      '@aws-lambda-powertools/metrics',
      'pg',
    ]);
  });
});
