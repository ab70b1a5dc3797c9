/**
 * The one DynamoDB table that holds state, history and the scan workspace.
 * The CDK stack, the embedded local store and the tests all create it from
 * `tableDefinition`, so the key names below are the contract.
 *
 * Items (pk / sk):
 * - `TARGET#<targetId>` / `CURRENT` — current state of one probe target:
 *   verdict, service, severity, version, target (snapshot of the inventory),
 *   firstSeen (of the current exposure), lastSeen, lastScanId, lastScanAt,
 *   consecutiveMisses, rev (optimistic lock), recentScanIds (idempotency),
 *   scopeKey (→ byScope), exposedKey = 'EXPOSED' only while exposed
 *   (→ byExposure), and `pending` while a change is being written.
 * - `TARGET#<targetId>` / `HIST#<at>#<scanId>` — one ExposureChange, append-only.
 *   The key is derived from the change, so a re-run writes the same key and
 *   `attribute_not_exists` makes it idempotent; it sorts chronologically.
 * - `ASSET#<assetId>` / `CURRENT` and `ASSET#<assetId>` / `HIST#<at>#<scanId>` —
 *   the same for AI assets (AssetChange).
 * - `SCAN#<scanId>` / `SCOPE#<account>/<region>` — a scope's inventory outcome
 *   (ok/error, assets, batch ids); `SCAN#<scanId>` / `BATCH#<batchId>#TARGETS`
 *   and `…#RESULTS` — targets and probe results per batch (a workspace item's
 *   lists are one attribute `lists` of Brotli-compressed JSON);
 *   `SCAN#<scanId>` / `PART#<sk>#<attempt>#<n>` — runs of those bytes when they
 *   stay too big for one item, named by that item's `parts`. These workspace
 *   items carry the TTL attribute `expiresAt`; current state never expires, and
 *   history only when the user sets a history retention (`historyRetentionDays`).
 *
 * History items also carry `historyOrder` = `<at>#<scanId>#<pk>` (sort key of
 * both history indexes), `resourceId` (→ byResource; the asset's name for
 * assets) and `historyMonth` = `YYYY-MM` (→ byMonth, time-window queries).
 * All indexes are sparse: an item appears only in those whose keys it has.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const TTL_ATTRIBUTE = 'expiresAt';

export const INDEX = {
  /** scopeKey → every current target and asset of one account/region. */
  byScope: 'byScope',
  /** exposedKey → every target exposed right now. */
  byExposure: 'byExposure',
  /** resourceId → history of all targets (and the asset) of one resource, oldest first. */
  byResource: 'byResource',
  /** historyMonth → history of one calendar month (UTC), oldest first. */
  byMonth: 'byMonth',
} as const;

/** The value of `exposedKey` on exposed current targets. */
export const EXPOSED_KEY_VALUE = 'EXPOSED';

const allProjected = { ProjectionType: 'ALL' as const };

export const tableDefinition: Omit<CreateTableCommandInput, 'TableName'> = {
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    { AttributeName: 'scopeKey', AttributeType: 'S' },
    { AttributeName: 'exposedKey', AttributeType: 'S' },
    { AttributeName: 'resourceId', AttributeType: 'S' },
    { AttributeName: 'historyMonth', AttributeType: 'S' },
    { AttributeName: 'historyOrder', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  GlobalSecondaryIndexes: [
    {
      IndexName: INDEX.byScope,
      KeySchema: [
        { AttributeName: 'scopeKey', KeyType: 'HASH' },
        { AttributeName: 'pk', KeyType: 'RANGE' },
      ],
      Projection: allProjected,
    },
    {
      IndexName: INDEX.byExposure,
      KeySchema: [
        { AttributeName: 'exposedKey', KeyType: 'HASH' },
        { AttributeName: 'pk', KeyType: 'RANGE' },
      ],
      Projection: allProjected,
    },
    {
      IndexName: INDEX.byResource,
      KeySchema: [
        { AttributeName: 'resourceId', KeyType: 'HASH' },
        { AttributeName: 'historyOrder', KeyType: 'RANGE' },
      ],
      Projection: allProjected,
    },
    {
      IndexName: INDEX.byMonth,
      KeySchema: [
        { AttributeName: 'historyMonth', KeyType: 'HASH' },
        { AttributeName: 'historyOrder', KeyType: 'RANGE' },
      ],
      Projection: allProjected,
    },
  ],
};

export const CURRENT_SK = 'CURRENT';
export const HISTORY_SK_PREFIX = 'HIST#';

export const targetPk = (targetId: string): string => `TARGET#${targetId}`;
export const assetPk = (assetId: string): string => `ASSET#${assetId}`;
export const scanPk = (scanId: string): string => `SCAN#${scanId}`;
export const scopeSk = (scopeKey: string): string => `SCOPE#${scopeKey}`;
export const batchTargetsSk = (batchId: string): string => `BATCH#${batchId}#TARGETS`;
export const batchResultsSk = (batchId: string): string => `BATCH#${batchId}#RESULTS`;
export const PART_SK_PREFIX = 'PART#';
/** Part `index` of the workspace item at `ownerSk`, as written by one attempt; parts sort in index order. */
export const partSk = (ownerSk: string, attempt: string, index: number): string => `${PART_SK_PREFIX}${ownerSk}#${attempt}#${String(index).padStart(4, '0')}`;
export const historySk = (at: string, scanId: string): string => `${HISTORY_SK_PREFIX}${at}#${scanId}`;
