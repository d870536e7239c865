import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/**
 * A real S3 API (s3rver) holding a state bucket, and an STS endpoint answering GetCallerIdentity
 * for a chosen account: enough for Terraform's S3 backend, the AWS provider's account check and
 * the runner's own account lookup, all on loopback. Terraform's S3 client addresses buckets by
 * virtual host (`<bucket>.s3.internal`); HTTP_PROXY sends those requests to s3rver, which maps
 * the host back to the bucket. Loopback addresses (the STS endpoint) bypass the proxy.
 */
export class FakeAws {
  account = '111111111111';
  private s3: S3rver | undefined;
  private sts: Server | undefined;
  private readonly directory = mkdtempSync(join(tmpdir(), 'nx-cdktf-s3-'));
  private ports = { s3: 0, sts: 0 };

  /** @param otherBuckets state buckets of other stacks the stack reads through remote state */
  constructor(
    private readonly bucket: string,
    private readonly otherBuckets: readonly string[] = [],
  ) {}

  async start(): Promise<void> {
    this.s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: this.directory, serviceEndpoint: 'internal', configureBuckets: [this.bucket, ...this.otherBuckets].map((name) => ({ name })) });
    const { port } = await this.s3.run();
    this.ports.s3 = port;
    this.sts = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.setHeader('content-type', 'text/xml');
        response.end(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
            `<Arn>arn:aws:sts::${this.account}:assumed-role/ci/test</Arn><UserId>AROATEST:test</UserId><Account>${this.account}</Account>` +
            `</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      });
    });
    await new Promise<void>((resolve) => this.sts!.listen(0, '127.0.0.1', resolve));
    this.ports.sts = (this.sts.address() as { port: number }).port;
  }

  /** Credentials and endpoints for a child process (Terraform, the runner). */
  env(): Record<string, string> {
    return {
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_S3: `http://s3.internal:${this.ports.s3}`,
      AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${this.ports.sts}`,
      HTTP_PROXY: `http://127.0.0.1:${this.ports.s3}`,
    };
  }

  /** Puts an object into the state bucket (or another of the buckets) through the S3 API. */
  async put(key: string, body: string, bucket: string = this.bucket): Promise<void> {
    const client = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${this.ports.s3}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    client.destroy();
  }

  async stop(): Promise<void> {
    await this.s3?.close();
    await new Promise<void>((resolve) => (this.sts ? this.sts.close(() => resolve()) : resolve()));
    rmSync(this.directory, { recursive: true, force: true });
  }
}
