import { ruleFor } from './rule.js';

/** Task-level CPU, memory and network metrics for every cluster. */
export const ecsContainerInsights = ruleFor('aws_ecs_cluster', 'ecs-container-insights', ['CKV_AWS_65'], {
  description: 'Every ECS cluster has Container Insights on',
  check(cluster) {
    const settings = (Array.isArray(cluster.config['setting']) ? cluster.config['setting'] : []) as Array<Record<string, unknown>>;
    const on = settings.some((s) => s['name'] === 'containerInsights' && (s['value'] === 'enabled' || s['value'] === 'enhanced'));
    return on ? [] : ['containerInsights is not enabled'];
  },
});
