/**
 * The DynamoDB table holding current state, append-only history and the
 * per-scan workspace. Its keys and indexes come from lambdas/state/table.ts,
 * the same definition the Lambdas and tests use, so the two cannot disagree.
 *
 * Encryption: the AWS-managed key (aws/dynamodb). It encrypts at rest and logs
 * use in CloudTrail at no key cost, and — unlike a customer-managed key —
 * nobody can schedule its deletion and make years of audit history unreadable.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { INDEX, tableDefinition, TTL_ATTRIBUTE } from '../lambdas/state/table.js';

/** What one Lambda may do: actions on the table, and on its indexes (all of them, or those named). */
interface TableAccess {
  readonly table: readonly string[];
  readonly indexes: readonly string[];
  readonly indexNames?: readonly string[];
}

/** DynamoDB actions each Lambda makes (lambdas/state/store.ts, workspace.ts); no Scan, no DescribeTable. */
export const TABLE_ACCESS = {
  // Query on byScope: which targets got no answer last scan, to batch them together (inventoryStage).
  inventory: { table: ['dynamodb:PutItem'], indexes: ['dynamodb:Query'], indexNames: [INDEX.byScope] },
  probe: { table: ['dynamodb:GetItem', 'dynamodb:PutItem'], indexes: [] },
  reconcile: {
    table: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
    indexes: ['dynamodb:Query'],
  },
} as const satisfies Record<string, TableAccess>;

export class Store extends Construct {
  public readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const attributeType = (name: string): dynamodb.AttributeType => {
      const definition = tableDefinition.AttributeDefinitions?.find((a) => a.AttributeName === name);
      if (definition?.AttributeType !== 'S') throw new Error(`table attribute ${name} must be defined as a string in lambdas/state/table.ts`);
      return dynamodb.AttributeType.STRING;
    };
    const keyOf = (schema: readonly { AttributeName?: string; KeyType?: string }[] | undefined, type: 'HASH' | 'RANGE') => {
      const name = schema?.find((k) => k.KeyType === type)?.AttributeName;
      return name ? { name, type: attributeType(name) } : undefined;
    };
    const partitionKey = keyOf(tableDefinition.KeySchema, 'HASH');
    if (!partitionKey) throw new Error('lambdas/state/table.ts defines no partition key');
    const sortKey = keyOf(tableDefinition.KeySchema, 'RANGE');

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey,
      ...(sortKey ? { sortKey } : {}),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Only workspace items carry this attribute; state and history never expire unless retention is configured.
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    for (const index of tableDefinition.GlobalSecondaryIndexes ?? []) {
      const indexPartitionKey = keyOf(index.KeySchema, 'HASH');
      if (!index.IndexName || !indexPartitionKey) throw new Error('lambdas/state/table.ts defines an index without a name or partition key');
      if (index.Projection?.ProjectionType !== 'ALL') throw new Error(`index ${index.IndexName}: only ALL projections are supported here`);
      const indexSortKey = keyOf(index.KeySchema, 'RANGE');
      this.table.addGlobalSecondaryIndex({
        indexName: index.IndexName,
        partitionKey: indexPartitionKey,
        ...(indexSortKey ? { sortKey: indexSortKey } : {}),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** Grants exactly `access`: table actions on the table, index actions on each named index (no wildcard). */
  grant(grantee: iam.IGrantable, access: TableAccess): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...access.table], resources: [this.table.tableArn] }));
    const indexNames = (tableDefinition.GlobalSecondaryIndexes ?? [])
      .map((index) => index.IndexName ?? '')
      .filter((name) => access.indexNames === undefined || access.indexNames.includes(name));
    if (access.indexes.length > 0 && indexNames.length > 0) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: [...access.indexes],
          resources: indexNames.map((name) => `${this.table.tableArn}/index/${name}`),
        }),
      );
    }
  }
}
