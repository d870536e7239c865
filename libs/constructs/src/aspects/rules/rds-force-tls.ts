import { block, refersTo, ruleFor } from './rule.js';

/** Connections without TLS are refused by the server, whatever a client asks for. */
export const rdsForceTls = ruleFor('aws_rds_cluster', 'rds-force-tls', [], {
  description: 'Every Aurora PostgreSQL cluster uses a parameter group with rds.force_ssl = 1',
  check(cluster, { resources }) {
    const groupRef = cluster.config['db_cluster_parameter_group_name'];
    const group = resources.find((r) => r.type === 'aws_rds_cluster_parameter_group' && refersTo(groupRef, r));
    if (!group) return ['cluster has no parameter group of this stack'];
    const parameters = Array.isArray(group.config['parameter']) ? (group.config['parameter'] as unknown[]) : [group.config['parameter']];
    const forced = parameters.some((p) => block(p)?.['name'] === 'rds.force_ssl' && String(block(p)?.['value']) === '1');
    return forced ? [] : ['cluster parameter group does not set rds.force_ssl = 1'];
  },
});
