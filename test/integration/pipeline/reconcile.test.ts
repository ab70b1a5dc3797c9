/**
 * Reconcile's accounting of scopes, on the embedded store (dynalite): every
 * planned scope ends up either scanned or "not scanned" with a reason, and
 * nothing in a not-scanned scope is resolved; and what it alerts on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileStage } from '../../../lambdas/pipeline/stages.js';
import { defaultBudgets } from '../../../lambdas/probe/budgets.js';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import { createProber } from '../../../lambdas/probe/prober.js';
import { historyOfScanCommand } from '../../../lambdas/shared/cli-commands.js';
import { targetIdOf, type ProbeTarget } from '../../../lambdas/shared/model.js';
import type { StateStore } from '../../../lambdas/state/store.js';
import { loadFixtures } from '../../support/fixture-format.js';
import { startLocalStateStore, type LocalStateStore } from '../../support/local-state-store.js';
import { startReplayServer } from '../../support/replay-server.js';

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

  it('names an exposed server more or less precisely without alerting: llama-cpp-python after the catalog update that knows it, and before', async () => {
    // Prepare: llama-cpp-python's recorded answers on loopback, behind a public address the prober maps there
    const fixture = loadFixtures().find((x) => x.family === 'llama-cpp-python' && x.fixture.expect.verdict === 'unauthenticated')!.fixture;
    const server = await startReplayServer(fixture);
    const scope = { accountId: ACCOUNT, region: 'ca-central-1' };
    const base = { ...scope, resourceType: 'ec2-instance' as const, resourceId: 'i-0llama', address: '54.214.10.30', port: fixture.port };
    const target: ProbeTarget = { ...base, targetId: targetIdOf(base), reason: 'sg-0llama tcp 8000 from 0.0.0.0/0' };
    const addressMap = new Map([[`${target.address}:${target.port}`, { connectHost: '127.0.0.1', connectPort: server.port }]]);
    const scanWith = async (families: typeof catalog, scanId: string, startedAt: string): Promise<{ subjects: string[]; changes: number }> => {
      const [batchId] = await store.putScopeInventory(scanId, { scope, ok: true, targets: [target], assets: [], resources: ['ec2-instance/i-0llama'] }, 50);
      const prober = createProber({ catalog: families, budgets: defaultBudgets, addressMap });
      await store.putBatchResults(scanId, batchId!, await prober.probe([{ targetId: target.targetId, address: target.address, port: target.port }], { plan: 'full' }));
      const subjects: string[] = [];
      const publish = async (message: { subject: string }): Promise<string> => (subjects.push(message.subject), `message-${subjects.length}`);
      const { output } = await reconcileStage(
        { store, now: () => new Date(Date.parse(startedAt) + 60_000), listAllCommand: historyOfScanCommand, publish },
        { scanId, startedAt, plannedScopes: [scope] },
      );
      return { subjects, changes: output.changes };
    };

    const withoutTheFamily = catalog.filter((family) => family.id !== 'llama-cpp-python');
    const current = async () => (await store.currentExposures()).find((exposure) => exposure.target.targetId === target.targetId);

    try {
      // Act: a scan with the catalog before it knew llama-cpp-python, one with today's, and one whose answers
      // name only the generic family again (as when the document that names the product fails to arrive)
      const before = await scanWith(withoutTheFamily, '20261127T100000Z-11a3a001', '2026-11-27T10:00:00.000Z');
      const after = await scanWith(catalog, '20261127T110000Z-11a3a002', '2026-11-27T11:00:00.000Z');
      const namedAfter = await current();
      const vaguer = await scanWith(withoutTheFamily, '20261127T120000Z-11a3a003', '2026-11-27T12:00:00.000Z');

      // Assess: one alert for the exposure and none for its names; the current state keeps the better-informed one
      expect(before.subjects).toEqual([expect.stringMatching(/^HIGH: unauthenticated OpenAI-compatible API on 54\.214\.10\.30:8000 /)]);
      expect(after).toEqual({ subjects: [], changes: 0 });
      expect(namedAfter).toMatchObject({
        firstSeen: '2026-11-27T10:00:00.000Z',
        snapshot: { verdict: 'unauthenticated', service: { id: 'llama-cpp-python' }, version: fixture.expect.version, alsoIdentifiedAs: ['openai-compatible'] },
      });
      expect(vaguer).toEqual({ subjects: [], changes: 0 });
      expect(await current()).toMatchObject({ firstSeen: '2026-11-27T10:00:00.000Z', lastSeen: '2026-11-27T12:00:00.000Z', snapshot: namedAfter?.snapshot });
      expect((await store.history({ targetId: target.targetId })).map((h) => h.kind)).toEqual(['opened']);
    } finally {
      await server.stop();
    }
  });
});
