// @ts-check
// Turns Terraform's multi-line error boxes into the one line that says what to do. Each rule is a
// pattern over the captured output (ANSI colours stripped) and the message built from it.

/**
 * @typedef {{ project: string, environment: string, offline: boolean, mirror?: string }} FailureContext
 * @typedef {{ id: string, pattern: RegExp, offlineToo?: boolean, message: (match: RegExpExecArray, context: FailureContext) => string }} FailureRule
 */

const offlineHint = (/** @type {FailureContext} */ c) => `(use -c offline to plan without AWS: npx nx run ${c.project}:plan -c offline)`;

/** @type {FailureRule[]} */
export const FAILURE_RULES = [
  {
    id: 'no-credentials',
    pattern: /No valid credential sources found|NoCredentialProviders|no EC2 IMDS role found/i,
    message: (m, c) => `no AWS credentials for ${c.environment}: ${m[0]} ${offlineHint(c)}`,
  },
  {
    id: 'expired-credentials',
    pattern: /ExpiredToken|security token included in the request is expired|SSO session (?:has )?expired|refresh cached SSO token failed/i,
    message: (_m, c) => `the AWS credentials for ${c.environment} have expired: sign in again (aws sso login / a fresh session) ${offlineHint(c)}`,
  },
  {
    id: 'invalid-credentials',
    pattern: /InvalidClientTokenId|security token included in the request is invalid|SignatureDoesNotMatch/i,
    message: (_m, c) => `the AWS credentials for ${c.environment} were rejected (invalid key or token) ${offlineHint(c)}`,
  },
  {
    id: 'missing-profile',
    pattern: /failed to get shared config profile,\s*(\S+)/i,
    message: (m, c) => `AWS profile '${m[1]}' (AWS_PROFILE) does not exist for ${c.environment} ${offlineHint(c)}`,
  },
  {
    id: 'state-bucket-missing',
    pattern: /S3 bucket "?([\w.-]+)"? does not exist|NoSuchBucket/i,
    message: (m, c) => `the state bucket${m[1] ? ` ${m[1]}` : ''} of ${c.environment} does not exist: create it (versioned, encrypted) or fix context.backend in the app's cdktf.json`,
  },
  {
    id: 'state-locked',
    pattern: /Error acquiring the state lock/i,
    message: (_m, c) => `the state of ${c.environment} is locked by another run: wait for it, or if it died, 'terraform force-unlock <ID>' in dist/terraform/${c.project}/remote`,
  },
  {
    id: 'stale-plan',
    pattern: /Saved plan is stale/i,
    message: (_m, c) => `the saved plan of ${c.environment} is stale (the state changed after it was made): run npx nx run ${c.project}:plan again`,
  },
  {
    id: 'access-denied',
    pattern: /AccessDenied|is not authorized to perform: ([\w:*-]+)/i,
    message: (m, c) => `access denied in ${c.environment}${m[1] ? ` (${m[1]})` : ''}: the role in use lacks a permission the plan needs`,
  },
  {
    id: 'provider-not-in-mirror',
    offlineToo: true,
    pattern: /provider ([\w./-]+) was not found in any of the search locations|could not retrieve the list of available versions for provider ([\w./-]+)/i,
    message: (m, c) =>
      c.mirror
        ? `provider ${m[1] ?? m[2]} is not in TF_PROVIDER_MIRROR=${c.mirror}: fill it with 'terraform providers mirror ${c.mirror}' on a connected machine`
        : `provider ${m[1] ?? m[2]} could not be installed: check network access to the registry, or set TF_PROVIDER_MIRROR to a local mirror`,
  },
];

/** @param {string} text */
export function stripAnsi(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

/**
 * The one line explaining a failed Terraform command, or undefined when no rule knows it (the
 * output then stands as printed). AWS rules are skipped offline: there any AWS error is a bug in
 * the offline override, not something the user's credentials can fix.
 * @param {string} output stdout+stderr of the failed command
 * @param {FailureContext} context
 * @returns {{ id: string, message: string } | undefined}
 */
export function explainFailure(output, context) {
  // Terraform wraps its messages at 80 columns; one space per gap makes them matchable.
  const text = stripAnsi(output).replace(/[\s│╷╵]+/g, ' ');
  for (const rule of FAILURE_RULES) {
    if (context.offline && !rule.offlineToo) continue;
    const match = rule.pattern.exec(text);
    if (match) return { id: rule.id, message: rule.message(match, context) };
  }
  return undefined;
}
