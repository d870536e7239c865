import { describe, expect, it } from 'vitest';
import { Naming, NamingError } from '../src/naming.js';

const naming = (environment: string, environmentSuffix: string) => new Naming({ project: 'myapp', environment, environmentSuffix });

describe('Naming', () => {
  it('builds {resource}-{env}-{name}-{suffix}', () => {
    expect(naming('dev', 'main').name('lambdaFunction', 'lambda', 'transform')).toBe('lambda-dev-transform-main');
  });

  it('leads bucket names with the project: myapp-{env}-data-{suffix}', () => {
    expect(naming('prod', 'pr7').bucket('data')).toBe('myapp-prod-data-pr7');
  });

  it('puts SSM parameters under /{project}/{env}/{suffix}/', () => {
    expect(naming('staging', 'main').parameterPath('outputs', 'bucket-name')).toBe('/myapp/staging/main/outputs/bucket-name');
  });

  it('fails with the length, the limit and the suffix when a name is too long', () => {
    const long = naming('staging', 'abcdefghijkl');
    expect(long.name('loadBalancer', 'alb', 'service')).toHaveLength(32);
    expect(() => long.name('loadBalancer', 'alb', 'services')).toThrow(NamingError);
    expect(() => long.name('loadBalancer', 'alb', 'services')).toThrow(
      "loadBalancer name 'alb-staging-services-abcdefghijkl' is 33 characters; AWS allows at most 32.",
    );
    expect(() => naming('staging', 'abcdefghijkl').name('iamRole', 'role', 'events-start-pipeline-with-a-very-long-name-here')).toThrow(
      /is 74 characters; AWS allows at most 64\. Shorten environmentSuffix \('abcdefghijkl', 12 characters\)/,
    );
  });

  it('rejects characters a resource kind does not allow', () => {
    expect(() => naming('dev', 'main').name('s3Bucket', 'myapp', 'Data_Lake')).toThrow(/may only contain lower-case letters/);
  });
});
