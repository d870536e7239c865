import { containerDefinitions } from './ecs-container-definitions.js';
import { ruleFor } from './rule.js';

/** What was reviewed is what runs: a tag (`:latest` above all) can be moved under a running service. */
export const ecsImageByDigest = ruleFor('aws_ecs_task_definition', 'ecs-image-by-digest', [], {
  description: 'Every container image is pinned by digest, never by tag',
  check(task) {
    return containerDefinitions(task)
      .filter((c) => !/@sha256:[0-9a-f]{64}$/.test(String(c['image'])))
      .map((c) => `container ${String(c['name'])} image ${String(c['image'])} is not pinned by digest`);
  },
});
