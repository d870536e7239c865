import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Naming } from '@data-platform/config';
import { Construct } from 'constructs';
import { metricSources } from '../observability/environment-metric-sources.js';

/**
 * TLS 1.3 with TLS 1.2 fallback and forward-secret ciphers only: the policy AWS recommends for
 * new HTTPS listeners (checkov CKV_AWS_103, trivy AVD-AWS-0047).
 */
export const MODERN_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Prefix of the load balancer's access logs in the access-log bucket. */
export const LOAD_BALANCER_LOG_PREFIX = 'alb';

export interface ConsoleLoadBalancerProps {
  readonly naming: Naming;
  readonly vpcId: string;
  readonly publicSubnetIds: readonly string[];
  /** Host name the certificate is issued for, and of the alias record pointing at the load balancer. */
  readonly hostName: string;
  /** Public hosted zone holding hostName (DNS validation and the alias record). */
  readonly hostedZoneId: string;
  readonly containerPort: number;
  readonly healthCheckPath: string;
  /** Data protection (prod): the load balancer gets deletion protection. */
  readonly protection: boolean;
  /** Bucket that receives the access logs (its policy must let Elastic Load Balancing write them). */
  readonly accessLogBucket: string;
}

/**
 * Internet-facing Application Load Balancer of the console in the public subnets: HTTPS with a
 * DNS-validated ACM certificate and a modern TLS policy, plain HTTP answered only by a redirect,
 * invalid headers dropped, access logs on, and a target group that health-checks the tasks.
 */
export class ConsoleLoadBalancer extends Construct {
  readonly loadBalancer: Lb;
  readonly securityGroup: SecurityGroup;
  readonly targetGroup: LbTargetGroup;
  readonly httpsListener: LbListener;
  readonly httpListener: LbListener;
  readonly certificate: AcmCertificate;

  constructor(scope: Construct, id: string, props: ConsoleLoadBalancerProps) {
    super(scope, id);
    const { naming } = props;
    // Rules are separate resources so the tasks' group can name this one and the reverse (no cycle).
    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: naming.name('securityGroup', 'secgroup', 'console-alb'),
      description: 'Console load balancer: HTTP and HTTPS from the internet, the tasks behind it',
      vpcId: props.vpcId,
    });
    for (const port of [443, 80]) {
      new VpcSecurityGroupIngressRule(this, `ingress-${port}`, {
        securityGroupId: this.securityGroup.id,
        description: port === 443 ? 'HTTPS from the internet' : 'HTTP from the internet (answered with a redirect to HTTPS)',
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: '0.0.0.0/0',
      });
    }

    this.loadBalancer = new Lb(this, 'alb', {
      name: metricSources.loadBalancerName(naming),
      loadBalancerType: 'application',
      internal: false,
      securityGroups: [this.securityGroup.id],
      subnets: [...props.publicSubnetIds],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.protection,
      accessLogs: { bucket: props.accessLogBucket, prefix: LOAD_BALANCER_LOG_PREFIX, enabled: true },
    });

    this.targetGroup = new LbTargetGroup(this, 'targets', {
      name: naming.name('loadBalancer', 'tg', 'console'),
      port: props.containerPort,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: props.vpcId,
      deregistrationDelay: '30',
      healthCheck: {
        path: props.healthCheckPath,
        matcher: '200',
        interval: 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });

    this.certificate = new AcmCertificate(this, 'certificate', {
      domainName: props.hostName,
      validationMethod: 'DNS',
      lifecycle: { createBeforeDestroy: true },
    });
    // One name, so exactly one validation record (the set's only element).
    const validation = this.certificate.domainValidationOptions.get(0);
    const validationRecord = new Route53Record(this, 'certificate-validation-record', {
      zoneId: props.hostedZoneId,
      name: validation.resourceRecordName,
      type: validation.resourceRecordType,
      records: [validation.resourceRecordValue],
      ttl: 300,
      allowOverwrite: true,
    });
    const validated = new AcmCertificateValidation(this, 'certificate-validation', {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: [validationRecord.fqdn],
    });

    this.httpsListener = new LbListener(this, 'https', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: 'HTTPS',
      sslPolicy: MODERN_TLS_POLICY,
      certificateArn: validated.certificateArn,
      defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
    });
    this.httpListener = new LbListener(this, 'http', {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: 'HTTP',
      defaultAction: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', statusCode: 'HTTP_301' } }],
    });

    new Route53Record(this, 'alias', {
      zoneId: props.hostedZoneId,
      name: props.hostName,
      type: 'A',
      alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
    });
  }
}
