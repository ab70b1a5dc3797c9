/**
 * The scan workspace: what the inventory, probe and reconcile steps hand to
 * each other through the table, so Step Functions payloads stay small.
 * Every item here expires (TTL); a scope's record is written after its
 * batches, so a record that exists always points at batches that exist.
 *
 * An item whose lists do not fit DynamoDB's item limit (a big batch's
 * results, a big account's resource list) is written as parts, then as a
 * head that names them: the same order, so a head that exists always points at
 * parts that exist. Parts carry the writing attempt's id, so a retried
 * write never mixes its parts with an earlier attempt's.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, paginateQuery, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scopeKey, type AiAsset, type ProbeResult, type ProbeTarget, type Scope, type ScopeInventory } from '../shared/model.js';
import { ScanWorkspaceError, StateError } from './errors.js';
import { plain, type Item } from './items.js';
import { batchResultsSk, batchTargetsSk, PART_SK_PREFIX, partSk, scanPk, scopeSk, TTL_ATTRIBUTE } from './table.js';

/** DynamoDB's item limit is 400 KB; keep headroom for attribute names and the size estimate. */
const MAX_WORKSPACE_ITEM_BYTES = 350 * 1024;
/** A part's own keys and attribute names, beside its elements. */
const PART_OVERHEAD_BYTES = 1024;

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

/** What a head item says about the parts its lists were written as. */
interface PartsRef {
  readonly attempt: string;
  readonly count: number;
}

/** A run of one list's elements, in order; a list's parts follow each other. */
interface Part {
  readonly attribute: string;
  readonly elements: unknown[];
}

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/** Cuts `lists` into parts that each fit one item, keeping every list's order. */
function splitIntoParts(lists: Record<string, readonly unknown[]>, what: string): Part[] {
  const budget = MAX_WORKSPACE_ITEM_BYTES - PART_OVERHEAD_BYTES;
  const parts: Part[] = [];
  for (const [attribute, elements] of Object.entries(lists)) {
    let current: Part | undefined;
    let bytes = 0;
    for (const element of elements) {
      // +1 for the comma between elements.
      const size = jsonBytes(element) + 1;
      if (size > budget) {
        throw new ScanWorkspaceError(`one of the ${attribute} of ${what} is ${Math.ceil(size / 1024)} KB, more than a workspace item may hold`);
      }
      if (!current || bytes + size > budget) {
        current = { attribute, elements: [] };
        parts.push(current);
        bytes = 0;
      }
      current.elements.push(element);
      bytes += size;
    }
  }
  return parts;
}

