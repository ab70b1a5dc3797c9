/**
 * The monitor as one stack: store, alerting, scan pipeline and the alarms that
 * watch it. Environment-agnostic (no account/region, no context lookups), so
 * `cdk synth` runs offline without credentials.
 */
import { CfnOutput, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib';
import type { Construct, IConstruct } from 'constructs';
import { Alerting } from './alerting.js';
import { lambdaEnvironment, type MonitorConfig } from './config.js';
import { ScanPipeline } from './scan-pipeline.js';
import { SelfMonitoring } from './self-monitoring.js';
import { Store } from './store.js';

export interface MonitorStackProps extends StackProps {
  readonly config: MonitorConfig;
}

export class MonitorStack extends Stack {
  public readonly store: Store;
  public readonly alerting: Alerting;
  public readonly pipeline: ScanPipeline;
  public readonly selfMonitoring: SelfMonitoring;

  constructor(scope: Construct, id: string, props: MonitorStackProps) {
    super(scope, id, props);
    const { config } = props;
    const alarmNamePrefix = `${this.stackName}-`;

    this.store = new Store(this, 'Store');
    this.alerting = new Alerting(this, 'Alerting', { emails: config.alertEmails, alarmNamePrefix });
    this.pipeline = new ScanPipeline(this, 'ScanPipeline', {
      config,
      store: this.store,
      environment: lambdaEnvironment(config, { tableName: this.store.table.tableName, topicArn: this.alerting.topic.topicArn }),
      grantPublish: (grantee) => this.alerting.grantPublish(grantee),
    });
    this.selfMonitoring = new SelfMonitoring(this, 'SelfMonitoring', {
      alarmNamePrefix,
      scanIntervalMinutes: config.scanIntervalMinutes,
      stateMachine: this.pipeline.stateMachine,
      functions: {
        Plan: this.pipeline.planFunction,
        Inventory: this.pipeline.inventoryFunction,
        Probe: this.pipeline.probeFunction,
        Reconcile: this.pipeline.reconcileFunction,
      },
      topic: this.alerting.topic,
    });

    new CfnOutput(this, 'TableName', { value: this.store.table.tableName, description: 'State and history (retained on stack deletion)' });
    new CfnOutput(this, 'AlertTopicArn', { value: this.alerting.topic.topicArn, description: 'Subscribe on-call here' });
    new CfnOutput(this, 'StateMachineArn', { value: this.pipeline.stateMachine.stateMachineArn, description: 'Start a scan by hand: aws stepfunctions start-execution --state-machine-arn <this> --input {}' });
    new CfnOutput(this, 'InventoryRoleArn', { value: this.pipeline.inventoryFunction.executionRole.roleArn, description: 'Trusted by the target-account role' });

    acknowledgeNagFindings(this);
  }
}

/** cdk-nag AwsSolutions findings accepted on purpose, each with the reason a reviewer needs. */
function acknowledgeNagFindings(stack: MonitorStack): void {
  const pipeline = stack.pipeline;
  const describeOnly =
    'The inventory\'s read-only Describe/List/Get calls (lib/inventory-permissions.ts) have no resource-level permissions, or read resources found at run time (the prefix lists a rule names, AWS-owned ones included).';
  Validations.of(pipeline.planFunction.executionRole).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'ec2:DescribeRegions has no resource-level permissions; it is the only action on "*".',
  });
  Validations.of(pipeline.inventoryFunction.executionRole).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: describeOnly });

  const logicalId = (construct: IConstruct): string => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  const executionArn = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${logicalId(pipeline.stateMachine)}"}]}]}`;
  Validations.of(pipeline.stateMachine).acknowledge(
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Step Functions log delivery and X-Ray tracing actions support only "*" resources (CDK-generated statements).',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${executionArn}:*]`,
      reason: 'The Distributed Map describes and stops the executions of this one state machine; execution names are generated at run time.',
    },
    {
      id: `AwsSolutions-IAM5[Resource::${executionArn}/*:*]`,
      reason: 'Redrive of this state machine\'s Distributed Map child executions, whose names are generated at run time.',
    },
  );
}
