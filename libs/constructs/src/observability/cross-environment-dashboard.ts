import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Naming, type EnvironmentRef } from '@data-platform/config';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../data-pipeline.js';
import { dashboardGridBody, PERIOD_SECONDS, type MetricWidget } from './dashboard-grid.js';
import { metricSources, ROW_METRICS_SERVICE } from './environment-metric-sources.js';

/** One line of a widget: a metric (or a search expression) in one environment's account. */
type Line = readonly [...string[], Record<string, unknown>] | readonly [Record<string, unknown>];

interface Widget extends MetricWidget {
  readonly stat: string;
  readonly metrics: readonly Line[];
}

/**
 * The widgets of the cross-environment dashboard (issue 16, SPEC §3.6): each puts the
 * environments side by side, one line per environment read from its own account (CloudWatch
 * cross-account observability), so a failure in prod shows next to the same metric in dev.
 */
export function crossEnvironmentWidgets(props: { readonly project: string; readonly region: string; readonly environments: readonly EnvironmentRef[] }): Widget[] {
  const each = (line: (env: EnvironmentRef, naming: Naming, options: Record<string, unknown>) => Line): Line[] =>
    props.environments.map((env) => line(env, new Naming({ project: props.project, ...env }), { accountId: env.accountId, label: env.environment }));
  const stateMachineArn = (env: EnvironmentRef, naming: Naming) => `arn:aws:states:${props.region}:${env.accountId}:stateMachine:${metricSources.stateMachineName(naming)}`;
  return [
    { title: 'Pipeline failures', stat: 'Sum', metrics: each((env, naming, options) => ['AWS/States', 'ExecutionsFailed', 'StateMachineArn', stateMachineArn(env, naming), options]) },
    { title: 'Pipeline duration p95 (ms)', stat: 'p95', metrics: each((env, naming, options) => ['AWS/States', 'ExecutionTime', 'StateMachineArn', stateMachineArn(env, naming), options]) },
    { title: 'Rows processed', stat: 'Sum', metrics: each((_env, _naming, options) => [METRICS_NAMESPACE, 'rows', 'service', ROW_METRICS_SERVICE, options]) },
    {
      title: 'Dead-letter queue depth',
      stat: 'Maximum',
      metrics: each((_env, naming, options) => ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', metricSources.deadLetterQueueName(naming), options]),
    },
    {
      title: 'Console ALB 5xx',
      stat: 'Sum',
      // The LoadBalancer dimension ends in an id AWS assigns at creation; a search by the name finds it.
      metrics: each((env, naming, options) => [
        {
          ...options,
          id: `alb5xx_${env.environment}`,
          expression: `SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName="HTTPCode_ELB_5XX_Count" "${metricSources.loadBalancerName(naming)}"', 'Sum', ${PERIOD_SECONDS})`,
        },
      ]),
    },
  ];
}

/** The dashboard body (JSON), three widgets per row on the 24-column grid. */
export function crossEnvironmentDashboardBody(props: Parameters<typeof crossEnvironmentWidgets>[0]): string {
  return dashboardGridBody(crossEnvironmentWidgets(props), props.region);
}

/** The shared stack's dashboard: dev, staging and prod side by side. */
export class CrossEnvironmentDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: { readonly dashboardName: string } & Parameters<typeof crossEnvironmentWidgets>[0]) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', { dashboardName: props.dashboardName, dashboardBody: crossEnvironmentDashboardBody(props) });
  }
}
