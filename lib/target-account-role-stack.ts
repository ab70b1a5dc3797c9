/**
 * Deployed in every other account the monitor scans: one read-only role that
 * only the monitor's inventory role may assume. The monitor account id is a
 * CloudFormation parameter, so the synthesized template can also be rolled out
 * as a StackSet across an organisation.
 */
import { Aws, CfnOutput, CfnParameter, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { INVENTORY_READ_ACTIONS, INVENTORY_ROLE_NAME } from './inventory-permissions.js';

export interface TargetAccountRoleStackProps extends StackProps {
  /** Must equal the monitor's `crossAccountRoleName`. */
  readonly roleName: string;
}

export class TargetAccountRoleStack extends Stack {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: TargetAccountRoleStackProps) {
    super(scope, id, props);
    const monitorAccountId = new CfnParameter(this, 'MonitorAccountId', {
      type: 'String',
      allowedPattern: '^\\d{12}$',
      constraintDescription: 'a 12-digit AWS account id',
      description: 'The account where the AI exposure monitor stack runs',
    });
    const inventoryRoleArn = `arn:${Aws.PARTITION}:iam::${monitorAccountId.valueAsString}:role/${INVENTORY_ROLE_NAME}`;

    this.role = new iam.Role(this, 'ReadOnlyRole', {
      roleName: props.roleName,
      description: 'Lets the AI exposure monitor list internet-reachable resources (read-only)',
      // Trust the monitor account, narrowed to its inventory role by ARN: survives that role being recreated.
      assumedBy: new iam.AccountPrincipal(monitorAccountId.valueAsString).withConditions({
        ArnEquals: { 'aws:PrincipalArn': inventoryRoleArn },
      }),
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: {
        inventory: new iam.PolicyDocument({
          statements: [new iam.PolicyStatement({ actions: [...INVENTORY_READ_ACTIONS], resources: ['*'] })],
        }),
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'The inventory\'s read-only Describe/List/Get calls (lib/inventory-permissions.ts) have no resource-level permissions, or read resources found at run time (the prefix lists a rule names, AWS-owned ones included).',
    });
    new CfnOutput(this, 'ReadOnlyRoleArn', { value: this.role.roleArn });
  }
}
