import { RETRY } from '../orchestration/retry-policies.js';

/** One lower environment's reference table, and the role in its account that may write it. */
export interface ItemDestination {
  readonly environment: string;
  readonly tableName: string;
  readonly writerRoleArn: string;
}

/** `staging` → `Staging`, so state names read `PutIntoStaging`. */
const title = (environment: string) => environment.charAt(0).toUpperCase() + environment.slice(1);

/**
 * One branch per destination: a removal deletes the item by its keys, anything else (INSERT,
 * MODIFY) writes the new image whole. The SDK integration runs with the destination's role
 * (`Credentials`), so no code and no long-lived credentials cross the account boundary.
 */
function destinationBranch(destination: ItemDestination) {
  const name = title(destination.environment);
  const task = (parameters: Record<string, unknown>, action: 'putItem' | 'deleteItem') => ({
    Type: 'Task',
    Resource: `arn:aws:states:::dynamodb:${action}`,
    Credentials: { RoleArn: destination.writerRoleArn },
    Parameters: { TableName: destination.tableName, ...parameters },
    ResultPath: null,
    Retry: RETRY.dynamodb,
    End: true,
  });
  return {
    StartAt: `IsRemovalFor${name}`,
    States: {
      [`IsRemovalFor${name}`]: {
        Type: 'Choice',
        Choices: [{ Variable: '$.eventName', StringEquals: 'REMOVE', Next: `DeleteFrom${name}` }],
        Default: `PutInto${name}`,
      },
      [`PutInto${name}`]: task({ 'Item.$': '$.dynamodb.NewImage' }, 'putItem'),
      [`DeleteFrom${name}`]: task({ 'Key.$': '$.dynamodb.Keys' }, 'deleteItem'),
    },
  };
}

/**
 * The Express workflow EventBridge Pipes starts with a batch of DynamoDB stream records (a JSON
 * array). Records are applied one at a time, in stream order (a later change of an item must
 * land after an earlier one); each record goes to every destination at once. A failed write
 * fails the execution, so the pipe retries the batch (writes are idempotent: the same image or
 * the same delete) and finally sends it to its dead-letter queue.
 */
export function referenceItemDefinition(destinations: readonly ItemDestination[]): Record<string, unknown> {
  if (destinations.length === 0) throw new Error('reference item replication needs at least one destination');
  return {
    Comment: "Replicates reference-table stream records into the lower environments' reference tables",
    StartAt: 'EachRecord',
    States: {
      EachRecord: {
        Type: 'Map',
        ItemsPath: '$',
        MaxConcurrency: 1,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'ToEachEnvironment',
          States: { ToEachEnvironment: { Type: 'Parallel', Branches: destinations.map(destinationBranch), ResultPath: null, End: true } },
        },
        // The pipe only needs success or failure; the records need not travel back.
        ResultSelector: { 'replicated.$': 'States.ArrayLength($)' },
        End: true,
      },
    },
  };
}
