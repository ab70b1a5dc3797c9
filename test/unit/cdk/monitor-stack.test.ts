import { Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import jsonata from 'jsonata';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROBE_ENVIRONMENT } from '../../../lib/config.js';
import { INVENTORY_READ_ACTIONS, INVENTORY_ROLE_NAME } from '../../../lib/inventory-permissions.js';
import { LISTING_BUDGET_MS } from '../../../lambdas/inventory/paging.js';
import { InventoryEvent, ProbeBatchEvent, ReconcileEvent } from '../../../lambdas/shared/events.js';
import { actionsOf, definitionOf, logicalIdOf, statementsOfRole, type State, type StateDefinition, type Statement } from './template.js';
import { synthesize, type Synthesized } from './synth.js';

const OTHER_ACCOUNT = '111122223333';
const ONCALL = 'oncall@example.com';
const SYNTH_TIMEOUT_MS = 240_000;

let synthesized: Synthesized;
type FunctionName = 'Plan' | 'Inventory' | 'Probe' | 'Reconcile';
let ids: { table: string; topic: string; key: string; stateMachine: string; functions: Record<FunctionName, string>; versions: Record<FunctionName, string> };

beforeAll(() => {
  synthesized = synthesize({ accounts: [OTHER_ACCOUNT], alertEmails: [ONCALL] });
  const template = synthesized.monitorTemplate;
  const fn = (entryWord: string) => logicalIdOf(template, 'AWS::Lambda::Function', (p) => String(p['Description']).includes(entryWord));
  const functions = { Plan: fn('plans a scan'), Inventory: fn('lists the internet-reachable'), Probe: fn('probes one batch'), Reconcile: fn('diffs the scan') };
  const version = (functionId: string) =>
    logicalIdOf(template, 'AWS::Lambda::Version', (p) => JSON.stringify(p['FunctionName']) === JSON.stringify({ Ref: functionId }));
  ids = {
    table: logicalIdOf(template, 'AWS::DynamoDB::Table', () => true),
    topic: logicalIdOf(template, 'AWS::SNS::Topic', () => true),
    key: logicalIdOf(template, 'AWS::KMS::Key', () => true),
    stateMachine: logicalIdOf(template, 'AWS::StepFunctions::StateMachine', () => true),
    functions,
    versions: { Plan: version(functions.Plan), Inventory: version(functions.Inventory), Probe: version(functions.Probe), Reconcile: version(functions.Reconcile) },
  };
}, SYNTH_TIMEOUT_MS);

const roleOf = (functionLogicalId: string): string =>
  (synthesized.monitorTemplate.toJSON().Resources[functionLogicalId].Properties.Role['Fn::GetAtt'] as string[])[0]!;
const statements = (fn: keyof typeof ids.functions): Statement[] => statementsOfRole(synthesized.monitorTemplate, roleOf(ids.functions[fn]));
const logStatement = { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: expect.anything() };
const tableArn = () => ({ 'Fn::GetAtt': [ids.table, 'Arn'] });

describe('Schedule', () => {
  it('starts the state machine every 15 minutes with an empty plan event', () => {
    synthesized.monitorTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: Match.objectLike({ Arn: { Ref: ids.stateMachine }, Input: '{}', RetryPolicy: { MaximumEventAgeInSeconds: 900, MaximumRetryAttempts: 3 } }),
    });
  });
});

