import type { SynthesizedStack } from '../stack/synthesized-stack.js';

/**
 * A resource's place in the topology: its construct path without cdktf's hash and with list
 * indices folded (`alert-topic_email-1` → `alert-topic_email-N`), so count knobs (e-mails,
 * NAT gateways) do not count as topology differences, while a resource of a new kind does.
 */
export function topologyKey(type: string, logicalId: string): string {
  const path = logicalId.replace(/_[A-F0-9]{8}$/, '').replace(/-\d+(?=_|$)/g, '-N');
  return `${type}:${path}`;
}

export interface ParityEnvironment {
  readonly name: string;
  readonly stack: SynthesizedStack;
  /** Construct paths (e.g. `network_xray-endpoint`) this environment declares as its own on purpose. */
  readonly envSpecificResources: readonly string[];
}

/** One resource found in some environments but not all, and not declared env-specific. */
export interface ParityProblem {
  readonly resource: string;
  readonly presentIn: readonly string[];
  readonly missingFrom: readonly string[];
}

/**
 * SPEC §3.9: every environment has the same topology; a resource present in only some of them is
 * an error unless each environment that has it declares it in `envSpecificResources`.
 */
export function checkParity(environments: readonly ParityEnvironment[]): ParityProblem[] {
  const keysByEnv = new Map(environments.map((env) => [env.name, new Set(env.stack.resources.map((r) => topologyKey(r.type, r.id)))]));
  const allKeys = [...new Set([...keysByEnv.values()].flatMap((keys) => [...keys]))].sort();
  const declared = (env: ParityEnvironment, key: string) =>
    env.envSpecificResources.some((path) => key.split(':')[1]!.startsWith(path.replaceAll('/', '_')));
  return allKeys.flatMap((key) => {
    const presentIn = environments.filter((env) => keysByEnv.get(env.name)!.has(key));
    if (presentIn.length === environments.length || presentIn.every((env) => declared(env, key))) return [];
    return [{ resource: key, presentIn: presentIn.map((e) => e.name), missingFrom: environments.filter((e) => !presentIn.includes(e)).map((e) => e.name) }];
  });
}
