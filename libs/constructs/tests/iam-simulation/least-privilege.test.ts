import { WORKLOAD_CALLS, type WorkloadRole } from '../../src/iam/workload-calls.js';
import { describe, expect, it } from 'vitest';
import { databaseCases } from './database-cases.js';
import { EnvironmentView } from './environment-view.js';
import { resourcePolicyCases } from './resource-policy-cases.js';
import { allowCases, denyCases, trustCases } from './role-cases.js';
import { satisfies, simulate, type SimulationCase } from './simulate.js';
import { ENVIRONMENT_NAMES, simulatedEnvironment } from './simulated-environment.js';

const VIEWS = ENVIRONMENT_NAMES.map((name) => new EnvironmentView(simulatedEnvironment(name)));
const ROLES = Object.keys(WORKLOAD_CALLS) as WorkloadRole[];

const expectDecision = async (c: SimulationCase) => {
  const decision = await simulate(c);
  expect(satisfies(decision, c.expected), `${c.title}: expected ${c.expected}, got ${decision}`).toBe(true);
};

describe.each(VIEWS.map((view) => [view.env.name, view] as const))('least privilege in %s (IAM simulation)', (_name, view) => {
  const others = VIEWS.filter((other) => other !== view);

  it('has a call list for every role the stack creates (a new role plugs in here)', () => {
    // Reference-data replication's roles are simulated in reference-replication.test.ts and reference-items.test.ts.
    const workloadRoles = view.roleNames().filter((name) => !name.includes('reference-'));
    expect(workloadRoles.sort()).toEqual(ROLES.map((role) => view.roleName(role)).sort());
  });

  describe.each(ROLES)('role %s', (role) => {
    it.each(allowCases(view, role).map((c) => [c.title, c] as const))('%s', async (_title, c) => expectDecision(c));
    it.each(denyCases(view, role, others).map((c) => [c.title, c] as const))('%s', async (_title, c) => expectDecision(c));
    it.each(trustCases(view, role).map((c) => [c.title, c] as const))('%s', async (_title, c) => expectDecision(c));
  });

  describe('database access', () => {
    it.each(databaseCases(view).map((c) => [c.title, c] as const))('%s', async (_title, c) => expectDecision(c));
  });

  describe('resource policies', () => {
    it.each(resourcePolicyCases(view).map((c) => [c.title, c] as const))('%s', async (_title, c) => expectDecision(c));
  });
});
