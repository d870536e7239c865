import { findWorkspaceRoot } from '@data-platform/workspace';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOVERNANCE_RULES } from '../../src/aspects/rules/index.js';

/** The README's control table is written from the rules; this keeps the two from drifting apart. */
describe('README security controls table', () => {
  const readme = readFileSync(join(findWorkspaceRoot(import.meta.dirname), 'README.md'), 'utf8');
  const rows = new Map(
    readme
      .split('\n')
      .filter((line) => /^\| `[a-z0-9-]+` \|/.test(line))
      .map((line) => [line.split('`')[1]!, line.split('|').map((cell) => cell.trim())] as const),
  );

  it('has one row per rule and no row for a rule that does not exist', () => {
    expect([...rows.keys()].sort()).toEqual(GOVERNANCE_RULES.map((r) => r.id).sort());
  });

  it('shows each rule with its description and exactly its scanner IDs', () => {
    for (const rule of GOVERNANCE_RULES) {
      const [, , description, ids] = rows.get(rule.id)!;
      expect(description, rule.id).toBe(rule.description);
      expect(ids, rule.id).toBe(rule.scannerIds.join(', ') || '—');
    }
  });
});
