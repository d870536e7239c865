import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { requestedTasks, unknownConfigurationMessage } = require('../src/requested-tasks.cjs') as typeof import('../src/requested-tasks.cjs');
const argv = (...args: string[]) => ['/usr/bin/node', '/ws/node_modules/.bin/nx', ...args];
const PLUGIN_TARGETS = { synth: [], validate: [], plan: ['offline'], deploy: [], destroy: [], drift: [], manifest: [] };

describe('requested configuration', () => {
  it.each([
    [['run', 'infra-prod:deploy', '-c', 'offline'], ['deploy'], 'offline'],
    [['run', 'infra-prod:deploy:offline'], ['deploy'], 'offline'],
    [['run', 'infra-prod:plan', '--configuration=offline'], ['plan'], 'offline'],
    [['affected', '-t', 'deploy', '--configuration', 'offline'], ['deploy'], 'offline'],
    [['run-many', '-t', 'lint', 'deploy', '-p', 'infra-dev', '-c', 'prod'], ['lint', 'deploy'], 'prod'],
    [['run-many', '--targets=synth,plan', '-c', 'offline'], ['synth', 'plan'], 'offline'],
    [['deploy', 'infra-dev', '-c', 'offline'], ['deploy'], 'offline'],
    [['affected', '-t', 'deploy'], ['deploy'], undefined],
  ])('reads nx %j', (args, targets, configuration) => {
    expect(requestedTasks(argv(...args))).toEqual({ targets, configuration });
  });

  it('refuses a configuration a requested target lacks, in one line', () => {
    expect(unknownConfigurationMessage(requestedTasks(argv('run', 'infra-prod:deploy', '-c', 'offline')), PLUGIN_TARGETS)).toBe(
      "target 'deploy' has no configuration 'offline' (it has none); nothing was run",
    );
    expect(unknownConfigurationMessage(requestedTasks(argv('run', 'infra-prod:plan:staging')), PLUGIN_TARGETS)).toBe(
      "target 'plan' has no configuration 'staging' (its configurations are: offline); nothing was run",
    );
  });

  it("lets known configurations through, and targets that are not the plugin's", () => {
    expect(unknownConfigurationMessage(requestedTasks(argv('run-many', '-t', 'plan', '-c', 'offline')), PLUGIN_TARGETS)).toBeUndefined();
    expect(unknownConfigurationMessage(requestedTasks(argv('run-many', '-t', 'test', '-c', 'ci')), PLUGIN_TARGETS)).toBeUndefined();
    expect(unknownConfigurationMessage(requestedTasks(argv('run', 'infra-dev:deploy')), PLUGIN_TARGETS)).toBeUndefined();
  });
});
