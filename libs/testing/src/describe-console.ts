import { describe, expect, it } from 'vitest';
import { synthesizedApp } from './workspace-paths.js';

/** SPEC §2/§3.5/§3.6 values of one environment's console and alarms, written out per app. */
export interface ConsoleExpectations {
  readonly desiredCount: number;
  readonly maxCount: number;
  /** Host name of the certificate and the alias record. */
  readonly hostName: string;
  readonly healthCheckPath: string;
  readonly deletionProtection: boolean;
  /** Alarm thresholds by alarm short name (`alarm-{env}-{name}-{suffix}`), in the alarm's own unit. */
  readonly alarmThresholds: Readonly<Record<string, number>>;
}

/** Asserts an app's synthesized console service, load balancer and alarms against its expectations. */
export function describeConsole(appName: string, expected: ConsoleExpectations): void {
  describe(`${appName} console and alarms`, () => {
    const stack = synthesizedApp(appName);

    it(`runs ${expected.desiredCount} Fargate task(s), scaling on CPU up to ${expected.maxCount}`, () => {
      expect(stack.one('aws_ecs_service').config).toMatchObject({
        desired_count: expected.desiredCount,
        launch_type: 'FARGATE',
        deployment_circuit_breaker: { enable: true, rollback: true },
        network_configuration: { assign_public_ip: false },
      });
      expect(stack.one('aws_appautoscaling_target').config).toMatchObject({ min_capacity: expected.desiredCount, max_capacity: expected.maxCount });
      const policy = stack.one('aws_appautoscaling_policy').config['target_tracking_scaling_policy_configuration'] as Record<string, unknown>;
      expect(policy['predefined_metric_specification']).toEqual({ predefined_metric_type: 'ECSServiceAverageCPUUtilization' });
    });

    it("pins the arm64 image by digest, in the shared stack's repository read from its state", () => {
      const task = stack.one('aws_ecs_task_definition').config;
      expect(task['runtime_platform']).toEqual({ cpu_architecture: 'ARM64', operating_system_family: 'LINUX' });
      const [container] = JSON.parse(String(task['container_definitions'])) as Array<{ name: string; image: string }>;
      expect(container!.name).toBe('console');
      expect(container!.image).toMatch(/^\$\{data\.terraform_remote_state\.shared_[\w-]+\.outputs\.console_repository_url\}@sha256:[0-9a-f]{64}$/);
    });

    it(`serves HTTPS for ${expected.hostName} with a DNS-validated certificate and redirects HTTP`, () => {
      const certificate = stack.one('aws_acm_certificate');
      expect(certificate.config).toMatchObject({ domain_name: expected.hostName, validation_method: 'DNS' });
      const https = stack.ofType('aws_lb_listener').find((l) => l.config['port'] === 443)!.config;
      // TLS 1.3 with a TLS 1.2 fallback, forward secrecy only.
      expect(https).toMatchObject({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' });
      expect(https['certificate_arn']).toMatch(/^\$\{aws_acm_certificate_validation\..+\.certificate_arn\}$/);
      const http = stack.ofType('aws_lb_listener').find((l) => l.config['port'] === 80)!.config;
      expect(http['default_action']).toEqual([expect.objectContaining({ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } })]);
    });

    it(`health-checks the tasks on ${expected.healthCheckPath}; deletion protection ${expected.deletionProtection ? 'on' : 'off'}`, () => {
      expect(stack.one('aws_lb_target_group').config['health_check']).toMatchObject({ path: expected.healthCheckPath, matcher: '200' });
      expect(stack.one('aws_lb').config).toMatchObject({ enable_deletion_protection: expected.deletionProtection, drop_invalid_header_fields: true });
    });

    it('alarms at the configured thresholds', () => {
      const thresholds = Object.fromEntries(
        stack.ofType('aws_cloudwatch_metric_alarm').map((a) => [String(a.config['alarm_name']).split('-').slice(2, -1).join('-'), a.config['threshold']]),
      );
      expect(thresholds).toEqual(expected.alarmThresholds);
    });
  });
}
