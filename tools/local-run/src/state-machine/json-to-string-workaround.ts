/**
 * aws-local-stepfunctions 3.0.0 removes every backslash from the string an intrinsic function
 * returns (`BaseIntrinsicFunction.call`: `result.replaceAll("\\", "")`), so `States.JsonToString`
 * of data holding a quote or a backslash yields invalid JSON; Step Functions escapes them. The
 * pipeline's alert message is `States.JsonToString($)` of a state whose error Cause is itself
 * JSON, so it would always be broken locally.
 *
 * The workaround keeps the definition's meaning: in a Task's Parameters, a field
 * `"X.$": "States.JsonToString(<path>)"` becomes `"X.$": "<path>"`, and the Task's local handler
 * receives `X` as `JSON.stringify` of that value, which is exactly what Step Functions passes.
 */

import { mapTaskStates } from './definition-walker.js';

type Json = Record<string, unknown>;

/** Field paths (inside Parameters) to stringify, per Task state name. */
export type StringifiedFields = ReadonlyMap<string, ReadonlyArray<readonly string[]>>;

const JSON_TO_STRING = /^States\.JsonToString\((\$[^()]*)\)$/;

function rewriteParameters(parameters: Json, path: string[], found: string[][]): Json {
  return Object.fromEntries(
    Object.entries(parameters).map(([key, value]) => {
      if (key.endsWith('.$') && typeof value === 'string') {
        const match = JSON_TO_STRING.exec(value.trim());
        if (match) {
          found.push([...path, key.slice(0, -2)]);
          return [key, match[1]];
        }
        return [key, value];
      }
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return [key, rewriteParameters(value as Json, [...path, key], found)];
      return [key, value];
    }),
  );
}

/** The definition with Task-level `States.JsonToString(path)` fields moved into the local handlers. */
export function withExactJsonToString(definition: Json): { definition: Json; stringified: StringifiedFields } {
  const fields = new Map<string, string[][]>();
  const rewritten = mapTaskStates(definition, (name, state) => {
    if (!state['Parameters'] || typeof state['Parameters'] !== 'object') return state;
    const found: string[][] = [];
    const copy = { ...state, Parameters: rewriteParameters(state['Parameters'] as Json, [], found) };
    if (found.length > 0) fields.set(name, found);
    return copy;
  });
  return { definition: rewritten, stringified: fields };
}

/** Applies the JSON.stringify the rewritten definition left out, to a Task's effective input. */
export function stringifyFields(input: unknown, fields: ReadonlyArray<readonly string[]>): unknown {
  if (input === null || typeof input !== 'object') return input;
  const copy = structuredClone(input) as Json;
  for (const path of fields) {
    let target: Json | undefined = copy;
    for (const key of path.slice(0, -1)) target = target?.[key] as Json | undefined;
    const last = path[path.length - 1]!;
    if (target && last in target) target[last] = JSON.stringify(target[last]);
  }
  return copy;
}
