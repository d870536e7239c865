import { DockerfileParser, type Copy, type From } from 'dockerfile-ast';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// No Docker engine here: the Dockerfile is checked by parsing it (dockerfile-ast, the parser
// behind the Dockerfile language server), rule by rule, as hadolint would.
const dir = join(import.meta.dirname, '..');
const dockerfile = DockerfileParser.parse(readFileSync(join(dir, 'Dockerfile'), 'utf8'));
const froms = dockerfile.getFROMs();
const runtime = froms[froms.length - 1]!;
const stageOf = (line: number): From => [...froms].reverse().find((from) => from.getRange().start.line <= line)!;
const inRuntime = dockerfile.getInstructions().filter((i) => stageOf(i.getRange().start.line) === runtime);
const keyword = (k: string) => inRuntime.filter((i) => i.getKeyword() === k);

describe('the console Dockerfile', () => {
  it('is multi-stage: a build stage, then a runtime stage that only copies the bundle', () => {
    expect(froms.map((f) => f.getBuildStage())).toEqual(['build', 'runtime']);
    expect(keyword('RUN')).toEqual([]);
    const copies = keyword('COPY') as Copy[];
    expect(copies.map((c) => [c.getFromFlag()?.getValue(), c.getArgumentsContent()])).toEqual([
      ['build', '/workspace/dist/apps/console/server.mjs /workspace/dist/apps/console/rds-global-bundle.pem /app/'],
    ]);
  });

  it('pins every base image to an explicit tag, never latest', () => {
    for (const from of froms) {
      expect(from.getImageTag(), from.getImageName() ?? '').toBeTruthy();
      expect(from.getImageTag()).not.toBe('latest');
    }
  });

  it('runs arm64 (Graviton Fargate) on a small image without a shell or package manager', () => {
    expect(runtime.getPlatformFlag()?.getValue()).toBe('linux/arm64');
    expect(runtime.getImageName()).toBe('distroless/nodejs22-debian12');
    // The build stage runs natively on the builder: the bundle is platform-independent JavaScript.
    expect(froms[0]!.getPlatformFlag()?.getValue()).toBe('$BUILDPLATFORM');
  });

  it('carries the RDS certificate bundle where the task definition points NODE_EXTRA_CA_CERTS', () => {
    const construct = readFileSync(join(dir, '..', '..', 'libs', 'constructs', 'src', 'service', 'console-service.ts'), 'utf8');
    expect(construct).toContain("CONSOLE_RDS_CA_BUNDLE = '/app/rds-global-bundle.pem'");
    const add = dockerfile.getInstructions().find((i) => i.getKeyword() === 'ADD')!;
    expect(add.getArgumentsContent()).toBe('https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /workspace/dist/apps/console/rds-global-bundle.pem');
  });

  it('runs as a non-root user, with the uid the task definition asks for', () => {
    const [user] = keyword('USER');
    expect(user!.getArgumentsContent()).toBe('65532:65532');
    const construct = readFileSync(join(dir, '..', '..', 'libs', 'constructs', 'src', 'service', 'console-service.ts'), 'utf8');
    expect(construct).toContain("user: '65532:65532'");
  });

  it('starts the bundle in exec form on the port the service config defaults to', () => {
    expect(keyword('CMD').map((c) => c.getArgumentsContent())).toEqual(['["/app/server.mjs"]']);
    expect(keyword('EXPOSE').map((e) => e.getArgumentsContent())).toEqual(['8080']);
  });

  it('writes nothing at run time (read-only root filesystem): no VOLUME, and the build installs reproducibly', () => {
    expect(keyword('VOLUME')).toEqual([]);
    const [install] = dockerfile.getInstructions().filter((i) => i.getKeyword() === 'RUN');
    expect(install!.getArgumentsContent()).toMatch(/^npm ci .*--ignore-scripts/);
  });

  it('keeps node_modules, dist and .git out of the build context', () => {
    const ignored = readFileSync(join(dir, 'Dockerfile.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', '**/node_modules', 'dist']) expect(ignored).toContain(entry);
  });
});
