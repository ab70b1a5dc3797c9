/**
 * Each stage sends only the DynamoDB actions its Lambda's IAM policy grants (`TABLE_ACCESS`, lib/store.ts),
 * on the embedded store (dynalite), with workspace items big enough to be written and read as parts. No
 * emulator here checks IAM, so a stage that started to need another action would only fail once deployed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACCESS } from '../../../lib/store.js';
import { inventoryStage, probeStage, reconcileStage } from '../../../lambdas/pipeline/stages.js';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import { createProber, type AddressMapEntry } from '../../../lambdas/probe/prober.js';
import { historyOfScanCommand } from '../../../lambdas/shared/cli-commands.js';
import { freeLoopbackPort } from '../../../lambdas/shared/child-process.js';
import { formatHostPort, resourceKeyOf, type ScopeInventory } from '../../../lambdas/shared/model.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalStore } from '../../../lambdas/state/local-store.js';
import { createStateStore, type StateStore } from '../../../lambdas/state/store.js';
import { incompressibleTarget, manyResourceNames, SCOPE } from '../state/scan-builders.js';

type Stage = keyof typeof TABLE_ACCESS;

interface Call {
  readonly action: string;
  readonly indexName?: string;
}

let dir: string;
let local: Awaited<ReturnType<typeof startLocalStore>>;
const clients: DynamoDBClient[] = [];

/** A store whose client records every action it sends, as IAM names it. */
function recordingStore(calls: Call[]): StateStore {
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: string };
      calls.push({ action: `dynamodb:${String(context.commandName).replace(/Command$/, '')}`, ...(input.IndexName ? { indexName: input.IndexName } : {}) });
      return next(args);
    },
    { step: 'initialize', name: 'recordAction' },
  );
  clients.push(client);
  return createStateStore({ client: DynamoDBDocumentClient.from(client), tableName: local.tableName });
}

function outsidePolicy(stage: Stage, calls: readonly Call[]): string[] {
  const access: { table: readonly string[]; indexes: readonly string[]; indexNames?: readonly string[] } = TABLE_ACCESS[stage];
  return calls
    .filter(({ action, indexName }) =>
      indexName === undefined ? !access.table.includes(action) : !access.indexes.includes(action) || (access.indexNames !== undefined && !access.indexNames.includes(indexName)),
    )
    .map(({ action, indexName }) => `${action}${indexName ? ` on ${indexName}` : ''}`);
}

describe('DynamoDB actions of the pipeline stages', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aem-table-access-'));
    local = await startLocalStore({ dir });
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await local?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('stay within what each Lambda is granted, when the workspace writes and reads parts', async () => {
    // Prepare: 2,000 targets in one batch with random ids and Name tags, and 40,000 resources, so the targets and the scope record are each over one item compressed.
    const closedPort = await freeLoopbackPort();
    const targets = Array.from({ length: 2_000 }, (_, n) => incompressibleTarget(10_000 + n));
    const resources = [...targets.map(resourceKeyOf), ...manyResourceNames(38_000)];
    const inventory: ScopeInventory = { scope: SCOPE, ok: true, targets, assets: [], resources };
    const addressMap = new Map<string, AddressMapEntry>(targets.map((t) => [formatHostPort(t.address, t.port), { connectHost: '127.0.0.1', connectPort: closedPort }]));
    const prober = createProber({ catalog, addressMap });
    const scanId = '20261127T190000Z-7ab1e5ac';
    const calls: Record<Stage, Call[]> = { inventory: [], probe: [], reconcile: [] };

    // Act
    const listed = await inventoryStage({ store: recordingStore(calls.inventory), batchSize: 2_000, listScope: async () => inventory }, { scanId, scope: SCOPE });
    for (const { batchId } of listed.batches) await probeStage({ store: recordingStore(calls.probe), prober }, { scanId, batchId });
    const { report } = await reconcileStage(
      { store: recordingStore(calls.reconcile), now: () => new Date('2026-11-27T19:05:00Z'), listAllCommand: historyOfScanCommand },
      { scanId, startedAt: '2026-11-27T19:00:00.000Z', failedScopes: [], plannedScopes: [SCOPE] },
    );

    // Assess
    for (const stage of Object.keys(calls) as Stage[]) expect(outsidePolicy(stage, calls[stage]), stage).toEqual([]);
    expect(report.scopes).toEqual([{ scope: SCOPE, ok: true, targets: 2_000 }]);
    // The probe read its targets as parts (closed ports' results, without evidence, fit one item compressed).
    expect(calls.probe.filter((call) => call.action === 'dynamodb:GetItem').length).toBeGreaterThan(1);
    expect(calls.probe.filter((call) => call.action === 'dynamodb:PutItem')).toHaveLength(1);
    expect(calls.inventory.filter((call) => call.action === 'dynamodb:PutItem').length).toBeGreaterThan(2);
  });
});
