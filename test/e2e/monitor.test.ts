/**
 * The monitor end to end on an emulated AWS account (moto server) with AI
 * services on loopback: scan → DynamoDB verdicts and history → one SNS alert
 * (read back from a subscribed SQS queue) → quiet re-scan → an accepted exposure
 * recorded but not paged, then paged when its acceptance is withdrawn → revoke →
 * "resolved" → a failed region resolves nothing.
 *
 * Every probe goes through an explicit address map to 127.0.0.1; the public
 * addresses moto hands out are only ever data.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishAlert } from '../../lambdas/alert/publish.js';
import { historyOfScanCommand } from '../../lambdas/shared/cli-commands.js';
import { createScopeClients } from '../../lambdas/inventory/clients.js';
import { inventoryScope } from '../../lambdas/inventory/inventory-scope.js';
import { awsScopeLister, candidatePortsOf } from '../../lambdas/pipeline/aws-wiring.js';
import { runScan } from '../../lambdas/pipeline/run-scan.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { createProber, type AddressMapEntry } from '../../lambdas/probe/prober.js';
import type { ExposureChange, ProbeTarget, Scope } from '../../lambdas/shared/model.js';
import type { AcceptedExposure } from '../../lambdas/state/acceptance.js';
import { createStateStore, type StateStore } from '../../lambdas/state/store.js';
import { tableDefinition } from '../../lambdas/state/table.js';
import { loopbackAddressMap } from '../support/address-map.js';
import { drainQueue, subscribeQueue } from '../support/alert-queue.js';
import { buildSampleAccount, MOTO_ACCOUNT_ID, revokeOpenRule, type SampleAccount } from '../support/aws-fixture.js';
import { loadFixtures } from '../support/fixture-format.js';
import { startMoto, type MotoServer } from '../support/moto.js';
import { freeLoopbackPort } from '../support/process.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { startJupyter } from '../support/servers/jupyter.js';
import type { RunningServer } from '../support/servers/common.js';

const HOME = 'us-east-1';
const OTHER = 'eu-west-1';
const TABLE = 'ai-exposure-e2e';

let moto: MotoServer;
let accounts: Record<string, SampleAccount>;
let ollama: ReplayServer;
let jupyter: RunningServer;
let closedPort: number;
let store: StateStore;
let sqs: SQSClient;
let queueUrl: string;
let topicArn: string;
let sns: SNSClient;
const candidatePorts = candidatePortsOf(catalog, []);

const awsConfig = (region: string) => ({ endpoint: moto.endpoint, credentials: moto.credentials, region });

/** Clients for a scope; regions listed in `broken` point at a port nothing listens on. */
const clientsFor = (broken: ReadonlySet<string>) => (scope: Scope) =>
  broken.has(scope.region)
    ? createScopeClients(scope.region, { endpoint: `http://127.0.0.1:${closedPort}`, credentials: moto.credentials, maxAttempts: 1 })
    : createScopeClients(scope.region, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 2 });

/** Maps every target the inventory lists to loopback: the two AI services, everything else a closed port. */
async function addressMapFor(): Promise<Map<string, AddressMapEntry>> {
  const targets: ProbeTarget[] = [];
  for (const region of [HOME, OTHER]) {
    const inventory = await inventoryScope({ accountId: MOTO_ACCOUNT_ID, region }, clientsFor(new Set())({ accountId: MOTO_ACCOUNT_ID, region }), { candidatePorts });
    if (!inventory.ok) throw new Error(`inventory of ${region} failed: ${inventory.error}`);
    targets.push(...inventory.targets);
  }
  return loopbackAddressMap(targets, (t) => {
    const { instances } = accounts[t.region]!;
    if (t.address === instances.ollama.publicIp && t.port === 11434) return ollama.port;
    if (t.address === instances.authJupyter.publicIp && t.port === 8888) return jupyter.port;
    return closedPort;
  });
}

