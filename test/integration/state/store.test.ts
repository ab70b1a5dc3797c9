/**
 * The state store against two real DynamoDB implementations: moto in server
 * mode (what the Lambda tests use) and dynalite through the embedded local
 * store (what the CLI uses). The same suite runs on both.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, paginateScan, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeTarget, ScopeInventory, Verdict } from '../../../lambdas/shared/model.js';
import { LocalStoreError, ScanWorkspaceError } from '../../../lambdas/state/errors.js';
import { ensureTable, LOCAL_CREDENTIALS, startLocalStore } from '../../../lambdas/state/local-store.js';
import { createStateStore, type StateStore } from '../../../lambdas/state/store.js';
import { PART_SK_PREFIX, TTL_ATTRIBUTE } from '../../../lambdas/state/table.js';
import { startMoto } from '../../support/moto.js';
import { ACCOUNT, asset, failedScope, hour, incompressibleTarget, largeResult, manyResourceNames, okScope, REGION, result, scanOf, SCOPE, target } from './scan-builders.js';

interface RunningBackend {
  readonly endpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  stop(): Promise<void>;
}

const backends: { name: string; start: () => Promise<RunningBackend> }[] = [
  { name: 'moto server', start: startMoto },
  {
    name: 'dynalite (local store)',
    start: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'state-store-'));
      const local = await startLocalStore({ dir });
      return {
        endpoint: local.endpoint,
        credentials: LOCAL_CREDENTIALS,
        stop: async () => {
          await local.stop();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

const verdicts = (...entries: [ProbeTarget, Verdict][]): Map<ProbeTarget, Verdict> => new Map(entries);

describe.each(backends)('StateStore on $name', (backend) => {
  let server: RunningBackend;
  let raw: DynamoDBClient;
  let client: DynamoDBDocumentClient;
  let tables = 0;

  beforeAll(async () => {
    server = await backend.start();
    raw = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: server.credentials });
    client = DynamoDBDocumentClient.from(raw);
  });

  afterAll(async () => {
    raw?.destroy();
    await server?.stop();
  });

  /** Each test gets its own table, so tests never see each other's state. */
  async function freshStore(): Promise<{ store: StateStore; tableName: string }> {
    const tableName = `state-test-${++tables}`;
    await ensureTable(raw, tableName);
    return { store: createStateStore({ client, tableName, now: () => new Date(Date.UTC(2025, 5, 30)) }), tableName };
  }

  async function allItems(tableName: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for await (const page of paginateScan({ client }, { TableName: tableName })) items.push(...(page.Items ?? []));
    return items;
  }

  /** An item's size as DynamoDB counts it, near enough: binary attributes by their bytes. */
  const itemBytes = (item: Record<string, unknown>): number =>
    Buffer.byteLength(JSON.stringify(item, (_key, value: unknown) => (value instanceof Uint8Array ? 'x'.repeat(value.length) : value)));

  it('ensureTable is idempotent', async () => {
    const { tableName } = await freshStore();
    await expect(ensureTable(raw, tableName)).resolves.toBeUndefined();
  });

  it('round-trips a scan through the workspace in batches and reconciles it', async () => {
    // Prepare
    const { store, tableName } = await freshStore();
    const targets = [1, 2, 3, 4, 5].map((n) => target(`i-${n}`, 11434));
    const otherRegion = { accountId: ACCOUNT, region: 'us-east-1' };
    const endpoint = asset('chat', { image: 'tgi:2.0' });

    // Act
    const batchIds = await store.putScopeInventory('scan-0001', okScope(targets, [endpoint]), 2);
    const failedBatchIds = await store.putScopeInventory('scan-0001', failedScope(otherRegion), 2);
    const second = await store.getBatchTargets('scan-0001', batchIds[1]!);
    await store.putBatchResults('scan-0001', batchIds[0]!, targets.slice(0, 2).map((t) => result(t, 'unauthenticated', hour(1))));
    await store.putBatchResults('scan-0001', batchIds[1]!, targets.slice(2, 4).map((t) => result(t, 'closed', hour(1))));
    const loaded = await store.loadScan('scan-0001');
    const applied = await store.applyScan({ scanId: 'scan-0001', at: hour(1), ...loaded });

    // Assess
    expect(batchIds).toHaveLength(3);
    expect(failedBatchIds).toEqual([]);
    expect(second.map((t) => t.targetId)).toEqual(targets.slice(2, 4).map((t) => t.targetId));
    expect(loaded.missingResultBatches).toEqual([batchIds[2]]);
    expect(loaded.results).toHaveLength(4);
    const ok = loaded.scopes.find((s) => s.ok);
    expect(ok).toEqual(okScope(targets, [endpoint]));
    expect(loaded.scopes.find((s) => !s.ok)).toEqual(failedScope(otherRegion));
    expect(applied.changes.map((c) => [c.kind, c.target.resourceId])).toEqual([
      ['opened', 'i-1'],
      ['opened', 'i-2'],
    ]);
    expect(applied.assetChanges.map((c) => c.kind)).toEqual(['asset-added']);
    const items = await allItems(tableName);
    const expiring = items.filter((i) => TTL_ATTRIBUTE in i).map((i) => String(i['pk']));
    // 3 target batches, 2 result batches, 2 scope records; state and history never expire.
    expect(expiring).toHaveLength(7);
    expect(expiring.every((pk) => pk.startsWith('SCAN#'))).toBe(true);
    expect(items.filter((i) => String(i['pk']).startsWith('SCAN#'))).toHaveLength(7);
  });

  it('gives the probe its scheduling mark but keeps it out of state and history', async () => {
    // Prepare: a target the inventory stage marked as unanswered in the last scan.
    const { store } = await freshStore();
    const marked = { ...target('i-marked', 11434), unansweredLastScan: true as const };
    const [batchId] = await store.putScopeInventory('scan-0002', okScope([marked]), 10);

    // Act
    const probed = await store.getBatchTargets('scan-0002', batchId!);
    await store.putBatchResults('scan-0002', batchId!, [result(marked, 'unauthenticated', hour(2))]);
    const applied = await store.applyScan({ scanId: 'scan-0002', at: hour(2), ...(await store.loadScan('scan-0002')) });

    // Assess
    expect(probed[0]?.unansweredLastScan).toBe(true);
    expect(applied.changes.map((change) => 'unansweredLastScan' in change.target)).toEqual([false]);
    expect((await store.currentExposures()).map((exposure) => 'unansweredLastScan' in exposure.target)).toEqual([false]);
  });

  it('expires history through the TTL only when a history retention is set, counted from each change', async () => {
    // Prepare
    const tableName = `state-test-${++tables}`;
    await ensureTable(raw, tableName);
    const store = createStateStore({ client, tableName, historyRetentionDays: 30 });
    const open = target('i-ttl', 11434);

    // Act
    await store.applyScan(scanOf('scan-ttl-1', hour(1), [okScope([open])], verdicts([open, 'unauthenticated'])));

    // Assess
    const items = await allItems(tableName);
    const history = items.filter((i) => String(i['sk']).startsWith('HIST#'));
    expect(history).toHaveLength(1);
    expect(history[0]![TTL_ATTRIBUTE]).toBe(Math.floor(Date.parse(hour(1)) / 1000) + 30 * 86_400);
    expect(items.find((i) => i['sk'] === 'CURRENT')).not.toHaveProperty(TTL_ATTRIBUTE);
  });

  it('refuses unknown batches and nonsense batch sizes with workspace errors', async () => {
    const { store } = await freshStore();
    await expect(store.getBatchTargets('scan-0404', 'nope')).rejects.toThrow(ScanWorkspaceError);
    await expect(store.putScopeInventory('scan-0404', okScope([]), 0)).rejects.toThrow(/batchSize must be a whole number/);
    await expect(store.applyScan({ scanId: 'scan-0404', at: 'yesterday', scopes: [], results: [] })).rejects.toThrow(/ISO-8601/);
  });

  it('refuses a workspace item without compressed lists (one an earlier release wrote) rather than reading it empty', async () => {
    // Prepare: the batch's item as the release before the compressed lists wrote it, a DynamoDB list of targets.
    const { store, tableName } = await freshStore();
    const targets = [target('i-1', 11434)];
    const [batchId] = await store.putScopeInventory('scan-old', okScope(targets), 100);
    const written = await client.send(new GetCommand({ TableName: tableName, Key: { pk: 'SCAN#scan-old', sk: `BATCH#${batchId}#TARGETS` } }));
    const { lists: _lists, ...head } = written.Item!;
    await client.send(new PutCommand({ TableName: tableName, Item: { ...head, targets } }));

    // Act
    const [listed, loaded] = await Promise.allSettled([store.getBatchTargets('scan-old', batchId!), store.loadScan('scan-old')]);

    // Assess
    expect(listed).toMatchObject({ status: 'rejected', reason: expect.any(ScanWorkspaceError) });
    expect(loaded).toMatchObject({ status: 'rejected', reason: { message: expect.stringMatching(/has no lists: it was not written by this workspace/) } });
  });

  it('writes what does not fit one item compressed as parts and reads it back whole and in order', async () => {
    // Prepare: a batch of 2,000 targets with random ids and Name tags, an account with 40,000 random resource ids and 300 results with random excerpts: each list over one item compressed.
    const { store, tableName } = await freshStore();
    const targets = Array.from({ length: 2_000 }, () => incompressibleTarget(11434));
    const resources = manyResourceNames(40_000);
    const results = targets.slice(0, 300).map((t) => largeResult(t, 'unauthenticated', hour(1)));
    const inventory: ScopeInventory = { scope: SCOPE, ok: true, targets, assets: [], resources };

    // Act
    const [batchId] = await store.putScopeInventory('scan-big', inventory, 2_000);
    const listed = await store.getBatchTargets('scan-big', batchId!);
    await store.putBatchResults('scan-big', batchId!, results);
    const loaded = await store.loadScan('scan-big');

    // Assess
    expect(listed).toEqual(targets);
    expect(loaded.results).toEqual(results);
    expect(loaded.scopes).toEqual([inventory]);
    const items = await allItems(tableName);
    const parts = items.filter((i) => String(i['sk']).startsWith(PART_SK_PREFIX));
    expect(parts.length).toBeGreaterThanOrEqual(6);
    expect(Math.max(...items.map(itemBytes))).toBeLessThan(400 * 1024);
    expect(parts.every((i) => TTL_ATTRIBUTE in i)).toBe(true);
  });

  it('writes a batch of 2,000 targets (590 KB of JSON) and their results as one item each', async () => {
    const { store, tableName } = await freshStore();
    const targets = Array.from({ length: 2_000 }, (_, n) => target(`i-0${String(n).padStart(16, '0')}`, 11434));
    expect(Buffer.byteLength(JSON.stringify(targets))).toBeGreaterThan(400 * 1024);

    const [batchId] = await store.putScopeInventory('scan-compressed', okScope(targets), 2_000);
    await store.putBatchResults('scan-compressed', batchId!, targets.map((t) => result(t, 'unauthenticated', hour(1))));
    const loaded = await store.loadScan('scan-compressed');

    expect(loaded.results.map((r) => r.targetId)).toEqual(targets.map((t) => t.targetId));
    const items = await allItems(tableName);
    expect(items.map((i) => i['sk']).sort()).toEqual([`BATCH#${batchId}#RESULTS`, `BATCH#${batchId}#TARGETS`, `SCOPE#${ACCOUNT}/${SCOPE.region}`]);
    expect(Math.max(...items.map(itemBytes))).toBeLessThan(100 * 1024);
  });

  it('reads back a parted scope record whose other lists are empty (no targets, no assets)', async () => {
    const { store } = await freshStore();
    const resources = manyResourceNames(40_000);
    const inventory: ScopeInventory = { scope: SCOPE, ok: true, targets: [], assets: [], resources };

    const batchIds = await store.putScopeInventory('scan-no-targets', inventory, 100);
    const loaded = await store.loadScan('scan-no-targets');

    expect(batchIds).toEqual([]);
    expect(loaded).toEqual({ scopes: [inventory], results: [], missingResultBatches: [] });
  });

  it('reads only the last finished attempt of a batch written again, never a mix with parts of another', async () => {
    // Prepare: a second client on the same table that dies after its first write, as a Lambda cut short mid-batch would.
    const { store, tableName } = await freshStore();
    const dying = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: server.credentials });
    let puts = 0;
    dying.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutItemCommand' && ++puts > 1) throw new Error('the invocation ended here');
        return next(args);
      },
      { step: 'initialize', name: 'dieAfterFirstPut' },
    );
    const dyingStore = createStateStore({ client: DynamoDBDocumentClient.from(dying), tableName, now: () => new Date(Date.UTC(2025, 5, 30)) });
    const targets = Array.from({ length: 300 }, (_, n) => target(`i-${n}`, 11434));
    const [batchId] = await store.putScopeInventory('scan-retry', okScope(targets), 300);
    const firstAttempt = targets.map((t) => largeResult(t, 'unauthenticated', hour(1)));
    const diedAttempt = targets.map((t) => largeResult(t, 'closed', hour(1)));
    const thirdAttempt = targets.slice(0, 250).map((t) => largeResult(t, 'auth-required', hour(1)));
    const fourthAttempt = targets.slice(0, 3).map((t) => result(t, 'closed', hour(1)));

    // Act
    await store.putBatchResults('scan-retry', batchId!, firstAttempt);
    const died = dyingStore.putBatchResults('scan-retry', batchId!, diedAttempt);
    await expect(died).rejects.toThrow(/could not write part 2 of 2/);
    const afterDied = await store.loadScan('scan-retry');
    await store.putBatchResults('scan-retry', batchId!, thirdAttempt);
    const afterThird = await store.loadScan('scan-retry');
    await store.putBatchResults('scan-retry', batchId!, fourthAttempt);
    const afterFourth = await store.loadScan('scan-retry');
    dying.destroy();

    // Assess
    expect(afterDied.results).toEqual(firstAttempt);
    expect(afterThird.results).toEqual(thirdAttempt);
    expect(afterFourth.results).toEqual(fourthAttempt);
  });

  it('fails loudly when a part of a parted item is gone, rather than reading it short', async () => {
    // Prepare
    const { store, tableName } = await freshStore();
    const targets = Array.from({ length: 2_000 }, () => incompressibleTarget(11434));
    const [batchId] = await store.putScopeInventory('scan-lost', okScope(targets), 2_000);
    const part = (await allItems(tableName)).find((i) => String(i['sk']).startsWith(`${PART_SK_PREFIX}BATCH#`));

    // Act
    await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: part!['pk'], sk: part!['sk'] } }));

    // Assess
    await expect(store.getBatchTargets('scan-lost', batchId!)).rejects.toThrow(ScanWorkspaceError);
    await expect(store.loadScan('scan-lost')).rejects.toThrow(/in 2 parts, but part 1 is gone/);
  });

  it('opens, holds through one miss, and resolves after two misses with the exposure duration', async () => {
    // Prepare
    const { store } = await freshStore();
    const open = target('i-gpu', 11434);
    const gated = target('i-gpu', 8888);
    const web = target('i-web', 80);
    const scope = okScope([open, gated, web]);

    // Act
    const first = await store.applyScan(scanOf('scan-0001', hour(1), [scope], verdicts([open, 'unauthenticated'], [gated, 'auth-required'], [web, 'not-ai'])));
    const unchanged = await store.applyScan(scanOf('scan-0002', hour(2), [scope], verdicts([open, 'unauthenticated'], [gated, 'auth-required'], [web, 'not-ai'])));
    const oneMiss = await store.applyScan(scanOf('scan-0003', hour(3), [scope], verdicts([open, 'unreachable'], [gated, 'auth-required'], [web, 'not-ai'])));
    const exposedAfterMiss = await store.currentExposures();
    const twoMisses = await store.applyScan(scanOf('scan-0004', hour(4), [scope], verdicts([open, 'unreachable'], [gated, 'auth-required'], [web, 'not-ai'])));

    // Assess
    expect(first.changes.map((c) => [c.kind, c.severity, c.target.port])).toEqual([
      ['opened', 'critical', 11434],
      ['opened', 'low', 8888],
    ]);
    expect(unchanged.changes).toEqual([]);
    expect(oneMiss.changes).toEqual([]);
    expect(exposedAfterMiss.map((e) => e.target.port).sort()).toEqual([11434, 8888]);
    expect(exposedAfterMiss.find((e) => e.target.port === 11434)).toMatchObject({ firstSeen: hour(1), lastSeen: hour(2), snapshot: { verdict: 'unauthenticated', version: '0.5.1', alsoIdentifiedAs: ['openai-compatible'] } });
    expect(twoMisses.changes).toEqual([
      expect.objectContaining({ kind: 'resolved', firstSeen: hour(1), at: hour(4), why: 'unreachable in 2 consecutive scans', severity: 'info' }),
    ]);
    expect((await store.currentExposures()).map((e) => e.target.port)).toEqual([8888]);
    const history = await store.history({ targetId: open.targetId });
    expect(history.map((h) => [h.kind, h.at])).toEqual([
      ['opened', hour(1)],
      ['resolved', hour(4)],
    ]);
    expect(history[0]).toMatchObject({ target: open, result: { evidence: { signals: ['Ollama banner on GET /'] } }, remediation: expect.stringContaining('127.0.0.1') });
  });

  it('keeps an acceptance in the state and history, and pages its end while the exposure stays open', async () => {
    // Prepare: the demo is accepted through the day of hour(1); the GPU box is not accepted.
    const { store } = await freshStore();
    const demo = target('i-demo', 11434);
    const gpu = target('i-gpu', 11434);
    const scope = okScope([demo, gpu]);
    const acceptedExposures = [{ service: 'ollama', resource: 'i-demo', accepts: 'unauthenticated' as const, reason: 'public demo, SEC-1234', until: hour(1).slice(0, 10) }];
    const acceptance = { reason: 'public demo, SEC-1234', until: hour(1).slice(0, 10), accepts: 'unauthenticated' };
    const nextDay = new Date(Date.UTC(2025, 4, 2, 1)).toISOString();
    const bothOpen = verdicts([demo, 'unauthenticated'], [gpu, 'unauthenticated']);

    // Act
    const first = await store.applyScan({ ...scanOf('scan-0001', hour(1), [scope], bothOpen), acceptedExposures });
    const current = await store.currentExposures();
    const again = await store.applyScan({ ...scanOf('scan-0002', hour(2), [scope], bothOpen), acceptedExposures });
    const lapsed = await store.applyScan({ ...scanOf('scan-0003', nextDay, [scope], bothOpen), acceptedExposures });

    // Assess
    expect(first.changes.map((c) => [c.kind, c.target.resourceId, c.accepted])).toEqual([
      ['opened', 'i-demo', acceptance],
      ['opened', 'i-gpu', undefined],
    ]);
    expect(current.find((e) => e.target.resourceId === 'i-demo')?.accepted).toEqual(acceptance);
    expect(current.find((e) => e.target.resourceId === 'i-gpu')?.accepted).toBeUndefined();
    expect(again.changes).toEqual([]);
    expect(lapsed.changes).toEqual([
      expect.objectContaining({ kind: 'acceptance-ended', severity: 'critical', firstSeen: hour(1), why: expect.stringContaining('its acceptance lapsed') }),
    ]);
    expect((await store.currentExposures()).every((e) => e.accepted === undefined)).toBe(true);
    const history = await store.history({ targetId: demo.targetId });
    expect(history.map((h) => [h.kind, 'accepted' in h ? h.accepted : undefined])).toEqual([
      ['opened', acceptance],
      ['acceptance-ended', undefined],
    ]);
  });

  it('pages the coming end of an acceptance once, from what the store kept, and not one applied with its end already near', async () => {
    // Prepare: the demo is accepted through 2025-05-09 (8 days after the first scan's day: no notice due yet); the lab
    // box through 2025-05-02, already near when first applied, so never announced.
    const { store } = await freshStore();
    const demo = target('i-demo', 11434);
    const lab = target('i-lab', 11434);
    const scope = okScope([demo, lab]);
    const rule = (resource: string, until: string) => ({ service: 'ollama', resource, accepts: 'unauthenticated' as const, reason: `accepted for ${resource}`, until });
    const acceptedExposures = [rule('i-demo', '2025-05-09'), rule('i-lab', '2025-05-02')];
    const bothOpen = verdicts([demo, 'unauthenticated'], [lab, 'unauthenticated']);
    const day = (d: number) => new Date(Date.UTC(2025, 4, d, 1)).toISOString();

    // Act
    const opened = await store.applyScan({ ...scanOf('scan-0001', day(1), [scope], bothOpen), acceptedExposures });
    const weekBefore = await store.applyScan({ ...scanOf('scan-0002', day(2), [scope], bothOpen), acceptedExposures });
    const dayAfter = await store.applyScan({ ...scanOf('scan-0003', day(3), [scope], bothOpen), acceptedExposures });

    // Assess
    expect(opened.changes.map((c) => c.kind)).toEqual(['opened', 'opened']);
    expect(weekBefore.changes).toEqual([
      expect.objectContaining({ kind: 'acceptance-ending', severity: 'low', target: demo, acceptanceEnding: { reason: 'accepted for i-demo', until: '2025-05-09', accepts: 'unauthenticated' } }),
    ]);
    expect(weekBefore.changes[0]?.accepted).toBeUndefined();
    // The lab box's acceptance lapsed after day 2: that is news, the demo's notice is not again.
    expect(dayAfter.changes.map((c) => [c.kind, c.target.resourceId])).toEqual([['acceptance-ended', 'i-lab']]);
    const history = await store.history({ targetId: demo.targetId });
    expect(history.map((h) => h.kind)).toEqual(['opened', 'acceptance-ending']);
  });

  it('writes nothing when the same scan is applied again, or an older scan arrives late', async () => {
    // Prepare
    const { store } = await freshStore();
    const open = target('i-gpu', 11434);
    const scan1 = scanOf('scan-0001', hour(1), [okScope([open])], verdicts([open, 'unauthenticated']));
    const scan2 = scanOf('scan-0002', hour(2), [okScope([open])], verdicts([open, 'closed']));

    // Act
    const firstRun = await store.applyScan(scan1);
    const retried = await store.applyScan(scan1);
    const resolved = await store.applyScan(scan2);
    const late = await store.applyScan(scan1);
    const resolvedAgain = await store.applyScan(scan2);

    // Assess
    expect(firstRun.changes.map((c) => c.kind)).toEqual(['opened']);
    expect(retried.changes).toEqual([]);
    expect(resolved.changes.map((c) => c.kind)).toEqual(['resolved']);
    expect(late.changes).toEqual([]);
    expect(resolvedAgain.changes).toEqual([]);
    expect((await store.history({ targetId: open.targetId })).map((h) => h.kind)).toEqual(['opened', 'resolved']);
  });

  /**
   * Two stores over their own clients, each holding back its conditional writes
   * until the other has read the current state: both scans then diff the same
   * old state, so every write races for real (no timing luck involved).
   */
  function racingStores(tableName: string): { stores: [StateStore, StateStore]; conflicts: () => number; close(): void } {
    let conflicts = 0;
    const racers = [0, 1].map(() => {
      let markRead!: () => void;
      const hasRead = new Promise<void>((resolve) => (markRead = resolve));
      const racerRaw = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: server.credentials });
      return { raw: racerRaw, hasRead, markRead };
    });
    racers.forEach((racer, i) => {
      const other = racers[1 - i]!;
      racer.raw.middlewareStack.add(
        (next) => async (args) => {
          const input = args.input as Record<string, unknown>;
          if ('ConditionExpression' in input) await other.hasRead;
          try {
            const output = await next(args);
            if (input['IndexName'] === 'byScope') racer.markRead();
            return output;
          } catch (error) {
            if (error instanceof Error && error.name === 'ConditionalCheckFailedException') conflicts++;
            throw error;
          }
        },
        { step: 'initialize', name: 'raceGate' },
      );
    });
    const stores = racers.map((racer) => createStateStore({ client: DynamoDBDocumentClient.from(racer.raw), tableName })) as [StateStore, StateStore];
    return { stores, conflicts: () => conflicts, close: () => racers.forEach((racer) => racer.raw.destroy()) };
  }

  it('two concurrent scans of the same targets write exactly one opened per target', async () => {
    // Prepare
    const { store, tableName } = await freshStore();
    const targets = Array.from({ length: 6 }, (_, n) => target(`i-${n}`, 11434));
    const all = (verdict: Verdict) => new Map(targets.map((t) => [t, verdict] as const));
    const race = racingStores(tableName);

    // Act
    const [a, b] = await Promise.all([
      race.stores[0].applyScan(scanOf('scan-000a', hour(5), [okScope(targets)], all('unauthenticated'))),
      race.stores[1].applyScan(scanOf('scan-000b', hour(5), [okScope(targets)], all('unauthenticated'))),
    ]);
    race.close();

    // Assess
    expect(race.conflicts()).toBeGreaterThanOrEqual(targets.length);
    expect([...a.changes, ...b.changes].map((c) => c.kind)).toEqual(targets.map(() => 'opened'));
    expect(await store.history({})).toHaveLength(targets.length);
    for (const t of targets) {
      expect((await store.history({ targetId: t.targetId })).map((h) => h.kind)).toEqual(['opened']);
    }
  });

  it('two concurrent scans that disagree neither lose nor duplicate a change', async () => {
    // Prepare
    const { store, tableName } = await freshStore();
    const targets = Array.from({ length: 6 }, (_, n) => target(`i-${n}`, 11434));
    const all = (verdict: Verdict) => new Map(targets.map((t) => [t, verdict] as const));
    await store.applyScan(scanOf('scan-0001', hour(1), [okScope(targets)], all('unauthenticated')));
    const race = racingStores(tableName);

    // Act: one scan sees the services closed, a concurrent one sees them gated.
    const [closed, gated] = await Promise.all([
      race.stores[0].applyScan(scanOf('scan-0002', hour(2), [okScope(targets)], all('closed'))),
      race.stores[1].applyScan(scanOf('scan-0003', hour(2), [okScope(targets)], all('auth-required'))),
    ]);
    race.close();

    // Assess: every change a scan reported is in history exactly once, and history tells one consistent story.
    expect(race.conflicts()).toBeGreaterThanOrEqual(targets.length);
    const reported = [...closed.changes, ...gated.changes];
    expect(reported).toHaveLength(targets.length * 2);
    for (const t of targets) {
      const history = await store.history({ targetId: t.targetId });
      const mine = reported.filter((c) => c.target.targetId === t.targetId);
      expect(history).toHaveLength(1 + mine.length);
      expect(history.slice(1).map((h) => h.scanId).sort()).toEqual(mine.map((c) => c.scanId).sort());
      expect(history[0]!.kind).toBe('opened');
      // Whichever scan won first, the loser re-diffed against the winner's state.
      expect(history.slice(1).map((h) => h.kind).sort()).toEqual(['auth-changed', 'opened', 'resolved'].filter((k) => mine.some((c) => c.kind === k)).sort());
    }
  });

  it('resolves only in scopes whose inventory succeeded', async () => {
    // Prepare
    const { store, tableName } = await freshStore();
    const gpu = target('i-gpu', 11434);
    const gpuSsh = target('i-gpu', 22);
    const old = target('i-old', 11434);
    const quiet = target('i-quiet', 80);
    await store.applyScan(scanOf('scan-0001', hour(1), [okScope([gpu, gpuSsh, old, quiet])], verdicts([gpu, 'unauthenticated'], [gpuSsh, 'not-ai'], [old, 'auth-required'], [quiet, 'closed'])));

    // Act
    const failed = await store.applyScan(scanOf('scan-0002', hour(2), [failedScope()], verdicts()));
    const missing = await store.applyScan(scanOf('scan-0003', hour(3), [okScope([], [], { accountId: ACCOUNT, region: 'us-east-1' })], verdicts()));
    const ruleRevoked = await store.applyScan(scanOf('scan-0004', hour(4), [okScope([gpuSsh])], verdicts([gpuSsh, 'not-ai'])));

    // Assess
    expect(failed.changes).toEqual([]);
    expect(missing.changes).toEqual([]);
    expect(ruleRevoked.changes.map((c) => [c.kind, c.target.resourceId, c.firstSeen])).toEqual([
      ['resolved', 'i-gpu', hour(1)],
      ['resource-gone', 'i-old', hour(1)],
    ]);
    expect(ruleRevoked.changes[0]!.why).toBe('no longer reachable from the internet (security group / listener changed)');
    expect(await store.currentExposures()).toEqual([]);
    expect(await store.history({ targetId: quiet.targetId })).toEqual([]);
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `TARGET#${quiet.targetId}`, sk: 'CURRENT' } }));
    expect(Item).toBeUndefined();
  });

  it('leaves the exposures of a part its scope could not list untouched, and resolves them once that part is listed', async () => {
    // Prepare: an open function URL and an open instance in one scope
    const { store } = await freshStore();
    const functionUrl: ProbeTarget = {
      ...target('chat-proxy', 443),
      resourceType: 'lambda-function',
      targetId: `${ACCOUNT}/${REGION}/lambda-function/chat-proxy/abc.lambda-url.${REGION}.on.aws/443`,
      address: `abc.lambda-url.${REGION}.on.aws`,
      reason: 'function URL with AuthType NONE (anyone may invoke it)',
    };
    const gpu = target('i-gpu', 11434);
    await store.applyScan(scanOf('scan-0001', hour(1), [okScope([functionUrl, gpu])], verdicts([functionUrl, 'unauthenticated'], [gpu, 'unauthenticated'])));
    const lambdaDenied = {
      what: 'Lambda function URLs',
      resourceTypes: ['lambda-function' as const],
      assetKinds: [],
      error: 'lambda:ListFunctions failed: AccessDeniedException: not authorized',
    };
    const partlyListed: ScopeInventory = { ...okScope([]), resources: ['ec2-instance/i-gpu'], unlisted: [lambdaDenied] };

    // Act: the role lost the Lambda actions and the instance's rule was revoked; then the function URL was removed
    const partly = await store.applyScan(scanOf('scan-0002', hour(2), [partlyListed], verdicts()));
    const whole = await store.applyScan(scanOf('scan-0003', hour(3), [{ ...okScope([]), resources: ['lambda-function/chat-proxy'] }], verdicts()));

    // Assess
    expect(partly.changes.map((c) => [c.kind, c.target.resourceId])).toEqual([['resolved', 'i-gpu']]);
    expect(whole.changes.map((c) => [c.kind, c.target.resourceId, c.why])).toEqual([
      ['resolved', 'chat-proxy', 'no longer reachable from the internet (function URL removed, or it demands IAM signatures now)'],
    ]);
  });

  it('keeps the parts a scope could not list through the workspace', async () => {
    // Prepare
    const { store } = await freshStore();
    const inventory: ScopeInventory = {
      ...okScope([target('i-gpu', 11434)]),
      unlisted: [{ what: 'SageMaker endpoints', resourceTypes: [], assetKinds: ['sagemaker-endpoint'], error: 'sagemaker:ListEndpoints failed: ThrottlingException' }],
    };
    // Act
    await store.putScopeInventory('scan-0001', inventory, 50);
    const loaded = await store.loadScan('scan-0001');
    // Assess
    expect(loaded.scopes).toEqual([inventory]);
  });

  it('answers history by resource and by time window, oldest first', async () => {
    // Prepare
    const { store } = await freshStore();
    const gpu = target('i-gpu', 11434);
    const gpuNotebook = target('i-gpu', 8888);
    const other = target('i-other', 11434);
    const scope = (targets: ProbeTarget[]) => [okScope(targets)];
    await store.applyScan(scanOf('scan-0001', hour(1), scope([gpu, other]), verdicts([gpu, 'unauthenticated'], [other, 'auth-required'])));
    await store.applyScan(scanOf('scan-0002', hour(2), scope([gpu, gpuNotebook, other]), verdicts([gpu, 'unauthenticated'], [gpuNotebook, 'unauthenticated'], [other, 'auth-required'])));
    await store.applyScan(scanOf('scan-0003', hour(3), scope([gpu, gpuNotebook, other]), verdicts([gpu, 'closed'], [gpuNotebook, 'unauthenticated'], [other, 'unauthenticated'])));
    // A scan a month later, for the month buckets.
    const nextMonth = new Date(Date.UTC(2025, 5, 2)).toISOString();
    await store.applyScan(scanOf('scan-0004', nextMonth, scope([gpu, gpuNotebook, other]), verdicts([gpu, 'closed'], [gpuNotebook, 'closed'], [other, 'unauthenticated'])));

    // Act
    const byResource = await store.history({ resourceId: 'i-gpu' });
    const window = await store.history({ since: hour(2), until: hour(3) });
    const sinceOnly = await store.history({ since: hour(3) });
    const untilOnly = await store.history({ until: hour(1) });
    const everything = await store.history({});

    // Assess
    expect(byResource.map((h) => [h.kind, h.at, 'target' in h && h.target.port])).toEqual([
      ['opened', hour(1), 11434],
      ['opened', hour(2), 8888],
      ['resolved', hour(3), 11434],
      ['resolved', nextMonth, 8888],
    ]);
    expect(window.map((h) => [h.kind, h.at])).toEqual([
      ['opened', hour(2)],
      // Same scan: ordered by target id (i-gpu before i-other).
      ['resolved', hour(3)],
      ['auth-changed', hour(3)],
    ]);
    expect(sinceOnly.map((h) => h.at)).toEqual([hour(3), hour(3), nextMonth]);
    expect(untilOnly.map((h) => h.kind)).toEqual(['opened', 'opened']);
    expect(everything).toHaveLength(6);
    expect(everything.map((h) => h.at)).toEqual([...everything.map((h) => h.at)].sort());
  });

  it('records asset changes in history without touching failed scopes', async () => {
    // Prepare
    const { store } = await freshStore();
    const chat = asset('chat', { image: 'tgi:2.0', instanceType: 'ml.g5.xlarge' });
    const embed = asset('embed', { image: 'tei:1.2' });

    // Act
    const added = await store.applyScan(scanOf('scan-0001', hour(1), [okScope([], [chat, embed])], verdicts()));
    const changed = await store.applyScan(scanOf('scan-0002', hour(2), [okScope([], [{ ...chat, facts: { ...chat.facts, image: 'tgi:2.1' } }, embed])], verdicts()));
    const failed = await store.applyScan(scanOf('scan-0003', hour(3), [failedScope()], verdicts()));
    const removed = await store.applyScan(scanOf('scan-0004', hour(4), [okScope([], [embed])], verdicts()));

    // Assess
    expect(added.assetChanges.map((c) => [c.kind, c.asset.name])).toEqual([
      ['asset-added', 'chat'],
      ['asset-added', 'embed'],
    ]);
    expect(changed.assetChanges).toEqual([expect.objectContaining({ kind: 'asset-changed', beforeFacts: chat.facts })]);
    expect(failed.assetChanges).toEqual([]);
    expect(removed.assetChanges.map((c) => [c.kind, c.asset.name])).toEqual([['asset-removed', 'chat']]);
    expect(added.changes.length + changed.changes.length + removed.changes.length).toBe(0);
    expect((await store.history({ resourceId: 'chat' })).map((h) => h.kind)).toEqual(['asset-added', 'asset-changed', 'asset-removed']);
  });

  it('repairs a change whose history write was lost when the scan is retried', async () => {
    // Prepare: apply, then make it look as if the Lambda died between the state and the history write.
    const { store, tableName } = await freshStore();
    const open = target('i-gpu', 11434);
    const scan1 = scanOf('scan-0001', hour(1), [okScope([open])], verdicts([open, 'unauthenticated']));
    await store.applyScan(scan1);
    const [written] = await store.history({ targetId: open.targetId });
    const pk = `TARGET#${open.targetId}`;
    const historyKey = { pk, sk: `HIST#${hour(1)}#scan-0001` };
    const { Item: historyItem } = await client.send(new GetCommand({ TableName: tableName, Key: historyKey }));
    await client.send(new DeleteCommand({ TableName: tableName, Key: historyKey }));
    await client.send(
      new UpdateCommand({ TableName: tableName, Key: { pk, sk: 'CURRENT' }, UpdateExpression: 'SET pending = :h', ExpressionAttributeValues: { ':h': historyItem } }),
    );
    expect(await store.history({ targetId: open.targetId })).toEqual([]);

    // Act
    const retried = await store.applyScan(scan1);

    // Assess
    expect(retried.changes).toEqual([]);
    expect(await store.history({ targetId: open.targetId })).toEqual([written]);
    const { Item: current } = await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk: 'CURRENT' } }));
    expect(current).toMatchObject({ verdict: 'unauthenticated', firstSeen: hour(1), lastScanId: 'scan-0001', rev: 1 });
    expect(current).not.toHaveProperty(TTL_ATTRIBUTE);
  });
});

