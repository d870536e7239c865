/**
 * The one walk over an Amazon States Language definition: every Task state, including those
 * inside Parallel branches and Map item processors (`ItemProcessor`, or `Iterator` before it).
 * The local run rewrites Task states (timeouts, JsonToString) and lists them (retry pacing)
 * through these two functions, so a nesting the walk misses is missed nowhere else either.
 */

export type AslState = Record<string, unknown> & { Type?: string; Resource?: string };
export type AslMachine = Record<string, unknown> & { States?: Record<string, AslState> };

/** The machine with every Task state replaced by `rewrite(name, state)`; the input is not changed. */
export function mapTaskStates(machine: AslMachine, rewrite: (name: string, state: AslState) => AslState): AslMachine {
  const states = Object.fromEntries(
    Object.entries(machine.States ?? {}).map(([name, state]): [string, AslState] => {
      if (state.Type === 'Task') return [name, rewrite(name, state)];
      if (state.Type === 'Parallel') {
        return [name, { ...state, Branches: ((state['Branches'] as AslMachine[] | undefined) ?? []).map((branch) => mapTaskStates(branch, rewrite)) }];
      }
      if (state.Type === 'Map') {
        const nested = Object.fromEntries(
          (['ItemProcessor', 'Iterator'] as const).filter((key) => state[key]).map((key) => [key, mapTaskStates(state[key] as AslMachine, rewrite)]),
        );
        return [name, { ...state, ...nested }];
      }
      return [name, state];
    }),
  );
  return { ...machine, States: states };
}

/** Every Task state with its name, in definition order. */
export function taskStates(machine: AslMachine): Array<[string, AslState]> {
  const found: Array<[string, AslState]> = [];
  mapTaskStates(machine, (name, state) => {
    found.push([name, state]);
    return state;
  });
  return found;
}
