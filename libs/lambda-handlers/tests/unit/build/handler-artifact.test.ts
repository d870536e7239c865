import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerArtifact } from '../../../src/artifacts.js';

let workspaceRoot = '';

beforeAll(async () => {
  workspaceRoot = await mkdtemp(path.join(tmpdir(), 'handler-artifact-'));
  await mkdir(path.join(workspaceRoot, 'dist/libs/lambda-handlers'), { recursive: true });
  await writeFile(path.join(workspaceRoot, 'dist/libs/lambda-handlers/transform-object.zip'), 'zip');
});

afterAll(async () => {
  await rm(workspaceRoot, { recursive: true, force: true });
});

describe('handlerArtifact', () => {
  it('returns the absolute zip path', () => {
    expect(handlerArtifact(workspaceRoot, 'transform-object')).toEqual({
      zipPath: path.join(workspaceRoot, 'dist/libs/lambda-handlers/transform-object.zip'),
    });
  });

  it('names the build command when the zip has not been built', () => {
    const missing = path.join(workspaceRoot, 'dist/libs/lambda-handlers/validate-object.zip');
    expect(() => handlerArtifact(workspaceRoot, 'validate-object')).toThrow(
      `Lambda bundle ${missing} is missing: run "npx nx run lambda-handlers:build"`,
    );
  });

  it('rejects names that are not a handler file basename', () => {
    expect(() => handlerArtifact(workspaceRoot, '../secrets')).toThrow(/handler name "\.\.\/secrets" is invalid/);
  });
});
