import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { Construct } from 'constructs';
import { dashboardGridBody, type MetricWidget } from './dashboard-grid.js';
import { perFunction, type MetricSpec, type MonitoredResources } from './monitored-resources.js';

interface Widget extends MetricWidget {
  readonly metrics: readonly (MetricSpec | readonly [...MetricSpec, Record<string, unknown>])[];
}

/** The widgets of an environment's dashboard (SPEC §3.6), in reading order, three per row. */
export function dashboardWidgets(r: MonitoredResources): Widget[] {
  const stateMachine = (name: string): MetricSpec => ['AWS/States', name, 'StateMachineArn', r.stateMachineArn];
  const alb = (name: string): MetricSpec => ['AWS/ApplicationELB', name, 'LoadBalancer', r.loadBalancerArnSuffix];
  const rows = (name: string): MetricSpec => [r.metricsNamespace, name, 'service', r.rowMetricsService];
  const widgets: Widget[] = [
    { title: 'Pipeline executions', stat: 'Sum', metrics: [stateMachine('ExecutionsStarted'), stateMachine('ExecutionsSucceeded'), stateMachine('ExecutionsFailed')] },
    { title: 'Pipeline duration p95 (ms)', stat: 'p95', metrics: [stateMachine('ExecutionTime')] },
    { title: 'Rows processed and quarantined', stat: 'Sum', metrics: [rows('rows'), rows('quarantinedRows')] },
    { title: 'Lambda errors', stat: 'Sum', metrics: perFunction(r, 'Errors') },
    { title: 'Lambda throttles', stat: 'Sum', metrics: perFunction(r, 'Throttles') },
    { title: 'Dead-letter queue depth', stat: 'Maximum', metrics: [['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', r.deadLetterQueueName]] },
    {
      title: 'DynamoDB throttles',
      stat: 'Sum',
      metrics: [['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', r.tableName], ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', r.tableName]],
    },
    {
      title: 'Console 5xx',
      stat: 'Sum',
      metrics: [alb('HTTPCode_ELB_5XX_Count'), alb('HTTPCode_Target_5XX_Count')],
    },
    {
      title: 'Console latency (s)',
      metrics: [
        [...alb('TargetResponseTime'), { stat: 'p50', label: 'p50' }],
        [...alb('TargetResponseTime'), { stat: 'p99', label: 'p99' }],
      ],
    },
    {
      title: 'Console tasks',
      stat: 'Average',
      metrics: [
        ['AWS/ECS', 'CPUUtilization', 'ClusterName', r.clusterName, 'ServiceName', r.serviceName],
        ['AWS/ApplicationELB', 'HealthyHostCount', 'TargetGroup', r.targetGroupArnSuffix, 'LoadBalancer', r.loadBalancerArnSuffix],
      ],
    },
  ];
  if (r.databaseClusterIdentifier) {
    const db = (name: string): MetricSpec => ['AWS/RDS', name, 'DBClusterIdentifier', r.databaseClusterIdentifier!];
    widgets.push(
      { title: 'Database CPU (%)', stat: 'Average', metrics: [db('CPUUtilization')] },
      { title: 'Database connections', stat: 'Maximum', metrics: [db('DatabaseConnections')] },
    );
  }
  return widgets;
}

/** The CloudWatch dashboard body (JSON) for the widgets, laid out on the 24-column grid. */
export function dashboardBody(r: MonitoredResources): string {
  return dashboardGridBody(dashboardWidgets(r), r.region);
}

/** One dashboard per environment: the pipeline, its stores and the console at a glance. */
export class PipelineDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: { readonly dashboardName: string; readonly resources: MonitoredResources }) {
    super(scope, id);
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', { dashboardName: props.dashboardName, dashboardBody: dashboardBody(props.resources) });
  }
}
