import { findWorkspaceRoot } from '@data-platform/workspace';
import { METRICS_NAMESPACE } from '../../src/data-pipeline.js';
import type { MonitoredResources } from '../../src/observability/monitored-resources.js';
import { dashboardWidgets } from '../../src/observability/pipeline-dashboard.js';
import type { SynthesizedStack } from '../../src/stack/synthesized-stack.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthesize, testConfig } from '../fixtures/environment.js';
import { AWS_METRIC_CATALOG } from './aws-metric-catalog.js';
import { alarmMetrics, dashboardMetrics, type NamedMetric } from './metrics-named.js';

/** Metric names the handlers emit through Powertools (`metrics.addMetric('<name>', …)`), read from their sources. */
function emittedMetricNames(): Set<string> {
  const dir = join(findWorkspaceRoot(import.meta.dirname), 'libs', 'lambda-handlers', 'src', 'handlers');
  const sources = readdirSync(dir).map((file) => readFileSync(join(dir, file), 'utf8'));
  return new Set(sources.flatMap((source) => [...source.matchAll(/addMetric\('([A-Za-z]+)'/g)].map((m) => m[1]!)));
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([\w-]+)\.([a-z_]+)\}$/;

/** Why a named metric would stay empty, or null when something in the stack publishes it. */
function problemWith(metric: NamedMetric, stack: SynthesizedStack, emitted: Set<string>): string | null {
  const label = `${metric.where}: ${metric.namespace} ${metric.name}`;
  if (metric.namespace === METRICS_NAMESPACE) {
    if (!emitted.has(metric.name)) return `${label} is not emitted by any handler`;
    const service = metric.dimensions['service'];
    const emitters = stack.ofType('aws_lambda_function').filter((fn) => {
      const variables = (fn.config['environment'] as { variables: Record<string, string> }).variables;
      return variables['POWERTOOLS_SERVICE_NAME'] === service && variables['POWERTOOLS_METRICS_NAMESPACE'] === METRICS_NAMESPACE;
    });
    return emitters.length === 1 ? null : `${label}: no function publishes service=${service}`;
  }
  const namespace = AWS_METRIC_CATALOG[metric.namespace];
  if (!namespace) return `${label}: unknown namespace`;
  if (!namespace.metrics.includes(metric.name)) return `${label}: AWS publishes no such metric`;
  if (Object.keys(metric.dimensions).length === 0) return `${label}: names no resource`;
  for (const [dimension, value] of Object.entries(metric.dimensions)) {
    const expected = namespace.dimensions[dimension];
    const reference = REFERENCE.exec(value);
    if (!expected) return `${label}: ${metric.namespace} has no dimension ${dimension}`;
    if (!reference || reference[1] !== expected[0] || reference[3] !== expected[1]) return `${label}: ${dimension}=${value} is not a ${expected.join('.')} of the stack`;
    if (!stack.resources.some((r) => r.type === reference[1] && r.id === reference[2])) return `${label}: ${value} names no resource of the stack`;
  }
  return null;
}

describe('observability (SPEC §3.6)', () => {
  const stack = synthesize(testConfig());
  const emitted = emittedMetricNames();

  describe('the dashboard', () => {
    it('has a body that parses and lays its widgets out on the 24-column grid', () => {
      const body = JSON.parse(String(stack.one('aws_cloudwatch_dashboard').config['dashboard_body'])) as { widgets: Array<{ x: number; width: number }> };
      expect(body.widgets.length).toBeGreaterThanOrEqual(10);
      for (const widget of body.widgets) expect(widget.x + widget.width).toBeLessThanOrEqual(24);
    });

    it('shows executions and failures, p95 duration, Lambda errors and throttles, rows, DLQ depth, DynamoDB throttles, console 5xx and latency, database CPU and connections', () => {
      const names = new Set(dashboardMetrics(stack).map((m) => `${m.namespace} ${m.name}`));
      for (const metric of [
        'AWS/States ExecutionsFailed', 'AWS/States ExecutionTime', 'AWS/Lambda Errors', 'AWS/Lambda Throttles', `${METRICS_NAMESPACE} rows`,
        `${METRICS_NAMESPACE} quarantinedRows`, 'AWS/SQS ApproximateNumberOfMessagesVisible', 'AWS/DynamoDB ReadThrottleEvents',
        'AWS/ApplicationELB HTTPCode_Target_5XX_Count', 'AWS/ApplicationELB TargetResponseTime', 'AWS/RDS CPUUtilization', 'AWS/RDS DatabaseConnections',
      ]) expect(names, metric).toContain(metric);
    });

    it('names only metrics that something in the stack publishes (a handler, or AWS for one of its resources)', () => {
      const problems = dashboardMetrics(stack).map((m) => problemWith(m, stack, emitted)).filter((p) => p !== null);
      expect(problems).toEqual([]);
    });

    it('would catch a metric nobody emits, a wrong dimension and a resource outside the stack', () => {
      const [lambda] = dashboardMetrics(stack).filter((m) => m.namespace === 'AWS/Lambda');
      expect(problemWith({ ...lambda!, name: 'Erors' }, stack, emitted)).toMatch(/AWS publishes no such metric/);
      expect(problemWith({ ...lambda!, dimensions: { QueueName: lambda!.dimensions['FunctionName']! } }, stack, emitted)).toMatch(/has no dimension QueueName/);
      expect(problemWith({ ...lambda!, dimensions: { FunctionName: 'lambda-other-transform-ci1' } }, stack, emitted)).toMatch(/is not a aws_lambda_function\.function_name/);
      expect(problemWith({ where: 'x', namespace: METRICS_NAMESPACE, name: 'rowz', dimensions: { service: 'transform' } }, stack, emitted)).toMatch(/not emitted/);
    });
  });

  describe('the alarms', () => {
    const alarms = stack.ofType('aws_cloudwatch_metric_alarm');

    it('cover failed executions, Lambda error rate per function, latency, dead letters, console 5xx, unhealthy targets and database CPU', () => {
      const functions = ['validate', 'transform', 'load', 'quarantine', 'migrate', 'status-api'];
      expect(alarms.map((a) => a.config['alarm_name']).sort()).toEqual(
        ['console-5xx', 'console-unhealthy', 'dlq-messages', 'failed-executions', 'pipeline-latency', 'database-cpu', ...functions.map((f) => `${f}-error-rate`)]
          .map((name) => `alarm-test-${name}-ci1`)
          .sort(),
      );
    });

    it('each notify the alert topic when they fire and when they clear', () => {
      const topic = stack.ofType('aws_sns_topic').find((t) => String(t.config['name']).includes('-alerts-'))!;
      for (const alarm of alarms) {
        expect(alarm.config['alarm_actions']).toEqual([`\${aws_sns_topic.${topic.id}.arn}`]);
        expect(alarm.config['ok_actions']).toEqual([`\${aws_sns_topic.${topic.id}.arn}`]);
      }
    });

    it('watch only metrics that something in the stack publishes', () => {
      const metrics = alarmMetrics(stack);
      expect(metrics.length).toBeGreaterThanOrEqual(alarms.length);
      expect(metrics.map((m) => problemWith(m, stack, emitted)).filter((p) => p !== null)).toEqual([]);
    });

    it('leave the database widgets out of a dashboard for resources without a database', () => {
      const resources: MonitoredResources = {
        region: 'eu-west-1', stateMachineArn: 'sm', functionNames: { transform: 'fn' }, rowMetricsService: 'transform', metricsNamespace: METRICS_NAMESPACE,
        deadLetterQueueName: 'q', tableName: 't', loadBalancerArnSuffix: 'app/x/1', targetGroupArnSuffix: 'targetgroup/x/1', clusterName: 'c', serviceName: 's',
      };
      const rds = (r: MonitoredResources) => dashboardWidgets(r).flatMap((w) => w.metrics).filter((m) => m[0] === 'AWS/RDS').map((m) => m[1]);
      expect(rds(resources)).toEqual([]);
      expect(rds({ ...resources, databaseClusterIdentifier: 'aurora-test-data-ci1' })).toEqual(['CPUUtilization', 'DatabaseConnections']);
    });
  });
});