describe('Function: startLocalStore', () => {
  it('keeps state and history on disk across a stop and a start', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'local-store-'));
    const open = target('i-gpu', 11434);
    try {
      const first = await startLocalStore({ dir });
      const firstRaw = new DynamoDBClient({ endpoint: first.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
      await createStateStore({ client: DynamoDBDocumentClient.from(firstRaw), tableName: first.tableName }).applyScan(
        scanOf('scan-0001', hour(1), [okScope([open])], verdicts([open, 'unauthenticated'])),
      );
      firstRaw.destroy();
      await first.stop();

      // Act
      const second = await startLocalStore({ dir });
      const secondRaw = new DynamoDBClient({ endpoint: second.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
      const store = createStateStore({ client: DynamoDBDocumentClient.from(secondRaw), tableName: second.tableName });
      const exposures = await store.currentExposures();
      const history = await store.history({ targetId: open.targetId });
      const again = await store.applyScan(scanOf('scan-0002', hour(2), [okScope([open])], verdicts([open, 'unauthenticated'])));
      secondRaw.destroy();
      await second.stop();

      // Assess
      expect(second.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(exposures.map((e) => [e.target.targetId, e.firstSeen])).toEqual([[open.targetId, hour(1)]]);
      expect(history.map((h) => h.kind)).toEqual(['opened']);
      expect(again.changes).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a second opener of the same directory with a clear error, and frees it on stop', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'local-store-'));
    try {
      const first = await startLocalStore({ dir });
      await expect(startLocalStore({ dir })).rejects.toThrow(LocalStoreError);
      await expect(startLocalStore({ dir })).rejects.toThrow(/is in use by process \d+/);
      await first.stop();
      const second = await startLocalStore({ dir });
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a process that died', async () => {
    // Prepare: a lock file naming a process that has exited.
    const dir = await mkdtemp(join(tmpdir(), 'local-store-'));
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    await writeFile(join(dir, 'ai-exposure-monitor.lock'), String(gone.pid));
    try {
      // Act
      const store = await startLocalStore({ dir });

      // Assess
      expect(store.tableName).toBe('ai-exposure-monitor');
      await store.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
