import { describe, expect, it } from 'vitest';
import { explainFailure, stripAnsi } from '../src/terraform-failures.mjs';

const remote = { project: 'infra-dev', environment: 'dev', offline: false };

// What terraform 1.11.4 prints when `init` of the S3 backend finds no credentials (recorded here).
const noCredentials = `Initializing the backend...
\u001b[31m╷\u001b[0m
\u001b[31m│\u001b[0m \u001b[1m\u001b[31mError: \u001b[0m\u001b[0m\u001b[1mNo valid credential sources found\u001b[0m
│
│ Please see https://developer.hashicorp.com/terraform/language/backend/s3
│ for more information about providing credentials.
│
│ Error: failed to refresh cached credentials, no EC2 IMDS role found,
│ operation error ec2imds: GetMetadata, access disabled to EC2 IMDS via client
│ option, or "AWS_EC2_METADATA_DISABLED" environment variable
╵`;

describe('explainFailure', () => {
  it('turns missing AWS credentials into one line pointing at the offline plan', () => {
    expect(explainFailure(noCredentials, remote)).toEqual({
      id: 'no-credentials',
      message: 'no AWS credentials for dev: No valid credential sources found (use -c offline to plan without AWS: npx nx run infra-dev:plan -c offline)',
    });
  });

  it('tells expired, rejected and unknown-profile credentials apart', () => {
    expect(explainFailure('Error: ExpiredToken: The security token included in the request is expired', remote)?.id).toBe('expired-credentials');
    expect(explainFailure('InvalidClientTokenId: The security token included in the request is invalid.', remote)?.id).toBe('invalid-credentials');
    expect(explainFailure('Error: failed to get shared config profile, platform-dev', remote)?.message).toContain("AWS profile 'platform-dev'");
  });

  it('explains state problems: missing bucket, held lock, stale saved plan', () => {
    expect(explainFailure('Error: S3 bucket "myapp-terraform-state" does not exist.', remote)?.message).toBe(
      "the state bucket myapp-terraform-state of dev does not exist: create it (versioned, encrypted) or fix context.backend in the app's cdktf.json",
    );
    expect(explainFailure('Error: Error acquiring the state lock\n\nLock Info:\n  ID: 1234', remote)?.id).toBe('state-locked');
    expect(explainFailure('Error: Saved plan is stale', remote)?.message).toContain('run npx nx run infra-dev:plan again');
  });

  it('says how to fill the provider mirror when a provider is missing from it, offline too', () => {
    // terraform 1.11.4 init against an empty mirror, as printed (wrapped at 80 columns).
    const output = `Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider hashicorp/aws:
provider registry.terraform.io/hashicorp/aws was not found in any of the
search locations

  - /mirror`;
    const explained = explainFailure(output, { ...remote, offline: true, mirror: '/mirror' });
    expect(explained?.message).toBe("provider hashicorp/aws is not in TF_PROVIDER_MIRROR=/mirror: fill it with 'terraform providers mirror /mirror' on a connected machine");
    expect(explainFailure(output, { ...remote, offline: true })?.message).toContain('check network access to the registry, or set TF_PROVIDER_MIRROR');
  });

  it('never blames credentials offline, and leaves unknown failures to Terraform\'s own output', () => {
    expect(explainFailure(noCredentials, { ...remote, offline: true })).toBeUndefined();
    expect(explainFailure('Error: Unsupported argument', remote)).toBeUndefined();
  });

  it('strips colour codes before matching', () => {
    expect(stripAnsi('\u001b[1m\u001b[31mError\u001b[0m')).toBe('Error');
  });
});
