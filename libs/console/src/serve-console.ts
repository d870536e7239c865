import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { consoleApp, type ConsoleOptions } from './console-app.js';

export interface RunningConsole {
  /** `http://127.0.0.1:<port>` (or the host given). */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the console over HTTP on `port` (0 picks a free one); resolves once it listens. */
export async function serveConsole(options: ConsoleOptions, listen: { readonly port: number; readonly hostname?: string }): Promise<RunningConsole> {
  const hostname = listen.hostname ?? '127.0.0.1';
  const app = consoleApp(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: listen.port, hostname }, (info: AddressInfo) => {
      resolve({
        url: `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`,
        close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
      });
    });
    server.once('error', reject);
  });
}
