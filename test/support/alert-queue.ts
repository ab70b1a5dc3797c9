/** An SQS queue subscribed to the alert topic: how tests read what on-call would receive. */
import { SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The SNS envelope SQS receives when raw delivery is off. */
export interface SnsEnvelope {
  readonly Subject: string;
  readonly Message: string;
  readonly MessageAttributes: Record<string, { readonly Type: string; readonly Value: string }>;
}

export async function subscribeQueue(sns: SNSClient, sqs: SQSClient, topicArn: string, queueName: string): Promise<string> {
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: queueName }))).QueueUrl!;
  const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!['QueueArn']!;
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn }));
  return queueUrl;
}

/**
 * Everything on the queue now, taken off it. SNS→SQS delivery in moto completes inside Publish, so no waiting is needed.
 * Each message read is deleted: one only received comes back after the queue's visibility timeout (30 s), into a later
 * drain, where a slow run would count it twice.
 */
export async function drainQueue(sqs: SQSClient, queueUrl: string): Promise<SnsEnvelope[]> {
  const messages: SnsEnvelope[] = [];
  for (;;) {
    const batch = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
    if (!batch.Messages?.length) return messages;
    messages.push(...batch.Messages.map((m) => JSON.parse(m.Body!) as SnsEnvelope));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.Messages.map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle! })) }),
    );
    if (deleted.Failed?.length) throw new Error(`alert queue: ${deleted.Failed.length} messages not deleted (${deleted.Failed[0]!.Message ?? deleted.Failed[0]!.Code})`);
  }
}
