import type { SynthesizedResource } from './rule.js';

/** The container definitions of a task definition (a JSON string in Terraform), or [] when unreadable. */
export function containerDefinitions(task: SynthesizedResource): Array<Record<string, unknown>> {
  const raw = task.config['container_definitions'];
  if (typeof raw !== 'string') return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed) ? (parsed as Array<Record<string, unknown>>) : [];
  } catch {
    return [];
  }
}
