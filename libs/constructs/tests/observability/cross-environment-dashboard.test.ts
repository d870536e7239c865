import { describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE } from '../../src/data-pipeline.js';
import { crossEnvironmentWidgets } from '../../src/observability/cross-environment-dashboard.js';
import { synthesize, testConfig } from '../fixtures/environment.js';
import { AWS_METRIC_CATALOG } from './aws-metric-catalog.js';

/** Every part of a widget line: dimension strings and the options object (account, label, expression). */
type Line = readonly (string | Record<string, unknown>)[];
const optionsOf = (line: Line) => line.at(-1) as Record<string, unknown>;

describe('the cross-environment dashboard', () => {
  const config = testConfig();
  // The environment the dashboard watches is synthesized for real: its lines must name what that stack builds.
  const watched = synthesize(config);
  const other = { environment: 'qa', environmentSuffix: 'main', accountId: '444444444444' };
  const mine = { environment: config.environment, environmentSuffix: config.environmentSuffix, accountId: config.accountId };
  const widgets = crossEnvironmentWidgets({ project: config.project, region: config.region, environments: [mine, other] });
  const lineOf = (title: string, environment: string): Line => {
    const widget = widgets.find((w) => w.title === title);
    if (!widget) throw new Error(`no widget '${title}'`);
    const line = widget.metrics.find((l) => optionsOf(l as Line)['label'] === environment);
    if (!line) throw new Error(`widget '${title}' has no line for ${environment}`);
    return line as Line;
  };

  it('shows pipeline failures, p95 duration, rows, DLQ depth and ALB 5xx, each with one line per environment from its own account, in the configured order', () => {
    expect(widgets.map((w) => w.title)).toEqual(['Pipeline failures', 'Pipeline duration p95 (ms)', 'Rows processed', 'Dead-letter queue depth', 'Console ALB 5xx']);
    for (const widget of widgets) {
      expect(widget.metrics.map((line) => [optionsOf(line as Line)['label'], optionsOf(line as Line)['accountId']])).toEqual([
        [mine.environment, mine.accountId],
        ['qa', '444444444444'],
      ]);
    }
  });

  it("names the environment's real state machine, dead-letter queue, row metrics and load balancer, and only metrics AWS publishes", () => {
    const stateMachine = watched.one('aws_sfn_state_machine').config['name'];
    for (const title of ['Pipeline failures', 'Pipeline duration p95 (ms)']) {
      const [namespace, metric, dimension, arn] = lineOf(title, mine.environment);
      expect(AWS_METRIC_CATALOG['AWS/States']!.metrics).toContain(metric);
      expect([namespace, dimension, arn]).toEqual(['AWS/States', 'StateMachineArn', `arn:aws:states:${config.region}:${config.accountId}:stateMachine:${String(stateMachine)}`]);
    }
    const queueNames = watched.ofType('aws_sqs_queue').map((q) => q.config['name']);
    const [, , , queueName] = lineOf('Dead-letter queue depth', mine.environment);
    expect(queueNames).toContain(queueName);
    expect(String(queueName)).toContain('dlq');

    const [namespace, metric, , service] = lineOf('Rows processed', mine.environment);
    expect(namespace).toBe(METRICS_NAMESPACE);
    expect(metric).toBe('rows');
    const emitters = watched.ofType('aws_lambda_function').filter((fn) => (fn.config['environment'] as { variables: Record<string, string> }).variables['POWERTOOLS_SERVICE_NAME'] === service);
    expect(emitters).toHaveLength(1);

    const expression = String(optionsOf(lineOf('Console ALB 5xx', mine.environment))['expression']);
    expect(expression).toContain(`"${String(watched.one('aws_lb').config['name'])}"`);
    expect(expression).toMatch(/^SEARCH\('\{AWS\/ApplicationELB,LoadBalancer\} MetricName="HTTPCode_ELB_5XX_Count" /);
  });

  it("names another environment's resources by its own environment and suffix, never the watcher's", () => {
    const [, , , arn] = lineOf('Pipeline failures', 'qa');
    expect(arn).toBe(`arn:aws:states:${config.region}:444444444444:stateMachine:sfn-qa-pipeline-main`);
    expect(lineOf('Dead-letter queue depth', 'qa')[3]).toBe('sqs-qa-pipeline-dlq-main');
  });
});
