import type { GovernanceRule } from './rule.js';

/** Attributes that hold an IAM-style policy document, per resource type. */
const POLICY_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_iam_role: ['assume_role_policy'],
  aws_iam_role_policy: ['policy'],
  aws_iam_policy: ['policy'],
  aws_kms_key: ['policy'],
  aws_s3_bucket_policy: ['policy'],
  aws_sns_topic_policy: ['policy'],
  aws_sqs_queue_policy: ['policy'],
};

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
}

/**
 * Least privilege (seed 004): no `*` anywhere in an allowed action, and no NotAction (an implicit
 * wildcard). Deny statements are exempt: a TLS-only deny must cover `s3:*` (SPEC §3.8).
 */
export const noIamWildcardAction: GovernanceRule = {
  id: 'no-iam-wildcard-action',
  description: 'IAM policies list their actions explicitly',
  scannerIds: ['CKV_AWS_63', 'CKV_AWS_355', 'AVD-AWS-0057'],
  check(resource) {
    const problems: string[] = [];
    for (const attribute of POLICY_ATTRIBUTES[resource.type] ?? []) {
      const text = resource.config[attribute];
      if (typeof text !== 'string') continue;
      let document: { Statement?: Statement | Statement[] };
      try {
        document = JSON.parse(text) as typeof document;
      } catch {
        problems.push(`${attribute} is not a JSON policy document, so its actions cannot be checked`);
        continue;
      }
      const statements = Array.isArray(document.Statement) ? document.Statement : document.Statement ? [document.Statement] : [];
      for (const statement of statements.filter((s) => s.Effect !== 'Deny')) {
        if (statement.NotAction) problems.push(`${attribute} uses NotAction, which grants every other action`);
        const actions = ([] as string[]).concat(statement.Action ?? []);
        for (const action of actions.filter((a) => a.includes('*'))) problems.push(`${attribute} grants wildcard action '${action}'`);
      }
    }
    return problems;
  },
};
