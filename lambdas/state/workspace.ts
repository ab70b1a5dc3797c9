/**
 * The scan workspace: what the inventory, probe and reconcile steps hand to
 * each other through the table, so Step Functions payloads stay small.
 * Every item here expires (TTL); a scope's record is written after its
 * batches, so a record that exists always points at batches that exist.
 *
 * An item's lists (targets, results, assets, resources, unlisted parts, batch ids) are kept
 * as one attribute of Brotli-compressed JSON. Marshalling them as DynamoDB
 * maps was ~7 % of a probe invocation's CPU and took six times the write
 * units (a batch of 100 results: 81 KB of JSON, 14 KB compressed).
 * When the compressed lists do not fit DynamoDB's item limit (a big batch's
 * results, a big account's resource list) they are written as parts, then as a
 * head that names them: the same order, so a head that exists always points at
 * parts that exist. Parts carry the writing attempt's id, so a retried
 * write never mixes its parts with an earlier attempt's.
 */
import { randomUUID } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants as zlib } from 'node:zlib';
import { GetCommand, paginateQuery, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { scopeKey, type AiAsset, type ProbeResult, type ProbeTarget, type Scope, type ScopeInventory, type UnlistedPart } from '../shared/model.js';
import { ScanWorkspaceError, StateError } from './errors.js';
import { plain, type Item } from './items.js';
import { batchResultsSk, batchTargetsSk, PART_SK_PREFIX, partSk, scanPk, scopeSk, TTL_ATTRIBUTE } from './table.js';

/** DynamoDB's item limit is 400 KB; keep headroom for attribute names and the size estimate. */
const MAX_WORKSPACE_ITEM_BYTES = 350 * 1024;
/** A part's own keys and attribute names, beside its bytes. */
const PART_OVERHEAD_BYTES = 1024;
/** The attribute that holds an item's lists (`encodeLists`), or a part's run of their bytes. */
const LISTS_ATTRIBUTE = 'lists';

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
  readonly unlisted?: UnlistedPart[];
  readonly batchIds: string[];
}

/** What a head item says about the parts its lists were written as. */
interface PartsRef {
  readonly attempt: string;
  readonly count: number;
}

type Lists = Record<string, readonly unknown[]>;

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * Lists as Brotli at quality 1: on a batch's results it takes less CPU than gzip at any level and
 * compresses as well as gzip's default (measured on the benchmark fleet's batches). JSON drops
 * `undefined`, which the marshaller would refuse.
 */
const encodeLists = (lists: Lists): Buffer => brotliCompressSync(JSON.stringify(lists), { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } });

const decodeLists = (bytes: Uint8Array, what: string): Lists => {
  try {
    return JSON.parse(brotliDecompressSync(bytes).toString('utf8')) as Lists;
  } catch (error) {
    throw new ScanWorkspaceError(`${what} could not be read back: its lists are not the compressed JSON this workspace writes`, { cause: error });
  }
};

/** Cuts `bytes` into runs that each fit one item, in order. */
function splitIntoParts(bytes: Buffer): Buffer[] {
  const budget = MAX_WORKSPACE_ITEM_BYTES - PART_OVERHEAD_BYTES;
  const parts: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += budget) parts.push(bytes.subarray(start, start + budget));
  return parts;
}

export function createScanWorkspace(options: WorkspaceOptions): ScanWorkspace {
  const { client, tableName } = options;
  const expiresAt = (): number => Math.floor(options.now().getTime() / 1000) + options.ttlDays * 86_400;

  async function putItem(item: Item, what: string, size: number): Promise<void> {
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
  async function put(head: Item & { pk: string; sk: string }, lists: Lists, what: string): Promise<void> {
    const encoded = encodeLists(lists);
    const headBytes = jsonBytes(head);
    if (headBytes + encoded.length <= MAX_WORKSPACE_ITEM_BYTES) return putItem({ ...head, [LISTS_ATTRIBUTE]: encoded }, what, headBytes + encoded.length);
    const attempt = randomUUID();
    const parts = splitIntoParts(encoded);
    for (const [index, part] of parts.entries()) {
      await putItem({ pk: head.pk, sk: partSk(head.sk, attempt, index), [LISTS_ATTRIBUTE]: part }, `part ${index + 1} of ${parts.length} of ${what}`, PART_OVERHEAD_BYTES + part.length);
    }
    const ref: PartsRef = { attempt, count: parts.length };
    await putItem({ ...head, parts: ref }, what, headBytes + PART_OVERHEAD_BYTES);
  }

  /** The item `head` was written from: its lists decoded, from the parts it names when it names any. */
  function assembled(head: Item, partAt: (sk: string) => Item | undefined, what: string): Item {
    const { parts: refValue, [LISTS_ATTRIBUTE]: own, ...whole } = head;
    const ref = refValue as PartsRef | undefined;
    if (!ref) {
      if (!(own instanceof Uint8Array)) throw new ScanWorkspaceError(`${what} has no lists: it was not written by this workspace (an earlier release?)`);
      return { ...whole, ...decodeLists(own, what) };
    }
    const runs: Uint8Array[] = [];
    for (let index = 0; index < ref.count; index++) {
      const part = partAt(partSk(head['sk'] as string, ref.attempt, index));
      if (!part) throw new ScanWorkspaceError(`${what} was written in ${ref.count} parts, but part ${index + 1} is gone (expired?)`);
      runs.push(part[LISTS_ATTRIBUTE] as Uint8Array);
    }
    return { ...whole, ...decodeLists(Buffer.concat(runs), what) };
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
    if (!head) return undefined;
    const ref = head['parts'] as PartsRef | undefined;
    if (!ref) return assembled(head, () => undefined, what);
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
          const targets = inventory.targets.slice(start, start + batchSize);
          await put({ pk, sk: batchTargetsSk(batchId), batchId }, { targets }, `target batch ${batchId} of scan ${scanId}`);
          batchIds.push(batchId);
        }
      }
      const head = { pk, sk: scopeSk(key), ...plain({ scope: inventory.scope, ok: inventory.ok, error: inventory.ok ? undefined : inventory.error }) };
      const lists: Lists = inventory.ok
        ? { batchIds, assets: inventory.assets, resources: [...(inventory.resources ?? [])], unlisted: inventory.unlisted ?? [] }
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
      await put({ pk: scanPk(scanId), sk: batchResultsSk(batchId), batchId }, { results }, `results of batch ${batchId} of scan ${scanId}`);
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
        const unlisted = record.unlisted ?? [];
        scopes.push({ scope: record.scope, ok: true, targets, assets: record.assets ?? [], resources: record.resources ?? [], ...(unlisted.length > 0 ? { unlisted } : {}) });
      }
      return { scopes, results, missingResultBatches };
    },
  };
}