describe('State machine', () => {
  let definition: StateDefinition;
  let child: StateDefinition;
  let scope: StateDefinition;
  let batches: StateDefinition;
  beforeAll(() => {
    definition = definitionOf(synthesized.monitorTemplate, ids.stateMachine);
    child = definition.States['Scan scopes']!.ItemProcessor!;
    scope = child.States['Scan scope']!.ItemProcessor!;
    batches = scope.States['Probe batches']!.ItemProcessor!;
  });

  it('is a Standard JSONata workflow with full logging, tracing and a timeout', () => {
    synthesized.monitorTemplate.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
    expect(definition.QueryLanguage).toBe('JSONata');
    expect(JSON.stringify(definition)).toMatch(/"TimeoutSeconds":7200/);
  });

  it('plans, fans out over scopes, then reconciles once', () => {
    expect(definition.StartAt).toBe('Plan scan');
    expect(definition.States['Plan scan']).toMatchObject({ Next: 'Scan scopes', Arguments: { FunctionName: `<${ids.versions.Plan}>` } });
    expect(definition.States['Scan scopes']).toMatchObject({ Type: 'Map', Next: 'Reconcile and alert' });
    expect(definition.States['Reconcile and alert']).toMatchObject({ End: true, Arguments: { FunctionName: `<${ids.versions.Reconcile}>` } });
  });

  it('runs scopes in batches on Express children with bounded parallelism and tolerated child failures', () => {
    expect(definition.States['Scan scopes']).toMatchObject({
      Items: '{% $states.input.scopes %}',
      ItemBatcher: { MaxItemsPerBatch: 20, BatchInput: { scanId: '{% $states.input.scanId %}' } },
      MaxConcurrency: 10,
      ToleratedFailurePercentage: 100,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } },
    });
    expect(child.States['Scan scope']).toMatchObject({ Type: 'Map', MaxConcurrency: 20, Items: '{% $states.input.Items %}' });
  });

  it('inventories each scope, then maps over the inventory\'s batches into the probe', () => {
    expect(scope.StartAt).toBe('List scope');
    expect(scope.States['List scope']).toMatchObject({ Next: 'Probe batches', Arguments: { FunctionName: `<${ids.versions.Inventory}>` } });
    expect(scope.States['Probe batches']).toMatchObject({ Type: 'Map', Items: '{% $states.input.batches %}', MaxConcurrency: 5 });
    expect(batches.States['Probe batch']).toMatchObject({ Arguments: { FunctionName: `<${ids.versions.Probe}>`, Payload: '{% $states.input %}' } });
  });

  it.each([
    ['Plan scan', () => definition.States['Plan scan']!],
    ['List scope', () => scope.States['List scope']!],
    ['Probe batch', () => batches.States['Probe batch']!],
    ['Reconcile and alert', () => definition.States['Reconcile and alert']!],
  ])('retries %s on throttling and Lambda service errors with jittered backoff', (_name, state: () => State) => {
    expect(state().Retry).toEqual([
      {
        ErrorEquals: ['Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
        IntervalSeconds: 2,
        MaxAttempts: 6,
        BackoffRate: 2,
        MaxDelaySeconds: 30,
        JitterStrategy: 'FULL',
      },
    ]);
  });

  it('invokes published versions it may invoke alone, retained, so a deploy never changes the code under a scan in flight', () => {
    const template = synthesized.monitorTemplate.toJSON();
    for (const name of Object.keys(ids.versions) as FunctionName[]) {
      expect(template.Resources[ids.versions[name]]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    const invoked = [definition.States['Plan scan']!, scope.States['List scope']!, batches.States['Probe batch']!, definition.States['Reconcile and alert']!].map(
      (state) => (state as unknown as { Arguments: { FunctionName: string } }).Arguments.FunctionName,
    );
    expect(invoked).toEqual([ids.versions.Plan, ids.versions.Inventory, ids.versions.Probe, ids.versions.Reconcile].map((id) => `<${id}>`));
    const role = (template.Resources[ids.stateMachine].Properties.RoleArn['Fn::GetAtt'] as string[])[0]!;
    const invokeGrants = statementsOfRole(synthesized.monitorTemplate, role).filter((statement) => actionsOf(statement).some((action) => action.startsWith('lambda:')));
    expect(invokeGrants.map((statement) => [actionsOf(statement), statement.Resource])).toEqual(
      expect.arrayContaining(Object.values(ids.versions).map((id) => [['lambda:InvokeFunction'], { Ref: id }])),
    );
    expect(invokeGrants).toHaveLength(4);
  });

  it('catches a failed scope or batch instead of failing the scan', () => {
    expect(scope.States['List scope']!.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'Scope not scanned' })]);
    expect(scope.States['Scope not scanned']).toMatchObject({ Type: 'Pass', End: true });
    expect(batches.States['Probe batch']!.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'Batch not probed' })]);
  });

  describe('data flow (JSONata evaluated as Step Functions would, checked against the handlers\' event schemas)', () => {
    const evaluate = async (expression: unknown, states: Record<string, unknown>, variables: Record<string, unknown> = {}): Promise<unknown> => {
      const evaluateOne = async (value: unknown): Promise<unknown> => {
        if (typeof value === 'string') {
          const match = /^\{%(.*)%\}$/s.exec(value);
          return match ? jsonata(match[1]!).evaluate({}, { states, ...variables }) : value;
        }
        if (value && typeof value === 'object') {
          return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await evaluateOne(v)])));
        }
        return value;
      };
      return evaluateOne(expression);
    };
    const planOutput = {
      scanId: '20250101T000000Z-abcd1234',
      startedAt: '2025-01-01T00:00:00.000Z',
      scopes: [
        { accountId: '999988887777', region: 'eu-west-1' },
        { accountId: '999988887777', region: 'us-east-1' },
      ],
    };
    const scopeAt = (i: number) => planOutput.scopes[i]!;

    it('turns a batch of scopes into inventory events', async () => {
      const map = definition.States['Scan scopes']!;
      const items = (await evaluate(map.Items, { input: planOutput })) as unknown[];
      const batchInput = await evaluate(map.ItemBatcher!.BatchInput, { input: planOutput });
      const childInput = { Items: items, BatchInput: batchInput };

      const selected = await evaluate(child.States['Scan scope']!.ItemSelector, { input: childInput, context: { Map: { Item: { Value: items[1] } } } });
      const payload = await evaluate(scope.States['List scope']!.Arguments!.Payload, { input: selected });

      expect(InventoryEvent.parse(payload)).toEqual({ scanId: planOutput.scanId, scope: scopeAt(1) });
    });

    it('turns the inventory output into probe events', async () => {
      const inventoryOutput = { scanId: planOutput.scanId, scope: scopeAt(0), ok: true, targetCount: 2, unansweredLastScan: 0, assetCount: 0, batches: [{ scanId: planOutput.scanId, batchId: 'b-0' }] };
      const items = (await evaluate(scope.States['Probe batches']!.Items, { input: inventoryOutput })) as unknown[];
      const payload = await evaluate(batches.States['Probe batch']!.Arguments!.Payload, { input: items[0] });

      expect(ProbeBatchEvent.parse(payload)).toEqual({ scanId: planOutput.scanId, batchId: 'b-0' });
    });

    it('records a failed inventory as a not-scanned scope and hands every one to reconcile', async () => {
      // Prepare: one scope fails in the first child, none in the second.
      const catcher = scope.States['List scope']!.Catch![0]!;
      const failure = await evaluate(catcher.Output, {
        input: { scanId: planOutput.scanId, scope: scopeAt(0) },
        errorOutput: { Error: 'Lambda.Unknown', Cause: 'x'.repeat(2_000) },
      });
      const scopeMap = child.States['Scan scope']!;
      const firstChild = await evaluate(scopeMap.Output, { result: [failure, {}] });
      const secondChild = await evaluate(scopeMap.Output, { result: [{}] });

      // Act
      const reconcile = definition.States['Reconcile and alert']!;
      const variables = await evaluate(definition.States['Plan scan']!.Assign, { result: { Payload: planOutput } });
      const payload = await evaluate(reconcile.Arguments!.Payload, { input: [firstChild, secondChild] }, variables as Record<string, unknown>);

      // Assess
      const event = ReconcileEvent.parse(payload);
      expect(event.failedScopes).toHaveLength(1);
      expect(event.failedScopes![0]!.scope).toEqual(scopeAt(0));
      expect(event.failedScopes![0]!.error).toMatch(/^Lambda\.Unknown: x+$/);
      expect(event.failedScopes![0]!.error.length).toBeLessThanOrEqual(500);
      expect(event).toMatchObject({ scanId: planOutput.scanId, startedAt: planOutput.startedAt, plannedScopes: planOutput.scopes });
    });

    it('hands reconcile an empty list when every scope was scanned, and a flat list when several failed', async () => {
      const scopeMap = child.States['Scan scope']!;
      const reconcile = definition.States['Reconcile and alert']!;
      const variables = { scanId: planOutput.scanId, startedAt: planOutput.startedAt, plannedScopes: planOutput.scopes };
      const failed = (i: number) => ({ failed: { scope: scopeAt(i), error: 'boom' } });

      const none = await evaluate(reconcile.Arguments!.Payload, { input: [await evaluate(scopeMap.Output, { result: [{}, {}] })] }, variables);
      const several = await evaluate(
        reconcile.Arguments!.Payload,
        { input: [await evaluate(scopeMap.Output, { result: [failed(0), failed(1)] }), await evaluate(scopeMap.Output, { result: [failed(0)] })] },
        variables,
      );

      expect(ReconcileEvent.parse(none).failedScopes).toEqual([]);
      expect(ReconcileEvent.parse(several).failedScopes).toHaveLength(3);
    });
  });
});

