/**
 * The scan on AWS's own engines: EventBridge Scheduler starts a Standard state
 * machine that plans the scan, fans out over (account, region) scopes with a
 * Distributed Map whose children are Express workflows, and reconciles once.
 *
 *   Plan scan → Scan scopes (Distributed Map over batches of scopes, Express children)
 *                 └ Scan scope (inline Map): List scope → Probe batches (inline Map) → Probe batch
 *             → Reconcile and alert
 *
 * Cost: Standard workflows bill every state transition, Express ones only
 * requests and duration. Each Express child handles up to `scopesPerWorkflow`
 * scopes, so a 17-region scan costs about four Standard transitions whatever
 * the number of batches (docs/cost.md).
 *
 * Payloads stay small at any estate size: targets and results travel through
 * the DynamoDB workspace; states pass scan ids, scopes and batch ids only.
 * Every task invokes a published version of its function, not $LATEST: an
 * execution keeps the definition it started with, so a deploy during a scan
 * cannot hand one stage's output to another stage's newer code (whose
 * workspace format may differ) and fail the scan. Old versions are retained,
 * because a scan in flight may still invoke them after the deploy.
 * Failure isolation: a scope whose inventory fails (after retries) becomes a
 * `failedScopes` entry for reconcile ("not scanned") and the other scopes go
 * on; a probe batch that fails leaves no results, which reconcile counts as
 * inconclusive, never as resolved.
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { PROBE_ENVIRONMENT, reconcileEnvironment, type MonitorConfig } from './config.js';
import { INVENTORY_READ_ACTIONS, INVENTORY_ROLE_NAME } from './inventory-permissions.js';
import { MonitorFunction } from './monitor-function.js';
import { TABLE_ACCESS, type Store } from './store.js';

/** Lambda timeouts; an Express child may run 5 minutes in all. */
export const FUNCTION_TIMEOUTS = {
  plan: Duration.seconds(30),
  inventory: Duration.minutes(2),
  // The probe's work budget (config.PROBE_WORK_BUDGET_MS) plus the handler's result-write margin.
  probe: Duration.seconds(120),
  reconcile: Duration.minutes(10),
} as const;

/** Upper bound of one scan; beyond it the execution times out and the failure alarm fires. */
export const SCAN_TIMEOUT = Duration.hours(2);

/** Transient Lambda-side errors worth retrying with backoff: throttling and service faults. */
export const LAMBDA_TRANSIENT_ERRORS = [
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
] as const;

const transientRetry: sfn.RetryProps = {
  errors: [...LAMBDA_TRANSIENT_ERRORS],
  interval: Duration.seconds(2),
  backoffRate: 2,
  maxAttempts: 6,
  maxDelay: Duration.seconds(30),
  jitterStrategy: sfn.JitterType.FULL,
};

export interface ScanPipelineProps {
  readonly config: MonitorConfig;
  readonly store: Store;
  readonly environment: Record<string, string>;
  /** Grants the reconcile Lambda publishing on the alert topic (and its key). */
  readonly grantPublish: (grantee: iam.IGrantable) => void;
}

