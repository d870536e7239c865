import { containerDefinitions } from './ecs-container-definitions.js';
import { ruleFor } from './rule.js';

/** A compromised process cannot change the image it runs from. */
export const ecsReadOnlyRootFilesystem = ruleFor('aws_ecs_task_definition', {
  id: 'ecs-read-only-root-filesystem',
  description: 'Every container has a read-only root filesystem',
  scannerIds: ['CKV_AWS_336'],
  check(task) {
    return containerDefinitions(task)
      .filter((c) => c['readonlyRootFilesystem'] !== true)
      .map((c) => `container ${String(c['name'])} has a writable root filesystem`);
  },
});
