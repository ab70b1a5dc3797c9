/** Publishes a formatted alert to the SNS topic; the caller decides what a failure means. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { AlertPublishError } from './errors.js';
import type { AlertMessage } from './format.js';

/** Resolves with SNS's MessageId; rejects with an `AlertPublishError` naming the topic and SNS's reason. */
export async function publishAlert(sns: SNSClient, topicArn: string, message: AlertMessage): Promise<string> {
  let messageId: string | undefined;
  try {
    const response = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: message.subject,
        Message: message.body,
        MessageAttributes: message.attributes,
      }),
    );
    messageId = response.MessageId;
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new AlertPublishError(`publishing the alert "${message.subject}" to SNS topic ${topicArn} failed: ${reason}`, { cause: error });
  }
  if (!messageId) throw new AlertPublishError(`SNS topic ${topicArn} accepted the alert "${message.subject}" but returned no MessageId`);
  return messageId;
}
