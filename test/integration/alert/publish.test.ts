/**
 * The alert through real SNS and SQS (moto server mode): what a subscribed
 * queue receives with raw message delivery off and on, and subscription filter
 * policies on the alert's attributes.
 */
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertPublishError } from '../../../lambdas/alert/errors.js';
import { DEFAULT_MAX_BODY_BYTES, formatAlert, type AlertMessage } from '../../../lambdas/alert/format.js';
import { publishAlert } from '../../../lambdas/alert/publish.js';
import { utf8Bytes } from '../../../lambdas/shared/plain-text.js';
import { SEVERITIES, type ExposureChange } from '../../../lambdas/shared/model.js';
import { startMoto, type MotoServer } from '../../support/moto.js';
import { LIST_ALL, aChange, aReport } from '../../unit/alert/builders.js';

const region = 'us-east-1';

/** One SQS queue subscribed to the topic. */
interface Subscriber {
  readonly queueUrl: string;
}

async function subscribeQueue(
  sns: SNSClient,
  sqs: SQSClient,
  topicArn: string,
  name: string,
  attributes: { RawMessageDelivery?: 'true' | 'false'; FilterPolicy?: string },
): Promise<Subscriber> {
  const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: Attributes!.QueueArn, Attributes: attributes }));
  return { queueUrl: queueUrl! };
}

/** Everything the queue holds now; long polling returns as soon as a message is there. */
async function drain(sqs: SQSClient, subscriber: Subscriber): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: subscriber.queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], WaitTimeSeconds: messages.length ? 0 : 1 }),
    );
    if (Messages.length === 0) return messages;
    messages.push(...Messages);
  }
}

/** The SNS JSON envelope a queue receives when raw message delivery is off. */
interface SnsEnvelope {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Subject: string;
  Message: string;
  MessageAttributes: Record<string, { Type: string; Value: string }>;
}

const alertOf = (changes: readonly ExposureChange[], maxBodyBytes?: number): AlertMessage => {
  const message = formatAlert(aReport(changes), { listAllCommand: LIST_ALL, ...(maxBodyBytes ? { maxBodyBytes } : {}) });
  if (!message) throw new Error('expected an alert');
  return message;
};

