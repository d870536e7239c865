import type { AlarmsConfig, Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type DataPipeline } from '../data-pipeline.js';
import type { ArnScope } from '../iam/arns.js';
import type { PipelineConsole } from '../service/pipeline-console.js';
import type { MonitoredResources } from './monitored-resources.js';
import { PipelineAlarms } from './pipeline-alarms.js';
import { PipelineDashboard } from './pipeline-dashboard.js';

export interface ObservabilityProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly thresholds: AlarmsConfig;
  readonly pipeline: DataPipeline;
  readonly console: PipelineConsole;
  /** The Aurora cluster's identifier, once the environment has a database. */
  readonly databaseClusterIdentifier?: string;
}

/** SPEC §3.6: the environment's dashboard and its alarms, which notify the pipeline's alert topic. */
export class Observability extends Construct {
  readonly dashboard: PipelineDashboard;
  readonly alarms: PipelineAlarms;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { pipeline, console: pipelineConsole } = props;
    const resources: MonitoredResources = {
      region: props.arnScope.region,
      stateMachineArn: pipeline.stateMachine.stateMachine.arn,
      functionNames: Object.fromEntries(Object.entries(pipeline.functions).map(([short, fn]) => [short, fn.function.functionName])),
      // The transform handler emits the row metrics (Powertools: namespace and `service` dimension from its environment).
      rowMetricsService: 'transform',
      metricsNamespace: METRICS_NAMESPACE,
      deadLetterQueueName: pipeline.deadLetterQueue.queue.name,
      tableName: pipeline.table.table.name,
      loadBalancerArnSuffix: pipelineConsole.loadBalancer.loadBalancer.arnSuffix,
      targetGroupArnSuffix: pipelineConsole.loadBalancer.targetGroup.arnSuffix,
      clusterName: pipelineConsole.service.cluster.name,
      serviceName: pipelineConsole.service.service.name,
      ...(props.databaseClusterIdentifier ? { databaseClusterIdentifier: props.databaseClusterIdentifier } : {}),
    };
    this.dashboard = new PipelineDashboard(this, 'dashboard', { dashboardName: props.naming.name('generic', 'dashboard', 'pipeline'), resources });
    this.alarms = new PipelineAlarms(this, 'alarms', {
      naming: props.naming,
      arnScope: props.arnScope,
      thresholds: props.thresholds,
      resources,
      alertTopicArn: pipeline.alertTopic.topic.arn,
    });
  }
}
