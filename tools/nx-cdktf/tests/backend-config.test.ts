import { describe, expect, it } from 'vitest';
import { readS3Backend } from '../src/backend-config.mjs';

const synthesized = {
  terraform: {
    backend: { s3: { bucket: 'myapp-terraform-state', key: 'myapp/dev/DataPipeline-Dev-Stack.tfstate', region: 'us-east-1', encrypt: true, use_lockfile: true } },
  },
};
const withS3 = (s3: Record<string, unknown>) => ({ terraform: { backend: { s3: { ...synthesized.terraform.backend.s3, ...s3 } } } });

describe('readS3Backend', () => {
  it('takes bucket, key and region from the synthesized backend', () => {
    expect(readS3Backend(synthesized, 'dev')).toEqual({
      bucket: 'myapp-terraform-state',
      key: 'myapp/dev/DataPipeline-Dev-Stack.tfstate',
      region: 'us-east-1',
      encrypt: true,
      useLockfile: true,
    });
  });

  it('refuses a stack without an S3 backend', () => {
    expect(() => readS3Backend({ terraform: { backend: { local: {} } } }, 'dev')).toThrow('the synthesized stack of dev has a local backend, expected s3');
    expect(() => readS3Backend({}, 'dev')).toThrow('has no backend');
  });

  it('refuses an incomplete, unencrypted or unlocked backend', () => {
    expect(() => readS3Backend(withS3({ bucket: '' }), 'dev')).toThrow("the S3 backend of dev lacks bucket: set context.backend in the app's cdktf.json");
    expect(() => readS3Backend(withS3({ encrypt: false }), 'dev')).toThrow('must set encrypt = true');
    expect(() => readS3Backend(withS3({ use_lockfile: undefined }), 'dev')).toThrow('must set use_lockfile = true');
  });
});
