import type { AlarmsConfig, Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type DataPipeline } from '../data-pipeline.js';
import type { StatusService } from '../api/status-service.js';
import type { AuroraDatabase } from '../database/aurora-database.js';
import type { ArnScope } from '../iam/arns.js';
import type { PipelineConsole } from '../service/pipeline-console.js';
import type { MonitoredResources } from './monitored-resources.js';
import { PipelineAlarms } from './pipeline-alarms.js';
import { PipelineDashboard } from './pipeline-dashboard.js';
import { ROW_METRICS_SERVICE } from './environment-metric-sources.js';

export interface ObservabilityProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly thresholds: AlarmsConfig;
  readonly pipeline: DataPipeline;
  readonly console: PipelineConsole;
  readonly status: StatusService;
  readonly database: AuroraDatabase;
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
      functionNames: {
        ...Object.fromEntries(Object.entries(pipeline.functions).map(([short, fn]) => [short, fn.function.functionName])),
        'status-api': props.status.function.function.functionName,
      },
      // The transform handler emits the row metrics (Powertools: namespace and `service` dimension from its environment).
      rowMetricsService: ROW_METRICS_SERVICE,
      metricsNamespace: METRICS_NAMESPACE,
      deadLetterQueueName: pipeline.deadLetterQueue.queue.name,
      tableName: pipeline.table.table.name,
      loadBalancerArnSuffix: pipelineConsole.loadBalancer.loadBalancer.arnSuffix,
      targetGroupArnSuffix: pipelineConsole.loadBalancer.targetGroup.arnSuffix,
      clusterName: pipelineConsole.service.cluster.name,
      serviceName: pipelineConsole.service.service.name,
      databaseClusterIdentifier: props.database.cluster.clusterIdentifier,
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
