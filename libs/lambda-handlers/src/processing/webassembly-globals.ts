/**
 * The part of the WebAssembly JavaScript API that processor-core.ts uses. Node has had it as a
 * global since v8, but @types/node 20 does not declare it (and the DOM lib is not for Lambda code).
 */
declare global {
  // A namespace, because that is how the global is shaped.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
    class Memory {
      readonly buffer: ArrayBuffer;
    }
    class Global {
      value: unknown;
    }
  }
}

export {};
