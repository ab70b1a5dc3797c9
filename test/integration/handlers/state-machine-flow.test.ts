/**
 * The Lambda handlers, invoked in the order the state machine runs them and
 * with its event shapes (plan → Map over scopes → inventory → Map over the
 * inventory's `batches` → probe → reconcile), against moto. The production
 * wiring (`aws-deps.ts`) is used as deployed, pointed at moto through
 * AWS_ENDPOINT_URL; only the prober gets the test address map. The outcome
 * must equal the CLI's in-process scan of the same account.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScopeClients } from '../../../lambdas/inventory/clients.js';
import { inventoryScope } from '../../../lambdas/inventory/inventory-scope.js';
import { awsScopeLister, candidatePortsOf } from '../../../lambdas/pipeline/aws-wiring.js';
import { runScan } from '../../../lambdas/pipeline/run-scan.js';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import { createProber, type Prober } from '../../../lambdas/probe/prober.js';
import { historyOfScanCommand } from '../../../lambdas/shared/cli-commands.js';
import {
  InventoryOutput,
  PlanScanOutput,
  ProbeBatchOutput,
  ReconcileOutput,
  type InventoryEvent,
  type ProbeBatchEvent,
} from '../../../lambdas/shared/events.js';
import type { ScanReport } from '../../../lambdas/shared/model.js';
import { createStateStore, type StateStore } from '../../../lambdas/state/store.js';
import { tableDefinition } from '../../../lambdas/state/table.js';
import { loopbackAddressMap } from '../../support/address-map.js';
import { drainQueue, subscribeQueue } from '../../support/alert-queue.js';
import { buildSampleAccount, MOTO_ACCOUNT_ID, type SampleAccount } from '../../support/aws-fixture.js';
import { loadFixtures } from '../../support/fixture-format.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { startMoto, type MotoServer } from '../../support/moto.js';
import { freeLoopbackPort } from '../../support/process.js';
import { startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import { startJupyter } from '../../support/servers/jupyter.js';
import type { RunningServer } from '../../support/servers/common.js';

const REGION = 'us-east-1';
let moto: MotoServer;
let account: SampleAccount;
let ollama: ReplayServer;
let jupyter: RunningServer;
let prober: Prober;
let dynamo: DynamoDBClient;
let sqs: SQSClient;
let queueUrl: string;
const savedEnv = { ...process.env };

const documentClient = () => DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
const storeOn = (tableName: string): StateStore => createStateStore({ client: documentClient(), tableName });

async function createTable(name: string): Promise<void> {
  await dynamo.send(new CreateTableCommand({ ...tableDefinition, TableName: name }));
}

/** What both paths must agree on: exposures and changes, without scan ids and times. */
const outcome = (report: Pick<ScanReport, 'changes' | 'currentExposures'>) => ({
  changes: report.changes.map((c) => ({ kind: c.kind, targetId: c.target.targetId, after: c.after, severity: c.severity })).sort((a, b) => a.targetId.localeCompare(b.targetId)),
  exposures: report.currentExposures.map((e) => ({ targetId: e.target.targetId, snapshot: e.snapshot })).sort((a, b) => a.targetId.localeCompare(b.targetId)),
});

