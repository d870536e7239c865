import { randomUUID } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { TaskError } from './state-machine/task-error.js';

/** One message published to a topic, as recorded in `sns.jsonl`. */
export interface PublishedMessage {
  readonly messageId: string;
  readonly topicArn: string;
  readonly topicName: string;
  readonly subject?: string;
  readonly message: string;
  /** String message attributes by name (the alert's environment, reason, run id, ...). */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly timestamp: string;
}

/** An SNS message attribute as a Publish request carries it. */
interface MessageAttribute {
  readonly DataType?: string;
  readonly StringValue?: string;
}

/** SNS's own limits, checked so a message that AWS would reject fails here too. */
const MAX_MESSAGE_BYTES = 256 * 1024;
const MAX_SUBJECT_CHARS = 100;

/**
 * Stands in for SNS: publishes to the stack's topics are appended to a JSON Lines file (nobody
 * is subscribed locally). Unknown topics and oversized messages fail as SNS would.
 */
export class SnsRecorder {
  readonly messages: PublishedMessage[] = [];

  constructor(
    /** Topic ARN → name, from the synthesized stack. */
    private readonly topics: ReadonlyMap<string, string>,
    readonly file: string,
  ) {
    writeFileSync(file, '');
  }

  publish(params: { TopicArn?: string; Subject?: string; Message?: string; MessageAttributes?: Record<string, MessageAttribute> }): { MessageId: string } {
    const topicName = params.TopicArn ? this.topics.get(params.TopicArn) : undefined;
    if (!params.TopicArn || topicName === undefined) throw new TaskError('SNS.NotFoundException', `Topic does not exist: ${params.TopicArn}`);
    if (typeof params.Message !== 'string') throw new TaskError('SNS.InvalidParameterException', 'Invalid parameter: Message');
    if (Buffer.byteLength(params.Message) > MAX_MESSAGE_BYTES) {
      throw new TaskError('SNS.InvalidParameterException', 'Invalid parameter: Message too long');
    }
    if (params.Subject !== undefined && params.Subject.length > MAX_SUBJECT_CHARS) {
      throw new TaskError('SNS.InvalidParameterException', 'Invalid parameter: Subject');
    }
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(params.MessageAttributes ?? {})) {
      // SNS rejects an attribute without a type or with an empty value.
      if (attribute.DataType !== 'String' || !attribute.StringValue) {
        throw new TaskError('SNS.InvalidParameterException', `Invalid parameter: MessageAttributes.${name}`);
      }
      attributes[name] = attribute.StringValue;
    }
    const recorded: PublishedMessage = {
      messageId: randomUUID(),
      topicArn: params.TopicArn,
      topicName,
      ...(params.Subject !== undefined ? { subject: params.Subject } : {}),
      message: params.Message,
      ...(params.MessageAttributes !== undefined ? { attributes } : {}),
      timestamp: new Date().toISOString(),
    };
    this.messages.push(recorded);
    appendFileSync(this.file, `${JSON.stringify(recorded)}\n`);
    return { MessageId: recorded.messageId };
  }
}