describe('Lambda functions', () => {
  it("leaves the inventory Lambda 40 s past a service listing's budget, for the other listings and the workspace writes", () => {
    const fn = synthesized.monitorTemplate.toJSON().Resources[ids.functions['Inventory']];
    expect(fn.Properties.Timeout * 1000 - LISTING_BUDGET_MS).toBeGreaterThanOrEqual(40_000);
  });

  it.each([
    ['Plan', 256, 30],
    ['Inventory', 512, 120],
    ['Probe', 1024, 120],
    ['Reconcile', 1024, 600],
  ] as const)('%s runs Node 24 on arm64 outside any VPC with JSON logs, %i MB, %i s', (name, memory, timeout) => {
    const fn = synthesized.monitorTemplate.toJSON().Resources[ids.functions[name]];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: memory,
      Timeout: timeout,
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: { Ref: expect.any(String) } },
      Environment: {
        Variables: expect.objectContaining({
          TABLE_NAME: { Ref: ids.table },
          TOPIC_ARN: { Ref: ids.topic },
          REGIONS: 'all',
          ACCOUNTS: OTHER_ACCOUNT,
          CROSS_ACCOUNT_ROLE_NAME: 'AiExposureMonitorReadOnly',
          BATCH_SIZE: '100',
          POWERTOOLS_SERVICE_NAME: 'ai-exposure-monitor',
        }),
      },
    });
    expect(fn.Properties.VpcConfig).toBeUndefined();
  });

  it("gives the probe its process environment (V8 flags, malloc arenas) and its plan schedule, and no other function that environment", () => {
    const variables = (name: keyof typeof ids.functions) => synthesized.monitorTemplate.toJSON().Resources[ids.functions[name]].Properties.Environment.Variables;
    expect(variables('Probe')).toMatchObject({ NODE_OPTIONS: '--max-semi-space-size=16', MALLOC_ARENA_MAX: '2', SCAN_INTERVAL_MINUTES: '15', FULL_PLAN_EVERY_HOURS: '24' });
    expect(variables('Probe')).toMatchObject(PROBE_ENVIRONMENT);
    for (const name of ['Plan', 'Inventory', 'Reconcile'] as const) {
      expect(variables(name).NODE_OPTIONS).toBeUndefined();
      expect(variables(name).MALLOC_ARENA_MAX).toBeUndefined();
    }
  });

  it('gives the accepted exposures to the reconcile Lambda only, the one that reads them', () => {
    const variables = (name: keyof typeof ids.functions) => synthesized.monitorTemplate.toJSON().Resources[ids.functions[name]].Properties.Environment.Variables;
    expect(variables('Reconcile').ACCEPTED_EXPOSURES).toBe('[]');
    for (const name of ['Plan', 'Inventory', 'Probe'] as const) expect(variables(name).ACCEPTED_EXPOSURES).toBeUndefined();
  });

  it('keeps every log group for the configured retention', () => {
    const groups = Object.values(synthesized.monitorTemplate.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(5);
    for (const group of groups) expect(group.Properties.RetentionInDays).toBe(30);
  });
});

