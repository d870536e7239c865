/**
 * What the dashboard and the alarms watch, by the names and ids AWS publishes metrics under.
 * Values may be Terraform references (they resolve at synth inside the dashboard body).
 */
export interface MonitoredResources {
  readonly region: string;
  readonly stateMachineArn: string;
  /** Lambda function names by short name (validate, transform, quarantine). */
  readonly functionNames: Readonly<Record<string, string>>;
  /** Powertools service name of the function that emits the row metrics (its POWERTOOLS_SERVICE_NAME). */
  readonly rowMetricsService: string;
  /** Namespace the functions' Powertools metrics go to (POWERTOOLS_METRICS_NAMESPACE). */
  readonly metricsNamespace: string;
  readonly deadLetterQueueName: string;
  readonly tableName: string;
  /** `app/{name}/{id}`: the LoadBalancer dimension of AWS/ApplicationELB. */
  readonly loadBalancerArnSuffix: string;
  /** `targetgroup/{name}/{id}`: the TargetGroup dimension. */
  readonly targetGroupArnSuffix: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** The Aurora cluster, once the environment has one (DBClusterIdentifier dimension). */
  readonly databaseClusterIdentifier?: string;
}

/** One metric as a dashboard widget names it: namespace, name, then dimension name/value pairs. */
export type MetricSpec = readonly [namespace: string, metricName: string, ...dimensions: string[]];

/** The metrics of the pipeline's Lambda functions, one line per function. */
export function perFunction(resources: MonitoredResources, metricName: string): MetricSpec[] {
  return Object.values(resources.functionNames).map((name): MetricSpec => ['AWS/Lambda', metricName, 'FunctionName', name]);
}