export function createScanWorkspace(options: WorkspaceOptions): ScanWorkspace {
  const { client, tableName } = options;
  const expiresAt = (): number => Math.floor(options.now().getTime() / 1000) + options.ttlDays * 86_400;

  async function putItem(item: Item, what: string, size = jsonBytes(item)): Promise<void> {
    if (size > MAX_WORKSPACE_ITEM_BYTES) {
      throw new ScanWorkspaceError(`${what} is ${Math.ceil(size / 1024)} KB, over the ${MAX_WORKSPACE_ITEM_BYTES / 1024} KB a workspace item may hold`);
    }
    try {
      await client.send(new PutCommand({ TableName: tableName, Item: { ...item, [TTL_ATTRIBUTE]: expiresAt() } }));
    } catch (error) {
      throw new StateError(`could not write ${what} to table ${tableName}`, { cause: error });
    }
  }

  /** Writes `head` with its `lists`: as one item when they fit, else as parts and then a head that names them. */
  async function put(head: Item & { pk: string; sk: string }, lists: Record<string, readonly unknown[]>, what: string): Promise<void> {
    const whole = { ...head, ...lists };
    const size = jsonBytes(whole);
    if (size <= MAX_WORKSPACE_ITEM_BYTES) return putItem(whole, what, size);
    const attempt = randomUUID();
    const parts = splitIntoParts(lists, what);
    for (const [index, part] of parts.entries()) {
      await putItem({ pk: head.pk, sk: partSk(head.sk, attempt, index), ...part }, `part ${index + 1} of ${parts.length} of ${what}`);
    }
    const ref: PartsRef = { attempt, count: parts.length };
    // Every list starts empty in the head: an empty one has no part, and must still read back as a list.
    const emptyLists = Object.fromEntries(Object.keys(lists).map((attribute) => [attribute, []]));
    await putItem({ ...head, ...emptyLists, parts: ref }, what);
  }

  /** The item `head` was written from: its lists put back together from the parts it names. */
  function assembled(head: Item, partAt: (sk: string) => Item | undefined, what: string): Item {
    const ref = head['parts'] as PartsRef | undefined;
    if (!ref) return head;
    const { parts: _ref, ...whole } = head;
    for (let index = 0; index < ref.count; index++) {
      const part = partAt(partSk(head['sk'] as string, ref.attempt, index));
      if (!part) throw new ScanWorkspaceError(`${what} was written in ${ref.count} parts, but part ${index + 1} is gone (expired?)`);
      const attribute = part['attribute'] as string;
      const list = (whole[attribute] ??= []) as unknown[];
      for (const element of part['elements'] as unknown[]) list.push(element);
    }
    return whole;
  }

  /** Every workspace item of a scan, parts included. */
  async function queryWorkspace(scanId: string): Promise<Item[]> {
    const items: Item[] = [];
    const input = { TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': scanPk(scanId) }, ConsistentRead: true };
    try {
      for await (const page of paginateQuery({ client }, input)) items.push(...(page.Items ?? []));
    } catch (error) {
      throw new StateError(`could not read the workspace of scan ${scanId} from table ${tableName}`, { cause: error });
    }
    return items;
  }

  async function getItem(pk: string, sk: string, what: string): Promise<Item | undefined> {
    try {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }));
      return Item;
    } catch (error) {
      throw new StateError(`could not read ${what} from table ${tableName}`, { cause: error });
    }
  }

  /** An item and the parts its head names, read by key: the probe Lambda may get items, not query them. */
  async function getAssembled(pk: string, sk: string, what: string): Promise<Item | undefined> {
    const head = await getItem(pk, sk, what);
    const ref = head?.['parts'] as PartsRef | undefined;
    if (!head || !ref) return head;
    const keys = Array.from({ length: ref.count }, (_, index) => partSk(sk, ref.attempt, index));
    const parts = await Promise.all(keys.map((partKey, index) => getItem(pk, partKey, `part ${index + 1} of ${what}`)));
    const bySk = new Map(keys.map((partKey, index) => [partKey, parts[index]]));
    return assembled(head, (partKey) => bySk.get(partKey), what);
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
          await put({ pk, sk: batchTargetsSk(batchId), batchId }, { targets }, `target batch ${batchId} of scan ${scanId}`);
          batchIds.push(batchId);
        }
      }
      const head = { pk, sk: scopeSk(key), ...plain({ scope: inventory.scope, ok: inventory.ok, error: inventory.ok ? undefined : inventory.error }) };
      const lists: Record<string, readonly unknown[]> = inventory.ok
        ? { batchIds, assets: plain(inventory.assets), resources: [...(inventory.resources ?? [])] }
        : { batchIds };
      await put(head, lists, `the inventory record of ${key} in scan ${scanId}`);
      return batchIds;
    },

    async getBatchTargets(scanId, batchId) {
      const what = `target batch ${batchId} of scan ${scanId}`;
      const item = await getAssembled(scanPk(scanId), batchTargetsSk(batchId), what);
      if (!item) throw new ScanWorkspaceError(`scan ${scanId} has no target batch ${batchId} (never written, or expired)`);
      return item['targets'] as ProbeTarget[];
    },

    async putBatchResults(scanId, batchId, results) {
      await put({ pk: scanPk(scanId), sk: batchResultsSk(batchId), batchId }, { results: plain(results) }, `results of batch ${batchId} of scan ${scanId}`);
    },

    async loadScan(scanId) {
      const items = await queryWorkspace(scanId);
      const partsBySk = new Map<string, Item>();
      for (const item of items) {
        const sk = item['sk'] as string;
        if (sk.startsWith(PART_SK_PREFIX)) partsBySk.set(sk, item);
      }
      const partAt = (sk: string): Item | undefined => partsBySk.get(sk);
      const records: ScopeRecord[] = [];
      const targetsByBatch = new Map<string, ProbeTarget[]>();
      const resultsByBatch = new Map<string, ProbeResult[]>();
      for (const head of items) {
        const sk = head['sk'] as string;
        if (sk.startsWith(PART_SK_PREFIX)) continue;
        const item = assembled(head, partAt, `${sk} of scan ${scanId}`);
        if (sk.startsWith('SCOPE#')) records.push(item as unknown as ScopeRecord);
        else if (sk.endsWith('#TARGETS')) targetsByBatch.set(item['batchId'] as string, item['targets'] as ProbeTarget[]);
        else if (sk.endsWith('#RESULTS')) resultsByBatch.set(item['batchId'] as string, item['results'] as ProbeResult[]);
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
