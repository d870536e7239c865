import type { z } from 'zod';
import type { AllowedKeys } from './config-error.js';

/** The schema under defaults, optionals and nullables, as zod 4 keeps them in `def.innerType`. */
function unwrap(schema: unknown): unknown {
  let node = schema as { _zod?: { def?: { innerType?: unknown; element?: unknown } } } | undefined;
  while (node?._zod?.def?.innerType !== undefined) node = node._zod.def.innerType as typeof node;
  return node;
}

/** The object shape at `path` in `schema` (array items by index), if it is a plain object there. */
function shapeAt(schema: unknown, path: readonly PropertyKey[]): Record<string, unknown> | undefined {
  let node = unwrap(schema) as { shape?: Record<string, unknown>; _zod?: { def?: { element?: unknown } } } | undefined;
  for (const key of path) {
    if (node?.shape !== undefined) node = unwrap(node.shape[String(key)]) as typeof node;
    else if (node?._zod?.def?.element !== undefined) node = unwrap(node._zod.def.element) as typeof node;
    else return undefined;
  }
  return node?.shape;
}

/** The keys `schema` allows at each path, for naming them when a config has an unknown one. */
export function allowedKeysOf(schema: z.ZodType): AllowedKeys {
  return (path) => {
    const shape = shapeAt(schema, path);
    return shape === undefined ? undefined : Object.keys(shape);
  };
}
