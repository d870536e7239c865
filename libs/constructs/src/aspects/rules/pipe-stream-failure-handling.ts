import { block, ruleFor } from './rule.js';

/** Sources whose records are read in shard order: a batch that fails forever blocks its shard. */
const STREAM_SOURCE_PARAMETERS = ['dynamodb_stream_parameters', 'kinesis_stream_parameters'] as const;

/**
 * A pipe reading a stream gives up on a failed batch after a bounded number of retries and keeps
 * its position in a dead-letter queue. Pipes' defaults retry forever (-1), so one poisoned record
 * would stop every later change in its shard, silently. No scanner ID covers pipes.
 */
export const pipeStreamFailureHandling = ruleFor('aws_pipes_pipe', 'pipe-stream-failure-handling', [], {
  description: 'A pipe reading a stream has bounded retries and a dead-letter queue',
  check(pipe) {
    const source = block(pipe.config['source_parameters']);
    return STREAM_SOURCE_PARAMETERS.flatMap((kind) => {
      const stream = block(source?.[kind]);
      if (!stream) return [];
      const retries = stream['maximum_retry_attempts'];
      return [
        ...(typeof retries !== 'number' || retries < 0 ? [`${kind} retries a failed batch forever (maximum_retry_attempts ${JSON.stringify(retries ?? 'unset')})`] : []),
        ...(typeof block(stream['dead_letter_config'])?.['arn'] === 'string' ? [] : [`${kind} has no dead_letter_config`]),
      ];
    });
  },
});
