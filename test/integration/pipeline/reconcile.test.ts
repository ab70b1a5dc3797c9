/**
 * Reconcile's accounting of scopes, on the embedded store (dynalite): every
 * planned scope ends up either scanned or "not scanned" with a reason, and
 * nothing in a not-scanned scope is resolved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileStage } from '../../../lambdas/pipeline/stages.js';
import { historyOfScanCommand } from '../../../lambdas/shared/cli-commands.js';
import { targetIdOf, type ProbeTarget } from '../../../lambdas/shared/model.js';
import type { StateStore } from '../../../lambdas/state/store.js';
import { startLocalStateStore, type LocalStateStore } from '../../support/local-state-store.js';

const ACCOUNT = '111122223333';
let local: LocalStateStore;
let store: StateStore;

describe('Function: reconcileStage', () => {
  beforeAll(async () => {
    local = await startLocalStateStore('aem-reconcile-');
    ({ store } = local);
  });

  afterAll(async () => {
    await local?.stop();
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

  it('sends the alert on a retry when the first attempt wrote the changes but could not publish', async () => {
    // Prepare: one unauthenticated Jupyter in a recorded scope
    const scanId = '20261126T140000Z-5e7d1a2b';
    const scope = { accountId: ACCOUNT, region: 'eu-north-1' };
    const base = { ...scope, resourceType: 'ec2-instance' as const, resourceId: 'i-0retry', address: '198.51.100.20', port: 8888 };
    const target: ProbeTarget = { ...base, targetId: targetIdOf(base), reason: 'sg-0retry tcp 8888 from 0.0.0.0/0' };
    const [batchId] = await store.putScopeInventory(scanId, { scope, ok: true, targets: [target], assets: [], resources: ['ec2-instance/i-0retry'] }, 50);
    await store.putBatchResults(scanId, batchId!, [
      {
        targetId: target.targetId,
        address: target.address,
        port: target.port,
        verdict: 'unauthenticated',
        service: { id: 'jupyter-server', name: 'Jupyter Server', category: 'notebook' },
        severity: 'critical',
        tls: false,
        evidence: { signals: ['kernels listed without a token'] },
        probedAt: '2026-11-26T14:00:01.000Z',
        durationMs: 40,
      },
    ]);
    const event = { scanId, startedAt: '2026-11-26T14:00:00.000Z', plannedScopes: [scope] };
    const published: string[] = [];
    const deps = { store, now: () => new Date('2026-11-26T14:01:00Z'), listAllCommand: historyOfScanCommand };

    // Act: SNS is down for the first attempt, back for the retry
    await expect(reconcileStage({ ...deps, publish: () => Promise.reject(new Error('SNS throttled')) }, event)).rejects.toThrow('SNS throttled');
    const retry = await reconcileStage({ ...deps, publish: async (message) => (published.push(message.subject), 'message-1') }, event);

    // Assess
    expect(published).toEqual([expect.stringMatching(/^CRITICAL: unauthenticated Jupyter Server on 198\.51\.100\.20:8888/)]);
    expect(retry.output).toMatchObject({ changes: 1, alerted: true, messageId: 'message-1' });
    expect((await store.history({ targetId: target.targetId })).map((h) => h.kind)).toEqual(['opened']);
  });
});