describe('handlers in state-machine order', () => {
  beforeAll(async () => {
    moto = await startMoto();
    const ollamaFixture = loadFixtures().find((f) => f.family === 'ollama' && f.name === 'open');
    if (!ollamaFixture) throw new Error('test/fixtures/ollama/open.json is missing');
    [ollama, jupyter, account] = await Promise.all([
      startReplayServer(ollamaFixture.fixture),
      startJupyter({ flavour: 'server', token: 'flow-secret', allowRemoteAccess: true }),
      buildSampleAccount({ endpoint: moto.endpoint, credentials: moto.credentials, region: REGION }),
    ]);
    const awsConfig = { endpoint: moto.endpoint, credentials: moto.credentials, region: REGION };
    dynamo = new DynamoDBClient(awsConfig);
    await Promise.all([createTable('flow-handlers'), createTable('flow-cli')]);
    const sns = new SNSClient(awsConfig);
    sqs = new SQSClient(awsConfig);
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'flow-alerts' }))).TopicArn!;
    queueUrl = await subscribeQueue(sns, sqs, topicArn, 'flow-on-call');

    // Every listed target is mapped to loopback: the two AI services, the rest a closed port.
    const closedPort = await freeLoopbackPort();
    const inventory = await inventoryScope({ accountId: MOTO_ACCOUNT_ID, region: REGION }, createScopeClients(REGION, awsConfig), {
      candidatePorts: candidatePortsOf(catalog, []),
    });
    if (!inventory.ok) throw new Error(inventory.error);
    const addressMap = loopbackAddressMap(inventory.targets, (t) => {
      if (t.address === account.instances.ollama.publicIp && t.port === 11434) return ollama.port;
      if (t.address === account.instances.authJupyter.publicIp && t.port === 8888) return jupyter.port;
      return closedPort;
    });
    prober = createProber({ catalog, addressMap, budgets: { connectTimeoutMs: 1_000, targetTimeoutMs: 5_000 } });

    // The deployed environment, as the CDK stack sets it, with the SDK pointed at moto.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: moto.endpoint,
      AWS_ACCESS_KEY_ID: moto.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: moto.credentials.secretAccessKey,
      AWS_REGION: REGION,
      TABLE_NAME: 'flow-handlers',
      TOPIC_ARN: topicArn,
      REGIONS: REGION,
      BATCH_SIZE: '7',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
    });
  });

  afterAll(async () => {
    process.env = savedEnv;
    await Promise.all([ollama?.stop(), jupyter?.stop()]);
    await moto?.stop();
  });

  it('runs plan → inventory (Map) → probe (Map over batches) → reconcile and matches the CLI scan', async () => {
    // Prepare: the handler modules build their production dependencies from the environment at import.
    const { handler: planHandler } = await import('../../../lambdas/handlers/plan-scan.js');
    const { handler: inventoryHandler } = await import('../../../lambdas/handlers/inventory.js');
    const { createProbeHandler } = await import('../../../lambdas/handlers/probe.js');
    const { handler: reconcileHandler } = await import('../../../lambdas/handlers/reconcile.js');
    const probeHandler = createProbeHandler({ store: storeOn('flow-handlers'), prober });

    // Act: the state machine's flow, each payload checked against the event schemas
    const plan = PlanScanOutput.parse(await planHandler({}, lambdaContext('plan')));
    const inventories = [];
    for (const scope of plan.scopes) {
      const item: InventoryEvent = { scanId: plan.scanId, scope };
      inventories.push(InventoryOutput.parse(await inventoryHandler(item, lambdaContext('inventory'))));
    }
    const probed = [];
    for (const batch of inventories.flatMap((i) => i.batches)) {
      const item: ProbeBatchEvent = batch;
      probed.push(ProbeBatchOutput.parse(await probeHandler(item, lambdaContext('probe'))));
    }
    const reconciled = ReconcileOutput.parse(await reconcileHandler({ scanId: plan.scanId, startedAt: plan.startedAt, failedScopes: [] }, lambdaContext('reconcile')));

    const cli = await runScan(
      {
        store: storeOn('flow-cli'),
        listScope: awsScopeLister((scope) => createScopeClients(scope.region, { endpoint: moto.endpoint, credentials: moto.credentials }), candidatePortsOf(catalog, [])),
        batchSize: 7,
        prober,
        now: () => new Date(),
        listAllCommand: historyOfScanCommand,
      },
      { accounts: [MOTO_ACCOUNT_ID], regions: [REGION] },
    );

    // Assess: the flow's shape
    expect(plan.scopes).toEqual([{ accountId: MOTO_ACCOUNT_ID, region: REGION }]);
    expect(inventories[0]).toMatchObject({ ok: true, scope: plan.scopes[0] });
    expect(inventories[0]!.batches.length).toBe(Math.ceil(inventories[0]!.targetCount / 7));
    expect(probed.reduce((n, p) => n + p.probed, 0)).toBe(inventories[0]!.targetCount);
    expect(reconciled).toMatchObject({ scanId: plan.scanId, alerted: true, scopesFailed: 0 });
    expect(reconciled.changes).toBe(cli.report.changes.length);

    // Assess: same outcome as the CLI
    const handlersStore = storeOn('flow-handlers');
    const handlerOutcome = outcome({
      changes: (await handlersStore.history({ since: plan.startedAt })).flatMap((h) => ('target' in h ? [h] : [])),
      currentExposures: await handlersStore.currentExposures(),
    });
    expect(handlerOutcome).toEqual(outcome(cli.report));
    expect(handlerOutcome.exposures.map((e) => e.snapshot.verdict).sort()).toEqual(['auth-required', 'unauthenticated']);

    // Assess: the alert went out through SNS
    const received = await drainQueue(sqs, queueUrl);
    expect(received).toHaveLength(1);
    expect(received[0]!.Subject).toMatch(/unauthenticated Ollama/);
  });
});