async function scan(regions: readonly string[], broken: ReadonlySet<string> = new Set(), acceptedExposures: readonly AcceptedExposure[] = []) {
  const prober = createProber({ catalog, addressMap: await addressMapFor(), budgets: { connectTimeoutMs: 1_000, targetTimeoutMs: 5_000 } });
  return runScan(
    {
      store,
      listScope: awsScopeLister(clientsFor(broken), candidatePorts),
      batchSize: 25,
      prober,
      now: () => new Date(),
      listAllCommand: historyOfScanCommand,
      publish: (message) => publishAlert(sns, topicArn, message),
      acceptedExposures,
    },
    { accounts: [MOTO_ACCOUNT_ID], regions },
  );
}

const drain = () => drainQueue(sqs, queueUrl);

const targetOf = (region: string, instance: 'ollama' | 'authJupyter', port: number): string => {
  const { instanceId, publicIp } = accounts[region]!.instances[instance];
  return `${MOTO_ACCOUNT_ID}/${region}/ec2-instance/${instanceId}/${publicIp}/${port}`;
};

describe('the monitor end to end', () => {
  beforeAll(async () => {
    moto = await startMoto();
    closedPort = await freeLoopbackPort();
    const ollamaFixture = loadFixtures().find((f) => f.family === 'ollama' && f.name === 'open');
    if (!ollamaFixture) throw new Error('test/fixtures/ollama/open.json is missing');
    [ollama, jupyter] = await Promise.all([
      startReplayServer(ollamaFixture.fixture),
      startJupyter({ flavour: 'server', token: 'e2e-secret-token', allowRemoteAccess: true }),
    ]);
    accounts = {
      [HOME]: await buildSampleAccount(awsConfig(HOME)),
      [OTHER]: await buildSampleAccount(awsConfig(OTHER)),
    };

    const dynamo = new DynamoDBClient(awsConfig(HOME));
    await dynamo.send(new CreateTableCommand({ ...tableDefinition, TableName: TABLE }));
    store = createStateStore({ client: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }), tableName: TABLE });

    sns = new SNSClient(awsConfig(HOME));
    sqs = new SQSClient(awsConfig(HOME));
    topicArn = (await sns.send(new CreateTopicCommand({ Name: 'ai-exposure-alerts' }))).TopicArn!;
    queueUrl = await subscribeQueue(sns, sqs, topicArn, 'on-call');
  });

  afterAll(async () => {
    await Promise.all([ollama?.stop(), jupyter?.stop()]);
    await moto?.stop();
  });

  it('alerts once on the first scan: open Ollama unauthenticated, token Jupyter auth-required', async () => {
    // Act
    const { report, output } = await scan([HOME, OTHER]);

    // Assess: verdicts in DynamoDB
    const exposed = new Map((await store.currentExposures()).map((e) => [e.target.targetId, e.snapshot]));
    for (const region of [HOME, OTHER]) {
      expect(exposed.get(targetOf(region, 'ollama', 11434))).toMatchObject({ verdict: 'unauthenticated', service: { id: 'ollama' } });
      expect(exposed.get(targetOf(region, 'authJupyter', 8888))).toMatchObject({ verdict: 'auth-required', service: { id: 'jupyter-server' } });
    }
    expect(exposed.size).toBe(4);
    expect(report.changes.map((c) => c.kind)).toEqual(['opened', 'opened', 'opened', 'opened']);
    expect((await store.history({ targetId: targetOf(HOME, 'ollama', 11434) })).map((h) => h.kind)).toEqual(['opened']);

    // Assess: exactly one alert, naming both
    expect(output.alerted).toBe(true);
    const messages = await drain();
    expect(messages).toHaveLength(1);
    const [alert] = messages;
    expect(alert!.Subject).toMatch(/unauthenticated Ollama on/);
    expect(alert!.Message).toContain(accounts[HOME]!.instances.ollama.publicIp);
    expect(alert!.Message).toContain(accounts[HOME]!.instances.ollama.instanceId);
    expect(alert!.Message).toMatch(/auth-required[\s\S]*Jupyter|Jupyter[\s\S]*auth-required/);
    expect(alert!.MessageAttributes['changeKinds']?.Value).toContain('opened');
  });

  it('stays quiet when nothing changed', async () => {
    const { report, output } = await scan([HOME, OTHER]);

    expect(report.changes).toEqual([]);
    expect(output.alerted).toBe(false);
    expect(await drain()).toEqual([]);
  });

  it('records an accepted exposure without paging, and pages when its acceptance is withdrawn while it stays open', async () => {
    // Prepare: the home region's token-gated Jupyter is accepted
    const jupyterTarget = targetOf(HOME, 'authJupyter', 8888);
    const accepted: AcceptedExposure = {
      service: 'jupyter-server',
      resource: accounts[HOME]!.instances.authJupyter.instanceId,
      accepts: 'auth-required',
      reason: 'shared lab notebook behind its token, SEC-77',
      until: '2099-12-31',
    };

    // Act
    const acceptedScan = await scan([HOME, OTHER], new Set(), [accepted]);
    const acceptedMessages = await drain();
    const current = (await store.currentExposures()).find((e) => e.target.targetId === jupyterTarget);
    const withdrawnScan = await scan([HOME, OTHER]);
    const withdrawnMessages = await drain();

    // Assess: history only, then one alert naming the acceptance that ended
    expect(acceptedScan.report.changes.map((c) => [c.kind, c.target.targetId])).toEqual([['accepted', jupyterTarget]]);
    expect(acceptedScan.output.alerted).toBe(false);
    expect(acceptedMessages).toEqual([]);
    expect(current?.accepted).toEqual({ reason: accepted.reason, until: accepted.until, accepts: 'auth-required' });
    expect(withdrawnScan.report.changes.map((c) => [c.kind, c.severity, c.target.targetId])).toEqual([['acceptance-ended', 'low', jupyterTarget]]);
    expect(withdrawnMessages).toHaveLength(1);
    expect(withdrawnMessages[0]!.Subject).toMatch(/^LOW: auth-required Jupyter Server .*\(acceptance ended\) on /);
    expect(withdrawnMessages[0]!.Message.replace(/\s+/g, ' ')).toContain('its acceptance was withdrawn (it was accepted until 2099-12-31: shared lab notebook behind its token, SEC-77)');
    expect((await store.history({ targetId: jupyterTarget })).map((h) => h.kind)).toEqual(['opened', 'accepted', 'acceptance-ended']);
  });

  it('announces the resolution when the 0.0.0.0/0 rule is revoked, and history keeps open and close times', async () => {
    // Prepare
    await revokeOpenRule(awsConfig(HOME), accounts[HOME]!.securityGroups.ollamaOpen);

    // Act
    const { report } = await scan([HOME, OTHER]);

    // Assess
    expect(report.changes.map((c) => [c.kind, c.target.targetId])).toEqual([['resolved', targetOf(HOME, 'ollama', 11434)]]);
    const messages = await drain();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.Subject).toMatch(/^RESOLVED/);
    const history = (await store.history({ targetId: targetOf(HOME, 'ollama', 11434) })) as ExposureChange[];
    expect(history.map((h) => h.kind)).toEqual(['opened', 'resolved']);
    expect(history[1]!.firstSeen).toBe(history[0]!.at);
    expect(Date.parse(history[1]!.at)).toBeGreaterThan(Date.parse(history[0]!.at));
  });

  it("resolves nothing in a region whose AWS APIs fail (the error named is EC2's), and resolves it once the region answers again", async () => {
    // Prepare: the other region's rule goes away, but its API is down for this scan
    await revokeOpenRule(awsConfig(OTHER), accounts[OTHER]!.securityGroups.ollamaOpen);
    const otherOllama = targetOf(OTHER, 'ollama', 11434);

    // Act
    const failed = await scan([HOME, OTHER], new Set([OTHER]));

    // Assess: not scanned, not resolved
    expect(failed.report.scopes.find((s) => s.scope.region === OTHER)).toMatchObject({ ok: false, error: expect.stringMatching(/^ec2:[A-Za-z]+ failed: .*ECONNREFUSED/) });
    expect(failed.report.changes).toEqual([]);
    expect((await store.currentExposures()).map((e) => e.target.targetId)).toContain(otherOllama);
    expect((await store.history({ targetId: otherOllama })).map((h) => h.kind)).toEqual(['opened']);
    await drain();

    // Act: the region answers again
    const recovered = await scan([HOME, OTHER]);

    // Assess
    expect(recovered.report.changes.map((c) => [c.kind, c.target.targetId])).toEqual([['resolved', otherOllama]]);
    expect((await store.history({ targetId: otherOllama })).map((h) => h.kind)).toEqual(['opened', 'resolved']);
  });
});
