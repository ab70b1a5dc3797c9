/**
 * State and history in DynamoDB, with single-item conditional writes only
 * (dynalite, the embedded store, has no TransactWriteItems).
 *
 * How a change is written without losing or duplicating it:
 * 1. put the CURRENT item conditionally on the revision that was read (or on
 *    its absence), with the new state and the change's history item embedded
 *    as `pending`;
 * 2. put the history item at its deterministic key with attribute_not_exists
 *    (a second write of the same change is a no-op);
 * 3. remove `pending` (or delete the item, for a tombstone), conditionally on
 *    the revision written in 1.
 * Anyone who reads an item with `pending` first does 2 for it, so a crash
 * between 1 and 2 is repaired by the next reader (a retried Lambda included).
 * A conditional failure in 1 means another scan moved the item: re-read
 * consistently, re-diff, retry (bounded). A scan id found in the item's
 * `recentScanIds`, or a scan older than the item's last scan, writes nothing,
 * which makes applyScan idempotent.
 */
import {
  DeleteCommand,
  GetCommand,
  paginateQuery,
  paginateScan,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { mapConcurrently } from '../shared/concurrency.js';
import { scopeKey, type AssetChange, type ExposureChange, type ProbeResult, type ScanReport, type Scope, type ScopeInventory } from '../shared/model.js';
import {
  diffAsset,
  diffTarget,
  indexScan,
  observeAsset,
  observeTarget,
  type AssetState,
  type Decision,
  type ScanMoment,
  type TargetState,
} from './diff.js';
import { StateConflictError, StateError } from './errors.js';
import {
  assetCodec,
  currentItem,
  loadedFrom,
  targetCodec,
  targetStateFrom,
  type CurrentMeta,
  type Item,
  type Loaded,
  type RecordCodec,
} from './items.js';
import { assetPk, CURRENT_SK, EXPOSED_KEY_VALUE, HISTORY_SK_PREFIX, INDEX, targetPk, TTL_ATTRIBUTE } from './table.js';
import { createScanWorkspace, type ScanWorkspace } from './workspace.js';
import { acceptanceLookup, type AcceptedExposure } from './acceptance.js';

export type { LoadedScan, ScanWorkspace } from './workspace.js';

export interface ApplyScanInput {
  scanId: string;
  at: string;
  scopes: readonly ScopeInventory[];
  results: readonly ProbeResult[];
  /** The monitor's accepted exposures (rule 10 of diff.ts). @default none */
  acceptedExposures?: readonly AcceptedExposure[];
}

export type HistoryEntry = ExposureChange | AssetChange;

export type HistoryQuery = { targetId: string } | { resourceId: string } | { since?: string; until?: string };

export interface StateStore extends ScanWorkspace {
  /** Diffs the scan against current state and writes current + history with conditional writes. Returns the changes written. */
  applyScan(input: ApplyScanInput): Promise<{ changes: ExposureChange[]; assetChanges: AssetChange[] }>;
  currentExposures(): Promise<ScanReport['currentExposures']>;
  /**
   * Targets of a scope whose last scan got no answer: `unreachable`, or an exposure kept through
   * inconclusive scans (rule 6). Such ports tend to stay silent, and each waits out a header timeout.
   */
  unansweredLastScan(scope: Scope): Promise<ReadonlySet<string>>;
  /** History for auditors, oldest first. By target id, or by resource id (all targets of that resource), or everything in a time window. */
  history(query: HistoryQuery): Promise<HistoryEntry[]>;
}

export interface StateStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** @default () => new Date() */
  now?: () => Date;
  /** How long workspace items live before DynamoDB's TTL removes them. @default 7 */
  workspaceTtlDays?: number;
  /**
   * Days after which history entries expire through the table's TTL. Auditors usually
   * need history kept, so the default is forever; only a user's explicit choice sets it.
   * @default 0 (keep forever)
   */
  historyRetentionDays?: number;
}

/** Re-reads after a lost conditional write before giving up on an item. */
const MAX_CONFLICT_RETRIES = 8;
/** Items written concurrently; well under the SDK's default socket pool. */
const WRITE_CONCURRENCY = 16;
/** Scan ids remembered per item for idempotency; a retry comes soon after the first attempt. */
const RECENT_SCAN_IDS = 8;
const TARGET_PREFIX = targetPk('');
const ASSET_PREFIX = assetPk('');

const isConditionalFailure = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

