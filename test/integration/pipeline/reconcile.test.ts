/**
 * Reconcile's accounting of scopes, on the embedded store (dynalite): every
 * planned scope ends up either scanned or "not scanned" with a reason, and
 * nothing in a not-scanned scope is resolved.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileStage } from '../../../lambdas/pipeline/stages.js';
import { historyOfScanCommand } from '../../../lambdas/shared/cli-commands.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalStore } from '../../../lambdas/state/local-store.js';
import { createStateStore, type StateStore } from '../../../lambdas/state/store.js';

const ACCOUNT = '111122223333';
let dir: string;
let local: Awaited<ReturnType<typeof startLocalStore>>;
let store: StateStore;

describe('Function: reconcileStage', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aem-reconcile-'));
    local = await startLocalStore({ dir });
    const client = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    store = createStateStore({ client: DynamoDBDocumentClient.from(client), tableName: local.tableName });
  });

  afterAll(async () => {
    await local?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a planned scope that left neither a record nor a failure as not scanned', async () => {
    // Prepare: one scope recorded, one caught failure, one that vanished (its child workflow timed out)
    const scanId = '20261126T130000Z-0badc0de';
    const [recorded, caught, vanished] = ['eu-west-1', 'us-east-1', 'ap-south-1'].map((region) => ({ accountId: ACCOUNT, region }));
    await store.putScopeInventory(scanId, { scope: recorded!, ok: true, targets: [], assets: [], resources: [] }, 50);

    // Act
    const { report, output } = await reconcileStage(
      { store, now: () => new Date('2026-11-26T13:01:00Z'), listAllCommand: historyOfScanCommand },
      { scanId, startedAt: '2026-11-26T13:00:00.000Z', failedScopes: [{ scope: caught!, error: 'States.Timeout' }], plannedScopes: [recorded!, caught!, vanished!] },
    );

    // Assess
    expect(report.scopes).toEqual([
      { scope: recorded, ok: true, targets: 0 },
      { scope: caught, ok: false, error: 'States.Timeout', targets: 0 },
      { scope: vanished, ok: false, error: "no inventory record: the scope's workflow did not finish", targets: 0 },
    ]);
    expect(output).toMatchObject({ scopesFailed: 2, changes: 0, alerted: false });
  });
});
