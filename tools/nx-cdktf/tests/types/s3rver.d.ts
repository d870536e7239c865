// s3rver ships no type declarations; these cover what the fake AWS of the runner tests uses.
declare module 's3rver' {
  interface S3rverOptions {
    readonly address?: string;
    readonly port?: number;
    readonly directory?: string;
    readonly silent?: boolean;
    /** Host suffix of virtual-host requests: `<bucket>.s3.<serviceEndpoint>`. */
    readonly serviceEndpoint?: string;
    readonly configureBuckets?: ReadonlyArray<{ readonly name: string }>;
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
