// The emulators ship no type declarations; these cover what emulator-host.mjs uses.

declare module 's3rver' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface S3rverOptions {
    readonly directory?: string;
    readonly silent?: boolean;
    readonly vhostBuckets?: boolean;
    readonly resetOnClose?: boolean;
  }

  /** A Koa application; `callback()` is its Node request listener. */
  export default class S3rver {
    constructor(options?: S3rverOptions);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}

declare module 'dynalite' {
  import type { Server } from 'node:http';

  interface DynaliteOptions {
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
    /** LevelDB directory; in memory when omitted. */
    readonly path?: string;
  }

  /** An HTTP server (not yet listening) whose `request` listener is the DynamoDB API. */
  export default function dynalite(options?: DynaliteOptions): Server;
}