describe('IAM: each function gets exactly what it calls', () => {
  it('plan: only ec2:DescribeRegions besides its own logs', () => {
    expect(statements('Plan')).toEqual([logStatement, { Effect: 'Allow', Action: 'ec2:DescribeRegions', Resource: '*' }]);
  });

  it('inventory: the read-only describe calls, the named cross-account role, PutItem on the table and Query on byScope', () => {
    expect(statements('Inventory')).toEqual([
      logStatement,
      { Effect: 'Allow', Action: [...INVENTORY_READ_ACTIONS], Resource: '*' },
      { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${OTHER_ACCOUNT}:role/AiExposureMonitorReadOnly`]] } },
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: tableArn() },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Join': ['', [tableArn(), '/index/byScope']] } },
    ]);
    synthesized.monitorTemplate.hasResourceProperties('AWS::IAM::Role', { RoleName: INVENTORY_ROLE_NAME });
  });

  it('probe: reads its batch and writes its results, on the table only', () => {
    expect(statements('Probe')).toEqual([logStatement, { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: tableArn() }]);
  });

  it('reconcile: the table, Query on the named indexes, and publishing on the one topic', () => {
    const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn(), `/index/${name}`]] });
    expect(statements('Reconcile')).toEqual([
      logStatement,
      {
        Effect: 'Allow',
        Action: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: tableArn(),
      },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: ['byScope', 'byExposure', 'byResource', 'byMonth'].map(indexArn) },
      { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: ids.topic } },
      { Effect: 'Allow', Action: ['kms:GenerateDataKey', 'kms:Decrypt'], Resource: { 'Fn::GetAtt': [ids.key, 'Arn'] } },
    ]);
  });

  it('grants no service-wide wildcard action and no table Scan anywhere', () => {
    const all = Object.values(synthesized.monitorTemplate.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
    const actions = all.flatMap(actionsOf);
    expect(actions.filter((a) => a.endsWith(':*') || a === '*')).toEqual([]);
    expect(actions).not.toContain('dynamodb:Scan');
  });
});

describe('Store', () => {
  it('has point-in-time recovery, AWS-managed encryption, TTL on expiresAt only, and is retained', () => {
    const table = synthesized.monitorTemplate.toJSON().Resources[ids.table];
    expect(table).toMatchObject({
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        DeletionProtectionEnabled: true,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      },
    });
    expect(table.Properties.SSESpecification.KMSMasterKeyId).toBeUndefined();
    expect(table.Properties.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName)).toEqual(['byScope', 'byExposure', 'byResource', 'byMonth']);
  });
});

describe('Alerting', () => {
  it('encrypts the topic with a rotated customer key, enforces TLS and subscribes on-call', () => {
    synthesized.monitorTemplate.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] } });
    synthesized.monitorTemplate.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    synthesized.monitorTemplate.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: ONCALL, TopicArn: { Ref: ids.topic } });
    synthesized.monitorTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      }),
    });
  });

  it('lets only this stack\'s CloudWatch alarms use the key', () => {
    const key = synthesized.monitorTemplate.toJSON().Resources[ids.key];
    const statement = (key.Properties.KeyPolicy.Statement as Statement[]).find((s) => JSON.stringify(s).includes('cloudwatch.amazonaws.com'));
    expect(statement).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Condition: {
        StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', expect.arrayContaining([':alarm:AiExposureMonitor-*'])] } },
      },
    });
  });
});

describe('Self-monitoring alarms', () => {
  const alarmNamed = (name: string) =>
    Object.values(synthesized.monitorTemplate.findResources('AWS::CloudWatch::Alarm')).find((a) => a.Properties.AlarmName === `AiExposureMonitor-${name}`)?.Properties;

  it('alarms on failed or timed-out scans', () => {
    expect(alarmNamed('scan-failed')).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      AlarmActions: [{ Ref: ids.topic }],
      Metrics: expect.arrayContaining([
        expect.objectContaining({ Expression: 'FILL(failed, 0) + FILL(timedOut, 0)' }),
        expect.objectContaining({ Id: 'failed', MetricStat: expect.objectContaining({ Metric: expect.objectContaining({ MetricName: 'ExecutionsFailed' }) }) }),
      ]),
    });
  });

  it('alarms when no scan completed in twice the schedule, counting silence as bad', () => {
    expect(alarmNamed('no-recent-scan')).toMatchObject({
      Namespace: 'AiExposureMonitor',
      MetricName: 'ScanCompleted',
      Dimensions: [{ Name: 'service', Value: 'ai-exposure-monitor' }],
      Period: 900,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: ids.topic }],
      OKActions: [{ Ref: ids.topic }],
    });
  });

  it('alarms when scopes were left not scanned by two scans in a row, and not when no scan finished', () => {
    expect(alarmNamed('scopes-not-scanned')).toMatchObject({
      Namespace: 'AiExposureMonitor',
      MetricName: 'ScopesNotScanned',
      Dimensions: [{ Name: 'service', Value: 'ai-exposure-monitor' }],
      Statistic: 'Minimum',
      Period: 900,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: ids.topic }],
      OKActions: [{ Ref: ids.topic }],
    });
  });

  it.each(['plan', 'inventory', 'probe', 'reconcile'])('alarms on %s Lambda errors in two intervals in a row', (name) => {
    expect(alarmNamed(`${name}-errors`)).toMatchObject({
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Period: 900,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: ids.topic }],
    });
  });
});

describe('Target-account role stack', () => {
  it('creates the named read-only role that only the monitor\'s inventory role may assume', () => {
    const template = synthesized.targetRoleTemplate;
    template.hasParameter('MonitorAccountId', { Type: 'String', AllowedPattern: '^\\d{12}$' });
    const role = Object.values(template.findResources('AWS::IAM::Role'))[0]!.Properties;
    expect(role.RoleName).toBe('AiExposureMonitorReadOnly');
    expect(role.MaxSessionDuration).toBe(3600);
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({
        Action: 'sts:AssumeRole',
        Condition: {
          ArnEquals: {
            'aws:PrincipalArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'MonitorAccountId' }, `:role/${INVENTORY_ROLE_NAME}`]] },
          },
        },
      }),
    ]);
    expect(role.Policies).toEqual([
      { PolicyName: 'inventory', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: [...INVENTORY_READ_ACTIONS], Resource: '*' }] } },
    ]);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it.each(['monitor', 'targetRole'] as const)('finds nothing unacknowledged in the %s stack', (stack) => {
    const report = new AwsSolutionsChecks().validateScope(synthesized[stack]);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`);
    expect(findings).toEqual([]);
  });
});