function isoTime(value: string, what: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new StateError(`${what} must be an ISO-8601 time, got "${value}"`);
  return time.toISOString();
}

export function createStateStore(options: StateStoreOptions): StateStore {
  const { client, tableName } = options;
  const now = options.now ?? (() => new Date());
  const workspace = createScanWorkspace({ client, tableName, now, ttlDays: options.workspaceTtlDays ?? 7 });

  async function send<T>(what: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (isConditionalFailure(error)) throw error;
      throw new StateError(`could not ${what} in table ${tableName}`, { cause: error });
    }
  }

  async function queryAll(input: Omit<QueryCommandInput, 'TableName'>, what: string): Promise<Item[]> {
    return send(what, async () => {
      const items: Item[] = [];
      for await (const page of paginateQuery({ client }, { TableName: tableName, ...input })) items.push(...(page.Items ?? []));
      return items;
    });
  }

  /** Every current item (targets and assets) of one account/region; eventually consistent. */
  function currentItemsOfScope(key: string): Promise<Item[]> {
    return queryAll(
      { IndexName: INDEX.byScope, KeyConditionExpression: 'scopeKey = :scope', ExpressionAttributeValues: { ':scope': key } },
      `list the current state of ${key}`,
    );
  }

  async function getCurrent<S>(codec: RecordCodec<S, unknown>): Promise<Loaded<S> | undefined> {
    const { Item } = await send(`read ${codec.pk}`, () =>
      client.send(new GetCommand({ TableName: tableName, Key: { pk: codec.pk, sk: CURRENT_SK }, ConsistentRead: true })),
    );
    return Item && loadedFrom(codec, Item);
  }

  const retentionSeconds = (options.historyRetentionDays ?? 0) * 86_400;
  /** The TTL attribute only when the user chose a retention, counted from the change's own time. */
  const withRetention = (item: Item): Item =>
    retentionSeconds > 0 ? { ...item, [TTL_ATTRIBUTE]: Math.floor(Date.parse(String(item['at'])) / 1000) + retentionSeconds } : item;

  async function putHistory(unexpiring: Item): Promise<void> {
    const item = withRetention(unexpiring);
    try {
      await send(`write history ${String(item['pk'])} ${String(item['sk'])}`, () =>
        client.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })),
      );
    } catch (error) {
      // Already written by an earlier attempt or by a concurrent reader that found it pending.
      if (!isConditionalFailure(error)) throw error;
    }
  }

  /** Conditional on `rev`; false when someone else moved the item first. */
  async function deleteAtRev(pk: string, rev: number): Promise<boolean> {
    try {
      await send(`delete ${pk}`, () =>
        client.send(
          new DeleteCommand({
            TableName: tableName,
            Key: { pk, sk: CURRENT_SK },
            ConditionExpression: '#rev = :rev',
            ExpressionAttributeNames: { '#rev': 'rev' },
            ExpressionAttributeValues: { ':rev': rev },
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  async function clearPending(pk: string, rev: number): Promise<void> {
    try {
      await send(`finish ${pk}`, () =>
        client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk, sk: CURRENT_SK },
            UpdateExpression: 'REMOVE pending',
            ConditionExpression: '#rev = :rev',
            ExpressionAttributeNames: { '#rev': 'rev' },
            ExpressionAttributeValues: { ':rev': rev },
          }),
        ),
      );
    } catch (error) {
      // A newer writer has already flushed this pending change and replaced the item.
      if (!isConditionalFailure(error)) throw error;
    }
  }

  /** Step 1 of the write protocol; false on a lost race. */
  async function putCurrent(item: Item, expectedRev: number | undefined): Promise<boolean> {
    try {
      await send(`write ${String(item['pk'])}`, () =>
        client.send(
          new PutCommand({
            TableName: tableName,
            Item: item,
            ...(expectedRev === undefined
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : { ConditionExpression: '#rev = :rev', ExpressionAttributeNames: { '#rev': 'rev' }, ExpressionAttributeValues: { ':rev': expectedRev } }),
          }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionalFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Brings one CURRENT item up to date with this scan. `decide` gets the stored
   * state (undefined when there is none) and returns undefined to leave it alone.
   * Resolves with the change written, if any.
   */
  async function reconcileRecord<S, C>(
    codec: RecordCodec<S, C>,
    firstRead: Loaded<S> | undefined,
    decide: (stored: S | undefined) => Decision<S, C> | undefined,
    scan: ScanMoment,
  ): Promise<C | undefined> {
    let loaded = firstRead;
    for (let attempt = 0; attempt <= MAX_CONFLICT_RETRIES; attempt++) {
      if (attempt > 0) loaded = await getCurrent(codec);
      const alreadyApplied = loaded !== undefined && (loaded.recentScanIds.includes(scan.scanId) || scan.at < loaded.lastScanAt);
      if (loaded?.pending) await putHistory(loaded.pending);
      if (loaded?.tombstone) {
        if (!(await deleteAtRev(codec.pk, loaded.rev))) continue;
        if (alreadyApplied) return undefined;
        loaded = undefined;
      }
      if (alreadyApplied) return undefined;

      const decision = decide(loaded?.state);
      if (!decision || decision.write.kind === 'none') return undefined;
      if (decision.write.kind === 'delete' && !decision.change) {
        if (await deleteAtRev(codec.pk, loaded!.rev)) return undefined;
        continue;
      }

      const history = decision.change && codec.historyItem(decision.change);
      const rev = (loaded?.rev ?? 0) + 1;
      const meta: CurrentMeta = {
        rev,
        recentScanIds: [...(loaded?.recentScanIds ?? []), scan.scanId].slice(-RECENT_SCAN_IDS),
        lastScanId: scan.scanId,
        lastScanAt: scan.at,
        ...(history && { pending: history }),
        ...(decision.write.kind === 'delete' && { tombstone: true as const }),
      };
      const stateAttributes = decision.write.kind === 'put' ? codec.stateAttributes(decision.write.state) : {};
      if (!(await putCurrent(currentItem(codec, meta, stateAttributes), loaded?.rev))) continue;
      if (history) {
        await putHistory(history);
        if (decision.write.kind === 'delete') await deleteAtRev(codec.pk, rev);
        else await clearPending(codec.pk, rev);
      }
      return decision.change;
    }
    throw new StateConflictError(
      `${codec.pk} kept changing under concurrent scans (${MAX_CONFLICT_RETRIES + 1} attempts) in scan ${scan.scanId}; retry the scan`,
    );
  }

  async function applyScan(input: ApplyScanInput): Promise<{ changes: ExposureChange[]; assetChanges: AssetChange[] }> {
    const scan: ScanMoment = { scanId: input.scanId, at: isoTime(input.at, 'the scan time') };
    const index = indexScan(input.scopes, input.results);
    const accepting = acceptanceLookup(input.acceptedExposures ?? [], scan.at);

    // Index reads are eventually consistent; a stale one only costs a lost
    // conditional write and a consistent re-read.
    const storedTargets = new Map<string, RecordCodec<TargetState, ExposureChange>>();
    const storedAssets = new Map<string, RecordCodec<AssetState, AssetChange>>();
    const firstReads = new Map<string, Item>();
    for (const key of index.okScopes) {
      const [accountId, region] = key.split('/') as [string, string];
      for (const item of await currentItemsOfScope(key)) {
        const pk = String(item['pk']);
        firstReads.set(pk, item);
        if (pk.startsWith(TARGET_PREFIX)) {
          const targetId = pk.slice(TARGET_PREFIX.length);
          storedTargets.set(targetId, targetCodec(targetId, accountId, region));
        } else if (pk.startsWith(ASSET_PREFIX)) {
          const assetId = pk.slice(ASSET_PREFIX.length);
          storedAssets.set(assetId, assetCodec(assetId, accountId, region));
        }
      }
    }
    const firstRead = <S>(codec: RecordCodec<S, unknown>): Loaded<S> | undefined => {
      const item = firstReads.get(codec.pk);
      return item && loadedFrom(codec, item);
    };

    const targetIds = [...new Set([...index.targets.keys(), ...storedTargets.keys()])].sort();
    const changes = await mapConcurrently(targetIds, WRITE_CONCURRENCY, (targetId) => {
      const listed = index.targets.get(targetId);
      const codec = listed ? targetCodec(targetId, listed.accountId, listed.region) : storedTargets.get(targetId)!;
      return reconcileRecord(
        codec,
        firstRead(codec),
        (stored) => {
          const observation = observeTarget(index, targetId, stored);
          return observation && diffTarget(stored, observation, scan, accepting);
        },
        scan,
      );
    });

    const assetIds = [...new Set([...index.assets.keys(), ...storedAssets.keys()])].sort();
    const assetChanges = await mapConcurrently(assetIds, WRITE_CONCURRENCY, (assetId) => {
      const listed = index.assets.get(assetId);
      const codec = listed ? assetCodec(assetId, listed.accountId, listed.region) : storedAssets.get(assetId)!;
      return reconcileRecord(
        codec,
        firstRead(codec),
        (stored) => {
          const observation = observeAsset(index, assetId, stored);
          return observation && diffAsset(stored, observation, scan);
        },
        scan,
      );
    });

    return {
      changes: changes.filter((c): c is ExposureChange => c !== undefined),
      assetChanges: assetChanges.filter((c): c is AssetChange => c !== undefined),
    };
  }

  async function currentExposures(): Promise<ScanReport['currentExposures']> {
    const items = await queryAll(
      { IndexName: INDEX.byExposure, KeyConditionExpression: 'exposedKey = :exposed', ExpressionAttributeValues: { ':exposed': EXPOSED_KEY_VALUE } },
      'list current exposures',
    );
    return items.map((item) => {
      const state = targetStateFrom(item);
      return {
        target: state.target,
        snapshot: state.snapshot,
        firstSeen: state.firstSeen ?? state.lastSeen,
        lastSeen: state.lastSeen,
        ...(state.accepted && { accepted: state.accepted }),
      };
    });
  }

  async function unansweredLastScan(scope: Scope): Promise<ReadonlySet<string>> {
    const unanswered = new Set<string>();
    for (const item of await currentItemsOfScope(scopeKey(scope))) {
      if (item['kind'] !== 'target' || item['tombstone'] === true) continue;
      const state = targetStateFrom(item);
      if (state.snapshot.verdict === 'unreachable' || state.consecutiveMisses > 0) unanswered.add(String(item['targetId']));
    }
    return unanswered;
  }

  async function history(query: HistoryQuery): Promise<HistoryEntry[]> {
    if ('targetId' in query) return historyOfItem(targetPk(query.targetId));
    if ('resourceId' in query) {
      const items = await queryAll(
        { IndexName: INDEX.byResource, KeyConditionExpression: 'resourceId = :id', ExpressionAttributeValues: { ':id': query.resourceId } },
        `read the history of resource ${query.resourceId}`,
      );
      return items.map(entryOf);
    }
    return historyInWindow(query.since, query.until);
  }

  async function historyOfItem(pk: string): Promise<HistoryEntry[]> {
    const items = await queryAll(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :hist)',
        ExpressionAttributeValues: { ':pk': pk, ':hist': HISTORY_SK_PREFIX },
        ConsistentRead: true,
      },
      `read the history of ${pk}`,
    );
    return items.map(entryOf);
  }

  async function historyInWindow(since: string | undefined, until: string | undefined): Promise<HistoryEntry[]> {
    // '~' sorts after every character of an ISO time and after '#', so `<at>#…` ≤ `<until>~` ⇔ at ≤ until.
    const upper = until === undefined ? '~' : `${isoTime(until, 'until')}~`;
    if (since === undefined) {
      // No lower bound: read the whole (sparse) month index, which holds history items only.
      const items = await send('read the history', async () => {
        const found: Item[] = [];
        const pages = paginateScan({ client }, { TableName: tableName, IndexName: INDEX.byMonth });
        for await (const page of pages) found.push(...(page.Items ?? []));
        return found;
      });
      return items
        .filter((item) => String(item['historyOrder']) <= upper)
        .sort((a, b) => String(a['historyOrder']).localeCompare(String(b['historyOrder'])))
        .map(entryOf);
    }
    const lower = isoTime(since, 'since');
    // Without `until`, read up to tomorrow's month: a scan clock slightly ahead of ours still counts.
    const lastMonth = until === undefined ? new Date(now().getTime() + 86_400_000).toISOString() : upper;
    const entries: HistoryEntry[] = [];
    for (const month of monthsBetween(lower, lastMonth)) {
      const items = await queryAll(
        {
          IndexName: INDEX.byMonth,
          KeyConditionExpression: 'historyMonth = :month AND historyOrder BETWEEN :lower AND :upper',
          ExpressionAttributeValues: { ':month': month, ':lower': lower, ':upper': upper },
        },
        `read the history of ${month}`,
      );
      entries.push(...items.map(entryOf));
    }
    return entries;
  }

  return { ...workspace, applyScan, currentExposures, unansweredLastScan, history };
}

const entryOf = (item: Item): HistoryEntry => item['change'] as HistoryEntry;

/** 'YYYY-MM' of every UTC month from `from` to `to`, inclusive. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
