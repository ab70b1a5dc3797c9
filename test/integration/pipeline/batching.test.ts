/**
 * The inventory stage batches the targets that got no answer in the last scan together, first, on the
 * embedded store (dynalite): a probe invocation lasts as long as its slowest target, so silent ports
 * spread among the others would make nearly every invocation wait out a header timeout, and batches
 * start in order, so theirs wait while the others run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../../lambdas/pipeline/run-scan.js';
import { inventoryStage, unansweredFirst } from '../../../lambdas/pipeline/stages.js';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import { createProber, type AddressMapEntry } from '../../../lambdas/probe/prober.js';
import { formatHostPort, targetIdOf, type ProbeResult, type ProbeTarget } from '../../../lambdas/shared/model.js';
import type { StateStore } from '../../../lambdas/state/store.js';
import { silent, startHttpServer, startRawServer } from '../../support/hostile-servers.js';
import { startLocalStateStore, type LocalStateStore } from '../../support/local-state-store.js';
import { hour, okScope, scanOf, SCOPE, target } from '../state/scan-builders.js';

let local: LocalStateStore;
let store: StateStore;

beforeAll(async () => {
  local = await startLocalStateStore('aem-batching-');
  ({ store } = local);
});

afterAll(async () => {
  await local?.stop();
});

describe('Function: inventoryStage (batches)', () => {
  it('puts the targets that got no answer last time into the first batches, in inventory order otherwise', async () => {
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
    expect(batches.map((batch) => batch.map((t) => t.resourceId))).toEqual([['i-batch1', 'i-batch3'], ['i-batch0', 'i-batch2'], ['i-batch4']]);
    expect(batches.map((batch) => batch.map((t) => t.unansweredLastScan ?? false))).toEqual([[true, true], [false, false], [false]]);
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

describe('Function: unansweredFirst', () => {
  it('moves the unanswered targets to the front, each group in its own order', () => {
    const targets = [0, 1, 2, 3].map((n) => target(`i-order${n}`, 7000 + n));
    const moved = unansweredFirst(targets, new Set([targets[0]!.targetId, targets[2]!.targetId]));
    expect(moved.map((t) => t.resourceId)).toEqual(['i-order0', 'i-order2', 'i-order1', 'i-order3']);
    expect(unansweredFirst(targets, new Set())).toEqual(targets);
  });
});

describe('Function: runScan (batches at once)', () => {
  it('probes the next batches while a batch of silent ports waits out its header timeout', async () => {
    // Prepare: three batches of one; the first is a port that accepts and never answers.
    const quiet = await startRawServer(silent);
    const web = await startHttpServer((_request, response) => response.end('hello'));
    const onDocumentationAddress = (n: number, server: { port: number }): { target: ProbeTarget; entry: [string, AddressMapEntry] } => {
      const address = `192.0.2.${n}`;
      const fields = { ...target(`i-at-once${n}`, 8080), address };
      const listed = { ...fields, targetId: targetIdOf(fields) };
      return { target: listed, entry: [formatHostPort(address, 8080), { connectHost: '127.0.0.1', connectPort: server.port }] };
    };
    const listed = [onDocumentationAddress(31, quiet), onDocumentationAddress(32, web), onDocumentationAddress(33, web)];
    const prober = createProber({ catalog, addressMap: new Map(listed.map(({ entry }) => entry)), budgets: { headersTimeoutMs: 1_000 } });
    const finished: ProbeResult[] = [];

    // Act
    try {
      await runScan(
        { store, listScope: () => Promise.resolve(okScope(listed.map((l) => l.target))), batchSize: 1, prober, now: () => new Date(), listAllCommand: () => '' },
        { accounts: [SCOPE.accountId], regions: [SCOPE.region], onProgress: (progress) => progress.stage === 'probe' && finished.push(progress.result) },
      );
    } finally {
      await Promise.all([quiet.close(), web.close()]);
    }

    // Assess: one after another, the silent batch's result would come first. The two web batches run at once,
    // so either of them may finish first.
    const verdicts = finished.map((result) => [result.address, result.verdict]);
    expect(verdicts).toHaveLength(3);
    expect(verdicts.slice(0, 2)).toEqual(expect.arrayContaining([['192.0.2.32', 'not-ai'], ['192.0.2.33', 'not-ai']]));
    expect(verdicts[2]).toEqual(['192.0.2.31', 'unreachable']);
  });
  it('runs the batches of targets unanswered last scan on top of the lanes that fill the socket cap', async () => {
    // Prepare: four ports that stayed silent in the last scan (two batches of two, marked, first) and a web server,
    // on a prober of 2 sockets: 2 lanes fill it, and the marked targets hold at most 1 of its sockets.
    const quiet = await startRawServer(silent);
    const web = await startHttpServer((_request, response) => response.end('hello'));
    const region = 'eu-south-2';
    const onDocumentationAddress = (n: number, server: { port: number }): { target: ProbeTarget; entry: [string, AddressMapEntry] } => {
      const address = `192.0.2.${n}`;
      const fields = { ...target(`i-lanes${n}`, 8080, region), address };
      const listed = { ...fields, targetId: targetIdOf(fields) };
      return { target: listed, entry: [formatHostPort(address, 8080), { connectHost: '127.0.0.1', connectPort: server.port }] };
    };
    const silentOnes = [41, 42, 43, 44].map((n) => onDocumentationAddress(n, quiet));
    const listed = [onDocumentationAddress(45, web), ...silentOnes];
    const scope = okScope(listed.map((l) => l.target), [], { accountId: SCOPE.accountId, region });
    await store.applyScan(scanOf('20250501T050000Z-aaaa0005', hour(5), [scope], new Map(silentOnes.map((s) => [s.target, 'unreachable']))));
    const prober = createProber({ catalog, addressMap: new Map(listed.map(({ entry }) => entry)), budgets: { headersTimeoutMs: 500, maxConcurrentTargets: 2 } });
    const finished: ProbeResult[] = [];

    // Act
    try {
      await runScan(
        { store, listScope: () => Promise.resolve(scope), batchSize: 2, prober, now: () => new Date(), listAllCommand: () => '' },
        { accounts: [SCOPE.accountId], regions: [region], onProgress: (progress) => progress.stage === 'probe' && finished.push(progress.result) },
      );
    } finally {
      await Promise.all([quiet.close(), web.close()]);
    }

    // Assess: in the 2 lanes alone, the two marked batches would hold both, and the web server would wait for one.
    expect(finished.map((result) => [result.address, result.verdict])[0]).toEqual(['192.0.2.45', 'not-ai']);
    expect(finished.filter((result) => result.verdict === 'unreachable')).toHaveLength(4);
  });
});
