import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmConfig,
  type CloudwatchMetricAlarmMetricQuery,
  type CloudwatchMetricAlarmMetricQueryMetric,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import type { AlarmsConfig, Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import type { ArnScope } from '../iam/arns.js';
import type { MonitoredResources } from './monitored-resources.js';

const PERIOD_SECONDS = 300;

type AlarmSettings = Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions' | 'evaluationPeriods'> & { evaluationPeriods?: number };

/**
 * A metric-math alarm value: the named metrics are inputs (not returned), and `result`, an
 * expression over their ids, is what the alarm compares with its threshold.
 */
function metricMath(result: { id: string; expression: string; label: string }, inputs: Record<string, CloudwatchMetricAlarmMetricQueryMetric>): CloudwatchMetricAlarmMetricQuery[] {
  return [...Object.entries(inputs).map(([id, metric]) => ({ id, metric, returnData: false })), { ...result, returnData: true }];
}

export interface PipelineAlarmsProps {
  readonly naming: Naming;
  readonly arnScope: ArnScope;
  readonly thresholds: AlarmsConfig;
  readonly resources: MonitoredResources;
  /** Topic every alarm notifies, when it fires and when it clears. */
  readonly alertTopicArn: string;
}

/**
 * SPEC §3.6: alarms with the environment's thresholds (loose in dev, strict in prod) on failed
 * executions, Lambda error rate, pipeline latency, dead letters, console 5xx and unhealthy targets,
 * and database CPU once there is a database. Each notifies the alert topic.
 */
export class PipelineAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];
  /** ARNs of the alarms built from their names, for the key policy (the alarms depend on the key's topic). */
  readonly alarmArns: string[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: PipelineAlarmsProps,
  ) {
    super(scope, id);
    const { thresholds: t, resources: r } = props;
    const stateMachine = { StateMachineArn: r.stateMachineArn };

    this.add(props, 'failed-executions', {
      alarmDescription: `At least ${t.failedExecutions} pipeline executions failed in 5 minutes`,
      namespace: 'AWS/States', metricName: 'ExecutionsFailed', dimensions: stateMachine, statistic: 'Sum', period: PERIOD_SECONDS,
      threshold: t.failedExecutions, comparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    this.add(props, 'pipeline-latency', {
      alarmDescription: `p99 pipeline execution time above ${t.pipelineLatencySeconds} s`,
      namespace: 'AWS/States', metricName: 'ExecutionTime', dimensions: stateMachine, extendedStatistic: 'p99', period: PERIOD_SECONDS,
      threshold: t.pipelineLatencySeconds * 1000, comparisonOperator: 'GreaterThanThreshold',
    });
    for (const [short, functionName] of Object.entries(r.functionNames)) {
      const metric = (metricName: string) => ({ namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: functionName }, period: PERIOD_SECONDS, stat: 'Sum' });
      this.add(props, `${short}-error-rate`, {
        alarmDescription: `More than ${t.lambdaErrorRatePercent}% of ${short} invocations failed in 5 minutes`,
        threshold: t.lambdaErrorRatePercent, comparisonOperator: 'GreaterThanThreshold',
        metricQuery: metricMath({ id: 'rate', expression: 'IF(invocations > 0, 100 * errors / invocations, 0)', label: 'error rate (%)' }, {
          errors: metric('Errors'),
          invocations: metric('Invocations'),
        }),
      });
    }
    this.watchDeadLetters('dlq-messages', r.deadLetterQueueName, 'events');
    const alb = (metricName: string) => ({
      namespace: 'AWS/ApplicationELB', metricName, dimensions: { LoadBalancer: r.loadBalancerArnSuffix }, period: PERIOD_SECONDS, stat: 'Sum',
    });
    this.add(props, 'console-5xx', {
      alarmDescription: `${t.alb5xxCount} or more 5xx responses from the console (load balancer and tasks) in 5 minutes`,
      threshold: t.alb5xxCount, comparisonOperator: 'GreaterThanOrEqualToThreshold',
      metricQuery: metricMath({ id: 'total', expression: 'FILL(elb, 0) + FILL(target, 0)', label: '5xx responses' }, {
        elb: alb('HTTPCode_ELB_5XX_Count'),
        target: alb('HTTPCode_Target_5XX_Count'),
      }),
    });
    this.add(props, 'console-unhealthy', {
      alarmDescription: `${t.unhealthyTargets} or more console tasks fail the load balancer's health check`,
      namespace: 'AWS/ApplicationELB', metricName: 'UnHealthyHostCount',
      dimensions: { TargetGroup: r.targetGroupArnSuffix, LoadBalancer: r.loadBalancerArnSuffix },
      statistic: 'Maximum', period: 60, evaluationPeriods: 3, threshold: t.unhealthyTargets, comparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    if (r.databaseClusterIdentifier) {
      this.add(props, 'database-cpu', {
        alarmDescription: `Database CPU above ${t.databaseCpuPercent}% for 15 minutes`,
        namespace: 'AWS/RDS', metricName: 'CPUUtilization', dimensions: { DBClusterIdentifier: r.databaseClusterIdentifier },
        statistic: 'Average', period: PERIOD_SECONDS, evaluationPeriods: 3, threshold: t.databaseCpuPercent, comparisonOperator: 'GreaterThanThreshold',
      });
    }
  }

  /**
   * An alarm on a dead-letter queue's depth at the environment's threshold: the pipeline's queue,
   * and any other queue the stack keeps failures in (prod's reference-item replication), whose alarm
   * then belongs to `owner` (so an environment-specific queue brings its own environment-specific alarm).
   */
  watchDeadLetters(name: string, queueName: string, what: string, owner: Construct = this): void {
    const threshold = this.props.thresholds.dlqMessages;
    this.add(this.props, name, {
      alarmDescription: `${threshold} or more ${what} wait in the dead-letter queue (kept 14 days)`,
      namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: queueName },
      statistic: 'Maximum', period: PERIOD_SECONDS, threshold, comparisonOperator: 'GreaterThanOrEqualToThreshold',
    }, owner);
  }

  private add(props: PipelineAlarmsProps, name: string, settings: AlarmSettings, owner: Construct = this): void {
    const alarmName = props.naming.name('generic', 'alarm', name);
    this.alarms.push(
      new CloudwatchMetricAlarm(owner, name, {
        evaluationPeriods: 1,
        // No data (no runs, no traffic) is not an incident.
        treatMissingData: 'notBreaching',
        ...settings,
        alarmName,
        alarmActions: [props.alertTopicArn],
        okActions: [props.alertTopicArn],
      }),
    );
    this.alarmArns.push(`arn:aws:cloudwatch:${props.arnScope.region}:${props.arnScope.accountId}:alarm:${alarmName}`);
  }
}
