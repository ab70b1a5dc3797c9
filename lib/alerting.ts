/**
 * The alert topic: scan alerts from the reconcile Lambda and the monitor's
 * own alarms go to the same place, so on-call subscribes once.
 *
 * Encrypted with a customer-managed key because CloudWatch alarms cannot use
 * the AWS-managed aws/sns key (its policy cannot grant them), and an alarm
 * that cannot publish fails silently.
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertingProps {
  /** Addresses subscribed by e-mail; each confirms the message AWS sends. */
  readonly emails: readonly string[];
  /** Name prefix of the alarms allowed to publish (the confused-deputy condition). */
  readonly alarmNamePrefix: string;
}

export class Alerting extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertingProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the AI exposure monitor alert topic',
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      // The key protects only messages in flight, nothing kept; it leaves with the stack after the pending window.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const alarmSource = {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:cloudwatch:${Aws.REGION}:${Aws.ACCOUNT_ID}:alarm:${props.alarmNamePrefix}*` },
    };
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowMonitorAlarmsToPublishToTheEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: alarmSource,
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'AI exposure monitor',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowMonitorAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: alarmSource,
      }),
    );
    for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }

  /** Publish on this topic and nothing else: sns:Publish plus the two key actions SNS needs for an encrypted topic. */
  grantPublish(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }));
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
    );
  }
}
