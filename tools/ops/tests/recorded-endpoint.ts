import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded exchange of an AWS JSON-protocol service (Step Functions, SSM). */
export interface Recording {
  /** `X-Amz-Target`, e.g. `AWSStepFunctions.ListExecutions`. */
  readonly target: string;
  /** The request body fields that must match for this recording to answer. */
  readonly request: Record<string, unknown>;
  readonly status: number;
  /** The response body as the service sends it (errors carry `__type`). */
  readonly response: Record<string, unknown>;
}

/**
 * A loopback HTTP endpoint that speaks the AWS JSON 1.0/1.1 protocol from recordings: it answers
 * a POST with the recording whose target and request fields match, and fails the request loudly
 * otherwise, so a test sees exactly what the client sent. Not a mock of the SDK client: the real
 * client serializes, signs, sends and parses.
 */
export class RecordedEndpoint {
  readonly requests: Array<{ target: string; body: Record<string, unknown> }> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(recordings: readonly Recording[]): Promise<RecordedEndpoint> {
    let endpoint: RecordedEndpoint | undefined = undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        endpoint!.requests.push({ target, body });
        const match = recordings.find(
          (r) => r.target === target && Object.entries(r.request).every(([key, value]) => JSON.stringify(body[key]) === JSON.stringify(value)),
        );
        const contentType = target.startsWith('AmazonSSM') ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0';
        if (!match) {
          res.writeHead(500, { 'content-type': contentType });
          res.end(JSON.stringify({ __type: 'NoRecording', message: `no recording for ${target} ${JSON.stringify(body)}` }));
          return;
        }
        res.writeHead(match.status, { 'content-type': contentType, 'x-amzn-requestid': 'recorded' });
        res.end(JSON.stringify(match.response));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = new RecordedEndpoint(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return endpoint;
  }

  static recordings(file: URL): Recording[] {
    return JSON.parse(readFileSync(file, 'utf8')) as Recording[];
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
