import { containerDefinitions } from './ecs-container-definitions.js';
import { ruleFor } from './rule.js';

/** No container gets root-equivalent rights on its host. */
export const ecsNonPrivileged = ruleFor('aws_ecs_task_definition', 'ecs-non-privileged', ['CKV_AWS_334'], {
  description: 'No container runs privileged',
  check(task) {
    return containerDefinitions(task)
      .filter((c) => c['privileged'] === true)
      .map((c) => `container ${String(c['name'])} is privileged`);
  },
});
