import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Node's WebAssembly global, which @types/node 20 does not declare. */
const { WebAssembly } = globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } };

const libraryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const script = path.join(libraryRoot, 'scripts/build-processor-core.mjs');

interface BuildScript {
  compileProcessorCore(): Promise<Uint8Array>;
  binaryModuleText(binary: Uint8Array): string;
  BINARY_MODULE: string;
}

describe('the committed processor core binary', () => {
  it('is what the AssemblyScript sources compile to now (else run scripts/build-processor-core.mjs)', async () => {
    const build = (await import(pathToFileURL(script).href)) as BuildScript;
    const compiled = await build.compileProcessorCore();
    expect(WebAssembly.validate(compiled)).toBe(true);
    const committed = await readFile(build.BINARY_MODULE, 'utf8');
    expect(committed === build.binaryModuleText(compiled), 'processor-core-binary.ts is stale').toBe(true);
  }, 60_000);
});