describe('Function: publishAlert against moto SNS → SQS', () => {
  let moto: MotoServer;
  let sns: SNSClient;
  let sqs: SQSClient;
  let topicArn: string;
  let envelopeQueue: Subscriber;
  let rawQueue: Subscriber;
  let pagerQueue: Subscriber;
  let otherAccountQueue: Subscriber;

  beforeAll(async () => {
    moto = await startMoto();
    const clientConfig = { endpoint: moto.endpoint, region, credentials: moto.credentials };
    sns = new SNSClient(clientConfig);
    sqs = new SQSClient(clientConfig);
    ({ TopicArn: topicArn } = (await sns.send(new CreateTopicCommand({ Name: 'ai-exposure-alerts' }))) as { TopicArn: string });
    envelopeQueue = await subscribeQueue(sns, sqs, topicArn, 'alerts-envelope', { RawMessageDelivery: 'false' });
    rawQueue = await subscribeQueue(sns, sqs, topicArn, 'alerts-raw', { RawMessageDelivery: 'true' });
    pagerQueue = await subscribeQueue(sns, sqs, topicArn, 'alerts-pager', { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ severity: ['critical', 'high'] }) });
    otherAccountQueue = await subscribeQueue(sns, sqs, topicArn, 'alerts-account-2222', {
      RawMessageDelivery: 'true',
      FilterPolicy: JSON.stringify({ accounts: ['222233334444'] }),
    });
  });

  afterAll(async () => {
    sns?.destroy();
    sqs?.destroy();
    await moto?.stop();
  });

  it('delivers subject, body and attributes to every kind of subscriber, filtered by severity and account', async () => {
    // Prepare
    const lowOnly = alertOf([aChange({ severity: 'low', target: { resourceId: 'i-low' } })]);
    const critical = alertOf([aChange({ target: { resourceId: 'i-crit' } }), aChange({ kind: 'resolved', severity: 'high', target: { accountId: '222233334444', region: 'eu-west-1' } })]);

    // Act
    const lowId = await publishAlert(sns, topicArn, lowOnly);
    const criticalId = await publishAlert(sns, topicArn, critical);

    // Assess: the JSON envelope carries everything, attributes as {Type, Value}.
    const envelopes = (await drain(sqs, envelopeQueue)).map((m) => JSON.parse(m.Body!) as SnsEnvelope);
    expect(envelopes.map((e) => e.MessageId).sort()).toEqual([lowId, criticalId].sort());
    const envelope = envelopes.find((e) => e.MessageId === criticalId)!;
    expect(envelope).toMatchObject({ Type: 'Notification', TopicArn: topicArn, Subject: critical.subject, Message: critical.body });
    expect(envelope.MessageAttributes).toEqual(
      Object.fromEntries(Object.entries(critical.attributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.StringValue }])),
    );

    // Raw delivery: the body as is, attributes as SQS message attributes.
    const raw = await drain(sqs, rawQueue);
    expect(raw.map((m) => m.Body).sort()).toEqual([lowOnly.body, critical.body].sort());
    const rawCritical = raw.find((m) => m.Body === critical.body)!;
    expect(rawCritical.MessageAttributes).toEqual(
      Object.fromEntries(Object.entries(critical.attributes).map(([name, value]) => [name, { DataType: value.DataType, StringValue: value.StringValue }])),
    );
    expect(JSON.parse(rawCritical.MessageAttributes!.accounts!.StringValue!)).toEqual(['111122223333', '222233334444']);

    // The pager queue (severity critical/high) never got the low-only alert.
    expect((await drain(sqs, pagerQueue)).map((m) => m.Body)).toEqual([critical.body]);
    // A filter on one account of the String.Array attribute matches the alert that names it.
    expect((await drain(sqs, otherAccountQueue)).map((m) => m.Body)).toEqual([critical.body]);
  });

  it('publishes a cut-down alert of 2,000 changes whole', async () => {
    // Prepare
    const changes = Array.from({ length: 2_000 }, (_, i) =>
      aChange({ severity: SEVERITIES[i % SEVERITIES.length]!, target: { resourceId: `i-${i}`, nameTag: `team-${i}-é-😀` }, overrides: { why: 'w'.repeat(300) } }),
    );
    const message = alertOf(changes, DEFAULT_MAX_BODY_BYTES);
    expect(utf8Bytes(message.body)).toBeGreaterThan(200 * 1024);

    // Act
    await publishAlert(sns, topicArn, message);

    // Assess
    const [received, ...others] = await drain(sqs, rawQueue);
    expect(others).toHaveLength(0);
    expect(received!.Body).toBe(message.body);
    expect(received!.MessageAttributes!.changeCount).toEqual({ DataType: 'Number', StringValue: '2000' });
    await drain(sqs, envelopeQueue);
    await drain(sqs, pagerQueue);
    await drain(sqs, otherAccountQueue);
  });

  it('rejects with an AlertPublishError naming the topic and SNS\'s reason when the topic does not exist', async () => {
    // Prepare
    const missingTopic = topicArn.replace(/ai-exposure-alerts$/, 'no-such-topic');
    // Act
    const publishing = publishAlert(sns, missingTopic, alertOf([aChange()]));
    // Assess
    await expect(publishing).rejects.toThrow(AlertPublishError);
    await expect(publishing).rejects.toThrow(new RegExp(`publishing the alert "CRITICAL: .*" to SNS topic ${missingTopic} failed: NotFoundException: `));
    await expect(publishing).rejects.toHaveProperty('cause.name', 'NotFoundException');
  });
});
