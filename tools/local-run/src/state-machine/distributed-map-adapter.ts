import type { AslMachine, AslState } from './definition-walker.js';

/** Where a rewritten map's items are kept in the state, by map state name. */
const ITEMS_PATH = '$.localDistributedMapItems';

/** The Task each map's items are read by: an S3 getObject the local run serves (see task-adapters). */
export const ITEM_READER_RESOURCE = 'arn:aws:states:::s3:getObject';

/**
 * aws-local-stepfunctions runs Map states inline only: it has no ItemReader, ResultWriter,
 * ToleratedFailurePercentage or child executions. Each Distributed Map whose items come from an
 * S3 JSON array (`ItemReader` with `InputType: JSON`) becomes:
 *   `<Map>ReadItems` — a Task reading that object into `$.localDistributedMapItems.<Map>` (with the
 *   map's Catch), then
 *   `<Map>` — an inline Map over those items with the same ItemSelector, MaxConcurrency,
 *   ItemProcessor states, ResultPath and Catch; ResultWriter is dropped (the results are not written).
 * Every transition into the map is redirected to its reader. Other states are left as they are.
 */
export function withLocalDistributedMaps(machine: AslMachine): AslMachine {
  const states = machine.States ?? {};
  const maps = Object.entries(states).filter(([, state]) => state.Type === 'Map' && state['ItemReader'] !== undefined);
  if (maps.length === 0) return machine;
  const readerOf = new Map(maps.map(([name]) => [name, `${name}ReadItems`]));
  const redirect = (next: unknown) => (typeof next === 'string' && readerOf.has(next) ? readerOf.get(next)! : next);
  const rewritten: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(states)) {
    const reader = readerOf.get(name);
    if (reader === undefined) {
      rewritten[name] = redirectTransitions(state, redirect);
      continue;
    }
    const itemReader = state['ItemReader'] as { ReaderConfig?: { InputType?: string }; Parameters?: unknown };
    if (itemReader.ReaderConfig?.InputType !== 'JSON') throw new Error(`local run: ${name} reads items as ${String(itemReader.ReaderConfig?.InputType)}; only JSON arrays are emulated`);
    const { ItemReader: _reader, ResultWriter: _writer, ToleratedFailurePercentage: _tolerated, ...inline } = state;
    const processor = state['ItemProcessor'] as AslMachine & { ProcessorConfig?: unknown };
    const { ProcessorConfig: _config, ...steps } = processor;
    const itemsPath = `${ITEMS_PATH}.${name}`;
    rewritten[reader] = {
      Type: 'Task',
      Resource: ITEM_READER_RESOURCE,
      Parameters: itemReader.Parameters,
      ResultPath: itemsPath,
      ...(state['Catch'] ? { Catch: redirectTransitions({ Catch: state['Catch'] } as AslState, redirect)['Catch'] } : {}),
      Next: name,
    };
    rewritten[name] = redirectTransitions({ ...inline, ItemsPath: itemsPath, ItemProcessor: steps }, redirect);
  }
  return { ...machine, StartAt: redirect(machine['StartAt']) as string, States: rewritten };
}

/** The state with every Next (its own, its Choices', its Catchers', its Default) passed through `redirect`. */
function redirectTransitions(state: AslState, redirect: (next: unknown) => unknown): AslState {
  const out: AslState = { ...state };
  if ('Next' in out) out['Next'] = redirect(out['Next']);
  if ('Default' in out) out['Default'] = redirect(out['Default']);
  if (Array.isArray(out['Choices'])) out['Choices'] = (out['Choices'] as Record<string, unknown>[]).map((choice) => ({ ...choice, Next: redirect(choice['Next']) }));
  if (Array.isArray(out['Catch'])) out['Catch'] = (out['Catch'] as Record<string, unknown>[]).map((catcher) => ({ ...catcher, Next: redirect(catcher['Next']) }));
  return out;
}

/**
 * `--shard-bytes N`: every file takes the fan-out branch, cut into shards of about N bytes. The
 * branch is found by what it does, not by name: the planner is the Lambda task given `shardBytes`,
 * the fan-out choice the Choice rule that leads to it.
 */
export function forcingFanOut(machine: AslMachine, shardBytes: number): AslMachine {
  const states = machine.States ?? {};
  const payloadOf = (state: AslState) => (state['Parameters'] as { Payload?: Record<string, unknown> } | undefined)?.Payload;
  const planner = Object.entries(states).find(([, state]) => state.Type === 'Task' && payloadOf(state)?.['shardBytes'] !== undefined);
  if (!planner) throw new Error('local run: --shard-bytes needs a definition with a fan-out branch (a task given shardBytes); this one has none');
  const [plannerName, plannerState] = planner;
  let routed = false;
  const rewritten = Object.fromEntries(
    Object.entries(states).map(([name, state]): [string, AslState] => {
      if (name === plannerName) {
        const parameters = plannerState['Parameters'] as Record<string, unknown>;
        return [name, { ...state, Parameters: { ...parameters, Payload: { ...payloadOf(state), shardBytes } } }];
      }
      if (state.Type !== 'Choice') return [name, state];
      const choices = (state['Choices'] as Record<string, unknown>[]).map((choice) => {
        if (choice['Next'] !== plannerName || typeof choice['NumericGreaterThan'] !== 'number') return choice;
        routed = true;
        // Any non-empty file: validation already rejected empty ones.
        return { ...choice, NumericGreaterThan: 0 };
      });
      return [name, { ...state, Choices: choices }];
    }),
  );
  if (!routed) throw new Error(`local run: no Choice sends files to ${plannerName} by size; cannot force the fan-out branch`);
  return { ...machine, States: rewritten };
}
