import { hasWildcardPrincipal, isAllow, statementsOf } from './policy-statements.js';
import { ruleFor } from './rule.js';

/** A key policy never allows `*` as principal, conditions or not (as checkov checks it). */
export const kmsNoWildcardPrincipal = ruleFor('aws_kms_key', 'kms-no-wildcard-principal', ['CKV_AWS_33'], {
  description: 'No key policy allows a wildcard principal',
  check(key) {
    const { statements, problems } = statementsOf(key);
    return [...problems, ...statements.filter((s) => isAllow(s) && hasWildcardPrincipal(s)).map((s) => `statement ${s.Sid ?? '(no Sid)'} allows principal *`)];
  },
});
