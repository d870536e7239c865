import type { SynthesizedStack } from '../../src/stack/synthesized-stack.js';

/** A metric as something in the stack names it: where, namespace, name and dimensions. */
export interface NamedMetric {
  readonly where: string;
  readonly namespace: string;
  readonly name: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** Every metric the dashboard's widgets draw (`[namespace, name, dim, value, ..., {options}?]`). */
export function dashboardMetrics(stack: SynthesizedStack): NamedMetric[] {
  const body = JSON.parse(String(stack.one('aws_cloudwatch_dashboard').config['dashboard_body'])) as {
    widgets: Array<{ properties: { title: string; metrics: unknown[][] } }>;
  };
  return body.widgets.flatMap((widget) =>
    widget.properties.metrics.map((line) => {
      const [namespace, name, ...rest] = line.filter((part) => typeof part === 'string') as string[];
      const dimensions: Record<string, string> = {};
      for (let i = 0; i + 1 < rest.length; i += 2) dimensions[rest[i]!] = rest[i + 1]!;
      return { where: `widget '${widget.properties.title}'`, namespace: namespace!, name: name!, dimensions };
    }),
  );
}

interface AlarmMetric {
  namespace: string;
  metric_name: string;
  dimensions?: Record<string, string>;
}

/** Every metric the alarms watch, directly or inside a metric-math query. */
export function alarmMetrics(stack: SynthesizedStack): NamedMetric[] {
  return stack.ofType('aws_cloudwatch_metric_alarm').flatMap((alarm) => {
    const where = `alarm ${String(alarm.config['alarm_name'])}`;
    const c = alarm.config as Record<string, unknown>;
    const queries = (c['metric_query'] as Array<{ metric?: AlarmMetric | AlarmMetric[] }> | undefined) ?? [];
    const metrics: AlarmMetric[] = c['metric_name']
      ? [{ namespace: String(c['namespace']), metric_name: String(c['metric_name']), dimensions: c['dimensions'] as Record<string, string> }]
      : queries.flatMap((q) => (q.metric ? (Array.isArray(q.metric) ? q.metric : [q.metric]) : []));
    return metrics.map((m) => ({ where, namespace: m.namespace, name: m.metric_name, dimensions: m.dimensions ?? {} }));
  });
}
