import { join } from 'node:path';
import type { SynthesizedFunction } from '../synthesized-pipeline.js';
import type { TaskRoot } from './task-root.js';

/**
 * What the Lambda runtime sets in every execution environment before the function's own
 * variables: its reserved `AWS_LAMBDA_*` / `LAMBDA_*` names, `/tmp` and the locale, mapped to
 * the local task root.
 */
export function runtimeEnvironment(fn: SynthesizedFunction, root: TaskRoot): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: 'UTC',
    HOME: root.tmpDir,
    TMPDIR: root.tmpDir,
    LAMBDA_TASK_ROOT: root.taskDir,
    _HANDLER: fn.handler,
    NODE_PATH: join(root.optDir, 'nodejs', 'node_modules'),
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${fn.name}`,
    // There is no X-Ray daemon here: AWS_SAM_LOCAL is how local Lambda emulators tell Powertools
    // Tracer to stay off, and the X-Ray SDK must not complain about a missing segment.
    AWS_SAM_LOCAL: 'true',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  };
}