export class ScanPipeline extends Construct {
  public readonly planFunction: MonitorFunction;
  public readonly inventoryFunction: MonitorFunction;
  public readonly probeFunction: MonitorFunction;
  public readonly reconcileFunction: MonitorFunction;
  public readonly stateMachine: sfn.StateMachine;
  public readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: ScanPipelineProps) {
    super(scope, id);
    const { config, store } = props;
    const common = { environment: props.environment, logRetentionDays: config.retention.logDays, logLevel: config.logLevel };

    this.planFunction = new MonitorFunction(this, 'Plan', {
      ...common,
      entry: 'lambdas/handlers/plan-scan.ts',
      description: 'AI exposure monitor: plans a scan (scan id, account/region scopes)',
      memorySize: 256,
      timeout: FUNCTION_TIMEOUTS.plan,
    });
    this.inventoryFunction = new MonitorFunction(this, 'Inventory', {
      ...common,
      entry: 'lambdas/handlers/inventory.ts',
      description: 'AI exposure monitor: lists the internet-reachable targets of one account/region',
      memorySize: 512,
      timeout: FUNCTION_TIMEOUTS.inventory,
      roleName: INVENTORY_ROLE_NAME,
    });
    this.probeFunction = new MonitorFunction(this, 'Probe', {
      ...common,
      environment: { ...props.environment, ...PROBE_ENVIRONMENT },
      entry: 'lambdas/handlers/probe.ts',
      description: 'AI exposure monitor: probes one batch of targets',
      memorySize: 1024,
      timeout: FUNCTION_TIMEOUTS.probe,
    });
    this.reconcileFunction = new MonitorFunction(this, 'Reconcile', {
      ...common,
      environment: { ...props.environment, ...reconcileEnvironment(config) },
      entry: 'lambdas/handlers/reconcile.ts',
      description: 'AI exposure monitor: diffs the scan, writes history, publishes the alert',
      memorySize: 1024,
      timeout: FUNCTION_TIMEOUTS.reconcile,
    });
    this.grantLeastPrivilege(props);

    this.stateMachine = this.buildStateMachine(config);
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Starts an AI exposure scan every ${config.scanIntervalMinutes} minutes`,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(config.scanIntervalMinutes)),
      timeWindow: scheduler.TimeWindow.off(),
      target: new schedulerTargets.StepFunctionsStartExecution(this.stateMachine, {
        input: scheduler.ScheduleTargetInput.fromObject({}),
        // A start that cannot happen within one interval is superseded by the next one.
        maxEventAge: Duration.minutes(Math.max(1, Math.min(config.scanIntervalMinutes, 1_440))),
        retryAttempts: 3,
      }),
    });
  }

  private grantLeastPrivilege(props: ScanPipelineProps): void {
    const { config, store } = props;
    // Plan: only the region list of the deploying account (sts:GetCallerIdentity needs no permission).
    this.planFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['ec2:DescribeRegions'], resources: ['*'] }));

    this.inventoryFunction.addToRolePolicy(new iam.PolicyStatement({ actions: [...INVENTORY_READ_ACTIONS], resources: ['*'] }));
    if (config.accounts.length > 0) {
      this.inventoryFunction.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['sts:AssumeRole'],
          resources: config.accounts.map((account) => `arn:${Aws.PARTITION}:iam::${account}:role/${config.crossAccountRoleName}`),
        }),
      );
    }
    store.grant(this.inventoryFunction, TABLE_ACCESS.inventory);
    store.grant(this.probeFunction, TABLE_ACCESS.probe);
    store.grant(this.reconcileFunction, TABLE_ACCESS.reconcile);
    props.grantPublish(this.reconcileFunction);
  }

  private buildStateMachine(config: MonitorConfig): sfn.StateMachine {
    const plan = tasks.LambdaInvoke.jsonata(this, 'Plan scan', {
      lambdaFunction: this.planFunction.currentVersion,
      payload: sfn.TaskInput.fromText('{% $states.input %}'),
      retryOnServiceExceptions: false,
      assign: {
        scanId: '{% $states.result.Payload.scanId %}',
        startedAt: '{% $states.result.Payload.startedAt %}',
        plannedScopes: '{% $states.result.Payload.scopes %}',
      },
      outputs: '{% $states.result.Payload %}',
    }).addRetry(transientRetry);

    const scanScopes = sfn.DistributedMap.jsonata(this, 'Scan scopes', {
      items: sfn.ProvideItems.jsonata('{% $states.input.scopes %}'),
      itemBatcher: new sfn.ItemBatcher({
        maxItemsPerBatch: config.fanOut.scopesPerWorkflow,
        batchInput: { scanId: '{% $states.input.scanId %}' },
      }),
      maxConcurrency: config.fanOut.concurrentWorkflows,
      mapExecutionType: sfn.StateMachineType.EXPRESS,
      // Scope failures are caught inside the children; a child that still fails must not sink the whole scan.
      toleratedFailurePercentage: 100,
      outputs: '{% $states.result %}',
    });
    scanScopes.itemProcessor(this.scopeWorkflow(config));

    const reconcile = tasks.LambdaInvoke.jsonata(this, 'Reconcile and alert', {
      lambdaFunction: this.reconcileFunction.currentVersion,
      payload: sfn.TaskInput.fromObject({
        scanId: '{% $scanId %}',
        startedAt: '{% $startedAt %}',
        // Each child reports {"failed": [...]}; the path flattens them and $append makes "none" an empty list.
        failedScopes: '{% $append([], $states.input.failed) %}',
        // Scopes that left neither a record nor a failure (a child that timed out) are reported "not scanned".
        plannedScopes: '{% $plannedScopes %}',
      }),
      retryOnServiceExceptions: false,
      outputs: '{% $states.result.Payload %}',
    }).addRetry(transientRetry);

    const logGroup = new logs.LogGroup(this, 'StateMachineLogs', {
      retention: config.retention.logDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    return new sfn.StateMachine(this, 'StateMachine', {
      comment: 'AI exposure scan: plan, inventory and probe every account/region, reconcile and alert',
      stateMachineType: sfn.StateMachineType.STANDARD,
      queryLanguage: sfn.QueryLanguage.JSONATA,
      definitionBody: sfn.DefinitionBody.fromChainable(plan.next(scanScopes).next(reconcile)),
      timeout: SCAN_TIMEOUT,
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
  }

  /** One Express child: its batch of scopes in parallel, each inventoried then probed batch by batch. */
  private scopeWorkflow(config: MonitorConfig): sfn.IChainable {
    const inventory = tasks.LambdaInvoke.jsonata(this, 'List scope', {
      lambdaFunction: this.inventoryFunction.currentVersion,
      payload: sfn.TaskInput.fromObject({ scanId: '{% $states.input.scanId %}', scope: '{% $states.input.scope %}' }),
      retryOnServiceExceptions: false,
      outputs: '{% $states.result.Payload %}',
    }).addRetry(transientRetry);
    const scopeNotScanned = sfn.Pass.jsonata(this, 'Scope not scanned');
    inventory.addCatch(scopeNotScanned, {
      errors: [sfn.Errors.ALL],
      outputs:
        '{% {"failed": {"scope": $states.input.scope, "error": $substring($states.errorOutput.Error & ": " & $states.errorOutput.Cause, 0, 500)}} %}',
    });

    const probe = tasks.LambdaInvoke.jsonata(this, 'Probe batch', {
      lambdaFunction: this.probeFunction.currentVersion,
      payload: sfn.TaskInput.fromText('{% $states.input %}'),
      retryOnServiceExceptions: false,
      outputs: '{% {} %}',
    }).addRetry(transientRetry);
    // Targets of a failed batch have no results; reconcile counts them inconclusive, never resolved.
    probe.addCatch(sfn.Pass.jsonata(this, 'Batch not probed'), { errors: [sfn.Errors.ALL], outputs: '{% {} %}' });

    const probeBatches = sfn.Map.jsonata(this, 'Probe batches', {
      items: sfn.ProvideItems.jsonata('{% $states.input.batches %}'),
      maxConcurrency: config.fanOut.concurrentBatchesPerScope,
      outputs: '{% {} %}',
    });
    probeBatches.itemProcessor(probe);

    const scanScope = sfn.Map.jsonata(this, 'Scan scope', {
      items: sfn.ProvideItems.jsonata('{% $states.input.Items %}'),
      itemSelector: { scanId: '{% $states.input.BatchInput.scanId %}', scope: '{% $states.context.Map.Item.Value %}' },
      maxConcurrency: config.fanOut.scopesPerWorkflow,
      outputs: '{% {"failed": $append([], $states.result.failed)} %}',
    });
    scanScope.itemProcessor(inventory.next(probeBatches));
    return scanScope;
  }
}
