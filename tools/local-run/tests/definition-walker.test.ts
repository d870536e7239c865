import { describe, expect, it } from 'vitest';
import { mapTaskStates, taskStates, type AslMachine } from '../src/state-machine/definition-walker.js';

const task = (resource: string) => ({ Type: 'Task', Resource: resource, End: true });
const definition: AslMachine = {
  StartAt: 'First',
  States: {
    First: { ...task('arn:first'), End: undefined, Next: 'Fan' },
    Fan: { Type: 'Parallel', Branches: [{ StartAt: 'InBranch', States: { InBranch: task('arn:branch') } }], Next: 'Each' },
    Each: { Type: 'Map', ItemProcessor: { StartAt: 'InMap', States: { InMap: task('arn:map') } }, Next: 'Legacy' },
    Legacy: { Type: 'Map', Iterator: { StartAt: 'InIterator', States: { InIterator: task('arn:iterator') } }, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('state machine definition walker', () => {
  it('lists every Task state, inside Parallel branches and both forms of Map too', () => {
    expect(taskStates(definition).map(([name]) => name)).toEqual(['First', 'InBranch', 'InMap', 'InIterator']);
  });

  it('rewrites every Task state and leaves the other states and the input as they were', () => {
    const before = structuredClone(definition);
    const rewritten = mapTaskStates(definition, (name, state) => ({ ...state, Comment: name }));
    expect(definition).toEqual(before);
    expect(taskStates(rewritten).map(([, state]) => state['Comment'])).toEqual(['First', 'InBranch', 'InMap', 'InIterator']);
    expect(rewritten.States?.['Done']).toEqual({ Type: 'Succeed' });
    expect(rewritten.States?.['Fan']).toMatchObject({ Type: 'Parallel', Next: 'Each' });
  });
});
