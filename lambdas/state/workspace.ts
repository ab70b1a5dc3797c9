/**
 * The scan workspace: what the inventory, probe and reconcile steps hand to
 * each other through the table, so Step Functions payloads stay small.
 * Every item here expires (TTL); a scope's record is written after its
 * batches, so a record that exists always points at batches that exist.
 */
import { GetCommand, paginateQuery, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scopeKey, type AiAsset, type ProbeResult, type ProbeTarget, type Scope, type ScopeInventory } from '../shared/model.js';
import { ScanWorkspaceError, StateError } from './errors.js';
import { plain, type Item } from './items.js';
import { batchResultsSk, batchTargetsSk, scanPk, scopeSk, TTL_ATTRIBUTE } from './table.js';

/** DynamoDB's item limit is 400 KB; keep headroom for attribute names and the size estimate. */
const MAX_WORKSPACE_ITEM_BYTES = 350 * 1024;

export interface ScanWorkspace {
  /** Records one scope's inventory outcome; splits targets into batches; returns the batch ids (for a Step Functions Map). */
  putScopeInventory(scanId: string, inventory: ScopeInventory, batchSize: number): Promise<string[]>;
  getBatchTargets(scanId: string, batchId: string): Promise<ProbeTarget[]>;
  putBatchResults(scanId: string, batchId: string, results: readonly ProbeResult[]): Promise<void>;
  /** Everything the reconcile step needs. Scopes with no record (the inventory step itself died) are absent. */
  loadScan(scanId: string): Promise<LoadedScan>;
}

export interface LoadedScan {
  /** ok ones carry targets + assets. */
  scopes: ScopeInventory[];
  results: ProbeResult[];
  /** Batches of ok scopes that never reported results; their targets count as inconclusive. */
  missingResultBatches: string[];
}

export interface WorkspaceOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly now: () => Date;
  readonly ttlDays: number;
}

/**
 * A target as the inventory listed it, without the probe's scheduling mark (`unansweredLastScan`): state
 * and history keep what was listed, and a mark that comes and goes must not rewrite a target's state.
 */
const asListed = ({ unansweredLastScan: _scheduling, ...listed }: ProbeTarget): ProbeTarget => listed;

/** Batch ids are unique within a scan and readable in the Step Functions console. */
const batchIdOf = (scope: Scope, index: number): string => `${scope.accountId}-${scope.region}-${String(index).padStart(4, '0')}`;

interface ScopeRecord {
  readonly scope: Scope;
  readonly ok: boolean;
  readonly error?: string;
  readonly assets?: AiAsset[];
  readonly resources?: string[];
  readonly batchIds: string[];
}

export function createScanWorkspace(options: WorkspaceOptions): ScanWorkspace {
  const { client, tableName } = options;
  const expiresAt = (): number => Math.floor(options.now().getTime() / 1000) + options.ttlDays * 86_400;

  async function put(item: Item, what: string): Promise<void> {
    const size = Buffer.byteLength(JSON.stringify(item));
    if (size > MAX_WORKSPACE_ITEM_BYTES) {
      throw new ScanWorkspaceError(
        `${what} is ${Math.ceil(size / 1024)} KB, over the ${MAX_WORKSPACE_ITEM_BYTES / 1024} KB a workspace item may hold: lower the batch size`,
      );
    }
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...item, [TTL_ATTRIBUTE]: expiresAt() } }));
    } catch (error) {
      throw new StateError(`could not write ${what} to table ${tableName}`, { cause: error });
    }
  }

  async function getItem(pk: string, sk: string): Promise<Item | undefined> {
    try {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }));
      return Item;
    } catch (error) {
      throw new StateError(`could not read ${pk} ${sk} from table ${tableName}`, { cause: error });
    }
  }

  return {
    async putScopeInventory(scanId, inventory, batchSize) {
      if (!Number.isInteger(batchSize) || batchSize < 1) {
        throw new ScanWorkspaceError(`batchSize must be a whole number of at least 1, got ${batchSize}`);
      }
      const pk = scanPk(scanId);
      const key = scopeKey(inventory.scope);
      const batchIds: string[] = [];
      if (inventory.ok) {
        for (let start = 0; start < inventory.targets.length; start += batchSize) {
          const batchId = batchIdOf(inventory.scope, batchIds.length);
          const targets = plain(inventory.targets.slice(start, start + batchSize));
          await put({ pk, sk: batchTargetsSk(batchId), batchId, targets }, `target batch ${batchId} of scan ${scanId}`);
          batchIds.push(batchId);
        }
      }
      const record: ScopeRecord = inventory.ok
        ? { scope: inventory.scope, ok: true, assets: [...inventory.assets], resources: [...(inventory.resources ?? [])], batchIds }
        : { scope: inventory.scope, ok: false, error: inventory.error, batchIds };
      await put({ pk, sk: scopeSk(key), ...plain(record) }, `the inventory record of ${key} in scan ${scanId}`);
      return batchIds;
    },

    async getBatchTargets(scanId, batchId) {
      const item = await getItem(scanPk(scanId), batchTargetsSk(batchId));
      if (!item) throw new ScanWorkspaceError(`scan ${scanId} has no target batch ${batchId} (never written, or expired)`);
      return item['targets'] as ProbeTarget[];
    },

    async putBatchResults(scanId, batchId, results) {
      await put({ pk: scanPk(scanId), sk: batchResultsSk(batchId), batchId, results: plain(results) }, `results of batch ${batchId} of scan ${scanId}`);
    },

    async loadScan(scanId) {
      const records: ScopeRecord[] = [];
      const targetsByBatch = new Map<string, ProbeTarget[]>();
      const resultsByBatch = new Map<string, ProbeResult[]>();
      try {
        const pages = paginateQuery(
          { client },
          { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': scanPk(scanId) }, ConsistentRead: true },
        );
        for await (const page of pages) {
          for (const item of page.Items ?? []) {
            const sk = item['sk'] as string;
            if (sk.startsWith('SCOPE#')) records.push(item as unknown as ScopeRecord);
            else if (sk.endsWith('#TARGETS')) targetsByBatch.set(item['batchId'] as string, item['targets'] as ProbeTarget[]);
            else if (sk.endsWith('#RESULTS')) resultsByBatch.set(item['batchId'] as string, item['results'] as ProbeResult[]);
          }
        }
      } catch (error) {
        throw new StateError(`could not read the workspace of scan ${scanId} from table ${tableName}`, { cause: error });
      }

      const scopes: ScopeInventory[] = [];
      const results: ProbeResult[] = [];
      const missingResultBatches: string[] = [];
      for (const record of records) {
        if (!record.ok) {
          scopes.push({ scope: record.scope, ok: false, error: record.error ?? 'unknown error' });
          continue;
        }
        const targets: ProbeTarget[] = [];
        for (const batchId of record.batchIds) {
          const batch = targetsByBatch.get(batchId);
          if (!batch) throw new ScanWorkspaceError(`scan ${scanId} lists batch ${batchId} but its targets are gone (expired?)`);
          targets.push(...batch.map(asListed));
          const batchResults = resultsByBatch.get(batchId);
          if (batchResults) results.push(...batchResults);
          else missingResultBatches.push(batchId);
        }
        scopes.push({ scope: record.scope, ok: true, targets, assets: record.assets ?? [], resources: record.resources ?? [] });
      }
      return { scopes, results, missingResultBatches };
    },
  };
}
