/**
 * The inventory stage batches the targets that got no answer in the last scan together, at the end, on
 * the embedded store (dynalite): a probe invocation lasts as long as its slowest target, so silent ports
 * spread among the others would make nearly every invocation wait out a header timeout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryStage, unansweredLast } from '../../../lambdas/pipeline/stages.js';
import type { StateStore } from '../../../lambdas/state/store.js';
import { startLocalStateStore, type LocalStateStore } from '../../support/local-state-store.js';
import { hour, okScope, scanOf, SCOPE, target } from '../state/scan-builders.js';

let local: LocalStateStore;
let store: StateStore;

describe('Function: inventoryStage (batches)', () => {
  beforeAll(async () => {
    local = await startLocalStateStore('aem-batching-');
    ({ store } = local);
  });

  afterAll(async () => {
    await local?.stop();
  });

  it('puts the targets that got no answer last time into the last batches, in inventory order otherwise', async () => {
    // Prepare: five targets; t1 stayed silent, t3 was exposed and then stopped answering (kept, one miss).
    const targets = [0, 1, 2, 3, 4].map((n) => target(`i-batch${n}`, 8000 + n));
    const [t0, t1, t2, t3, t4] = targets as [(typeof targets)[0], (typeof targets)[0], (typeof targets)[0], (typeof targets)[0], (typeof targets)[0]];
    const scope = okScope(targets);
    await store.applyScan(scanOf('20250501T010000Z-aaaa0001', hour(1), [scope], new Map([[t0, 'not-ai'], [t1, 'unreachable'], [t2, 'closed'], [t3, 'unauthenticated'], [t4, 'not-ai']])));
    await store.applyScan(scanOf('20250501T020000Z-aaaa0002', hour(2), [scope], new Map([[t0, 'not-ai'], [t1, 'unreachable'], [t2, 'closed'], [t3, 'unreachable'], [t4, 'not-ai']])));
    const scanId = '20250501T030000Z-aaaa0003';

    // Act
    const output = await inventoryStage({ store, batchSize: 2, listScope: () => Promise.resolve(scope) }, { scanId, scope: SCOPE });

    // Assess
    const batches = await Promise.all(output.batches.map(({ batchId }) => store.getBatchTargets(scanId, batchId)));
    expect(batches.map((batch) => batch.map((t) => t.resourceId))).toEqual([['i-batch0', 'i-batch2'], ['i-batch4', 'i-batch1'], ['i-batch3']]);
    expect(output).toMatchObject({ ok: true, targetCount: 5, unansweredLastScan: 2 });
    // The exposure stayed (one inconclusive scan does not resolve it): it is still an exposure, just unanswered.
    expect((await store.currentExposures()).map((e) => e.target.targetId)).toEqual([t3.targetId]);
  });

  it('keeps the inventory order of a scope seen for the first time', async () => {
    const targets = [0, 1, 2].map((n) => target(`i-fresh${n}`, 9000 + n, 'ap-northeast-3'));
    const scope = okScope(targets, [], { accountId: SCOPE.accountId, region: 'ap-northeast-3' });
    const scanId = '20250501T040000Z-aaaa0004';
    const output = await inventoryStage({ store, batchSize: 2, listScope: () => Promise.resolve(scope) }, { scanId, scope: scope.scope });
    const batches = await Promise.all(output.batches.map(({ batchId }) => store.getBatchTargets(scanId, batchId)));
    expect(batches.flat().map((t) => t.resourceId)).toEqual(['i-fresh0', 'i-fresh1', 'i-fresh2']);
    expect(output.unansweredLastScan).toBe(0);
  });
});

describe('Function: unansweredLast', () => {
  it('moves the unanswered targets to the end, each group in its own order', () => {
    const targets = [0, 1, 2, 3].map((n) => target(`i-order${n}`, 7000 + n));
    const moved = unansweredLast(targets, new Set([targets[0]!.targetId, targets[2]!.targetId]));
    expect(moved.map((t) => t.resourceId)).toEqual(['i-order1', 'i-order3', 'i-order0', 'i-order2']);
    expect(unansweredLast(targets, new Set())).toEqual(targets);
  });
});
