import { containerDefinitions } from './ecs-container-definitions.js';
import { ruleFor } from './rule.js';

/** A compromised process cannot change the image it runs from. */
export const ecsReadOnlyRootFilesystem = ruleFor('aws_ecs_task_definition', 'ecs-read-only-root-filesystem', ['CKV_AWS_336'], {
  description: 'Every container has a read-only root filesystem',
  check(task) {
    return containerDefinitions(task)
      .filter((c) => c['readonlyRootFilesystem'] !== true)
      .map((c) => `container ${String(c['name'])} has a writable root filesystem`);
  },
});
