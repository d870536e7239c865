import { policyDocument } from '../iam/policy-document.js';

/** GitHub Actions' OIDC issuer (token.actions.githubusercontent.com). */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** The repository whose workflows may assume a role. */
export interface GithubRepository {
  readonly owner: string;
  readonly repository: string;
}

/**
 * The `sub` claims GitHub puts in a job's token: a pull request, a branch, or a GitHub environment
 * (a job that names `environment:` gets that one, whatever its branch).
 */
export const githubSubject = {
  pullRequest: (repo: GithubRepository) => `repo:${repo.owner}/${repo.repository}:pull_request`,
  branch: (repo: GithubRepository, branch: string) => `repo:${repo.owner}/${repo.repository}:ref:refs/heads/${branch}`,
  environment: (repo: GithubRepository, environment: string) => `repo:${repo.owner}/${repo.repository}:environment:${environment}`,
};

/**
 * Trust policy for GitHub's OIDC tokens: audience sts.amazonaws.com and exactly the listed
 * subjects (StringEquals, never a wildcard, so no other repository, branch or environment fits).
 */
export function githubTrustPolicy(oidcProviderArn: string, subjects: readonly string[]): string {
  return policyDocument([
    {
      actions: ['sts:AssumeRoleWithWebIdentity'],
      principals: { Federated: oidcProviderArn },
      conditions: {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_HOST}:sub`]: [...subjects] },
      },
    },
  ]);
}
