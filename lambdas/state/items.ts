/**
 * Mapping between the domain (TargetState, AssetState, changes) and the
 * table's items. Items are written through the DocumentClient, so values are
 * plain JSON: `plain()` drops `undefined`, which the marshaller would refuse
 * unless the caller's client happened to set removeUndefinedValues.
 */
import { isExposure, scopeKey, type Acceptance, type AssetChange, type ExposureChange } from '../shared/model.js';
import type { AssetState, TargetState } from './diff.js';
import { assetPk, CURRENT_SK, EXPOSED_KEY_VALUE, historySk, targetPk } from './table.js';

export type Item = Record<string, unknown>;

export const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Bookkeeping on every CURRENT item, beside the state itself. */
export interface CurrentMeta {
  /** Optimistic lock: every write is conditional on the revision it read. */
  readonly rev: number;
  /** The last few scans that wrote this item; a retried scan finds itself here and writes nothing. */
  readonly recentScanIds: readonly string[];
  readonly lastScanId: string;
  readonly lastScanAt: string;
  /** A history item whose write may not have happened yet; whoever reads it writes it first. */
  readonly pending?: Item;
  /** Set while a delete that carries a change is in flight: the state is gone, only `pending` matters. */
  readonly tombstone?: true;
}

export interface Loaded<S> extends CurrentMeta {
  /** Absent for a tombstone. */
  readonly state?: S;
}

/** How one kind of CURRENT item (target or asset) maps to and from the table. */
export interface RecordCodec<S, C> {
  readonly pk: string;
  readonly scopeKey: string;
  stateAttributes(state: S): Item;
  stateFrom(item: Item): S;
  historyItem(change: C): Item;
}

const metaFrom = (item: Item): CurrentMeta => ({
  rev: item['rev'] as number,
  recentScanIds: (item['recentScanIds'] as string[] | undefined) ?? [],
  lastScanId: item['lastScanId'] as string,
  lastScanAt: item['lastScanAt'] as string,
  ...(item['pending'] !== undefined && { pending: item['pending'] as Item }),
  ...(item['tombstone'] === true && { tombstone: true as const }),
});

export function loadedFrom<S>(codec: RecordCodec<S, unknown>, item: Item): Loaded<S> {
  const meta = metaFrom(item);
  return meta.tombstone ? meta : { ...meta, state: codec.stateFrom(item) };
}

export function currentItem(codec: RecordCodec<unknown, unknown>, meta: CurrentMeta, stateAttributes: Item): Item {
  return {
    pk: codec.pk,
    sk: CURRENT_SK,
    scopeKey: codec.scopeKey,
    ...stateAttributes,
    ...plain(meta),
  };
}

function historyAttributes(pk: string, at: string, scanId: string, resourceId: string, entryType: 'exposure' | 'asset', change: unknown): Item {
  return {
    pk,
    sk: historySk(at, scanId),
    entryType,
    at,
    scanId,
    resourceId,
    historyMonth: at.slice(0, 7),
    historyOrder: `${at}#${scanId}#${pk}`,
    change: plain(change),
  };
}

export const targetStateFrom = (item: Item): TargetState => ({
  target: item['target'] as TargetState['target'],
  snapshot: plain({
    verdict: item['verdict'] as TargetState['snapshot']['verdict'],
    service: item['service'] as TargetState['snapshot']['service'],
    severity: item['severity'] as TargetState['snapshot']['severity'],
    version: item['version'] as string | undefined,
    alsoIdentifiedAs: item['alsoIdentifiedAs'] as readonly string[] | undefined,
  }),
  ...(typeof item['firstSeen'] === 'string' && { firstSeen: item['firstSeen'] }),
  lastSeen: item['lastSeen'] as string,
  consecutiveMisses: item['consecutiveMisses'] as number,
  ...(item['accepted'] !== undefined && { accepted: item['accepted'] as Acceptance }),
  ...(typeof item['acceptanceEndNoticed'] === 'string' && { acceptanceEndNoticed: item['acceptanceEndNoticed'] }),
});

export function targetCodec(targetId: string, accountId: string, region: string): RecordCodec<TargetState, ExposureChange> {
  const pk = targetPk(targetId);
  return {
    pk,
    scopeKey: scopeKey({ accountId, region }),
    stateAttributes: (state) =>
      plain({
        kind: 'target',
        targetId,
        ...(isExposure(state.snapshot.verdict) && { exposedKey: EXPOSED_KEY_VALUE }),
        ...state.snapshot,
        target: state.target,
        firstSeen: state.firstSeen,
        lastSeen: state.lastSeen,
        consecutiveMisses: state.consecutiveMisses,
        accepted: state.accepted,
        acceptanceEndNoticed: state.acceptanceEndNoticed,
      }),
    stateFrom: targetStateFrom,
    historyItem: (change) => historyAttributes(pk, change.at, change.scanId, change.target.resourceId, 'exposure', change),
  };
}

export function assetCodec(assetId: string, accountId: string, region: string): RecordCodec<AssetState, AssetChange> {
  const pk = assetPk(assetId);
  return {
    pk,
    scopeKey: scopeKey({ accountId, region }),
    stateAttributes: (state) => plain({ kind: 'asset', assetId, asset: state.asset, firstSeen: state.firstSeen }),
    stateFrom: (item) => ({ asset: item['asset'] as AssetState['asset'], firstSeen: item['firstSeen'] as string }),
    // A SageMaker endpoint's name is what a person searches for, like a target's resourceId.
    historyItem: (change) => historyAttributes(pk, change.at, change.scanId, change.asset.name, 'asset', change),
  };
}
