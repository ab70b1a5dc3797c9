/**
 * The four stages of a scan, as pure-ish functions over injected clients.
 * The Lambda handlers and the CLI call exactly these, so what the CLI shows
 * is what the deployed monitor does.
 */
import { randomBytes } from 'node:crypto';
import { formatAlert, type AlertMessage } from '../alert/format.js';
import type { PlanDepth } from '../probe/classify.js';
import type { Prober, ProbeRunOptions } from '../probe/prober.js';
import type { AcceptedExposure } from '../state/acceptance.js';
import type { HistoryEntry, StateStore } from '../state/store.js';
import type {
  InventoryEvent,
  InventoryOutput,
  PlanScanOutput,
  ProbeBatchEvent,
  ProbeBatchOutput,
  ReconcileEvent,
  ReconcileOutput,
} from '../shared/events.js';
import { ReconcileEvent as ReconcileEventSchema } from '../shared/events.js';
import { listedInPart, partsMissed, scopeKey, type AssetChange, type ExposureChange, type ProbeTarget, type ScanReport, type Scope, type ScopeInventory, type UnlistedPart } from '../shared/model.js';

/** A new scan id: sortable by time, unique across concurrent schedulers. */
export function newScanId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

/** When a scan began, read back from its id (see `newScanId`); undefined for an id of another shape. */
export function scanStartOf(scanId: string): Date | undefined {
  const stamp = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-/.exec(scanId);
  if (stamp === null) return undefined;
  const [, year, month, day, hour, minute, second] = stamp.map(Number) as number[];
  return new Date(Date.UTC(year as number, (month as number) - 1, day, hour, minute, second));
}

export interface PlanSchedule {
  readonly scanIntervalMinutes: number;
  /** 0: every scan runs the full plan. */
  readonly fullPlanEveryHours: number;
}

/**
 * Which plan a scan's probes run: the full one for the scan that starts within one scan interval after
 * each multiple of `fullPlanEveryHours` (UTC); the sweep for the others. Scheduled scans start one
 * interval apart, so one scan per period is full without any state; a scan whose start time cannot be
 * read runs the full plan (the safe side).
 */
export function planDepthOfScan(scanId: string, schedule: PlanSchedule): PlanDepth {
  const start = scanStartOf(scanId);
  const periodMs = schedule.fullPlanEveryHours * 3_600_000;
  const intervalMs = schedule.scanIntervalMinutes * 60_000;
  if (start === undefined || periodMs <= intervalMs) return 'full';
  return start.getTime() % periodMs < intervalMs ? 'full' : 'sweep';
}

/** Every (account, region) pair of the scan. */
export function planScan(now: Date, accounts: readonly string[], regions: readonly string[]): PlanScanOutput {
  const scopes: Scope[] = accounts.flatMap((accountId) => regions.map((region) => ({ accountId, region })));
  return { scanId: newScanId(now), startedAt: now.toISOString(), scopes };
}

export interface InventoryStageDeps {
  readonly store: StateStore;
  /** Lists one scope: the AWS inventory in production, a sample inventory in the demo. */
  readonly listScope: (scope: Scope) => Promise<ScopeInventory>;
  readonly batchSize: number;
}

/**
 * Lists one scope and stores its targets as batches in the scan workspace. Targets that got no answer in
 * the last scan go first, into batches of their own: each such port waits out a header timeout, and a
 * probe invocation lasts as long as its slowest target, so spread among the others they would make
 * nearly every invocation wait (3 % of targets touch ~95 % of batches of 100). First, because batches
 * start in order (the CLI's do; the Map's iterations follow the item order in practice, which AWS does not
 * promise): the long ones then wait while the others run, not after them (longest first).
 */
export async function inventoryStage(deps: InventoryStageDeps, event: InventoryEvent): Promise<InventoryOutput> {
  const listed = await deps.listScope(event.scope);
  const unanswered = listed.ok && listed.targets.length > deps.batchSize ? await deps.store.unansweredLastScan(event.scope) : new Set<string>();
  const inventory = listed.ok ? { ...listed, targets: unansweredFirst(listed.targets, unanswered) } : listed;
  const batchIds = await deps.store.putScopeInventory(event.scanId, inventory, deps.batchSize);
  const missed = inventory.ok ? partsMissed(inventory.unlisted) : [];
  return {
    scanId: event.scanId,
    scope: event.scope,
    ok: inventory.ok,
    ...(inventory.ok ? {} : { error: inventory.error }),
    ...(missed.length > 0 ? { unlisted: missed.map(unlistedInWords) } : {}),
    targetCount: inventory.ok ? inventory.targets.length : 0,
    unansweredLastScan: inventory.ok ? inventory.targets.filter((target) => unanswered.has(target.targetId)).length : 0,
    assetCount: inventory.ok ? inventory.assets.length : 0,
    batches: batchIds.map((batchId) => ({ scanId: event.scanId, batchId })),
  };
}

const unlistedInWords = (part: Pick<UnlistedPart, 'what' | 'error'>): string => `${part.what}: ${part.error}`;

/** `targets` in their order, those in `unanswered` moved to the front (in their order) and marked `unansweredLastScan`. */
export function unansweredFirst<T extends Pick<ProbeTarget, 'targetId' | 'unansweredLastScan'>>(targets: readonly T[], unanswered: ReadonlySet<string>): T[] {
  if (unanswered.size === 0) return [...targets];
  const marked = targets.filter((target) => unanswered.has(target.targetId)).map((target) => ({ ...target, unansweredLastScan: true as const }));
  return [...marked, ...targets.filter((target) => !unanswered.has(target.targetId))];
}

export interface ProbeStageDeps {
  readonly store: StateStore;
  readonly prober: Prober;
  /** The plan of a scan's probes (see `planDepthOfScan`); absent: always the full plan. */
  readonly planOf?: (scanId: string) => PlanDepth;
}

/** Probes one batch of targets and stores the results in the scan workspace. */
export async function probeStage(
  deps: ProbeStageDeps,
  event: ProbeBatchEvent,
  run: ProbeRunOptions = {},
): Promise<ProbeBatchOutput> {
  const targets = await deps.store.getBatchTargets(event.scanId, event.batchId);
  const plan = deps.planOf?.(event.scanId) ?? 'full';
  const results = await deps.prober.probe(targets, { ...run, plan });
  await deps.store.putBatchResults(event.scanId, event.batchId, results);
  const verdicts: Record<string, number> = {};
  for (const result of results) verdicts[result.verdict] = (verdicts[result.verdict] ?? 0) + 1;
  return { scanId: event.scanId, batchId: event.batchId, probed: results.length, verdicts, partial: results.some((r) => r.partial === true), plan };
}

export interface ReconcileStageDeps {
  readonly store: StateStore;
  readonly now: () => Date;
  /** Publishes the alert; absent where no topic is configured (the CLI without --topic). */
  readonly publish?: (message: AlertMessage) => Promise<string>;
  /** Shown in a truncated alert: how to list every change of this scan. */
  readonly listAllCommand: (scanId: string) => string;
  /** Exposures whose changes go to history, not to the pager, until each lapses. @default none */
  readonly acceptedExposures?: readonly AcceptedExposure[];
}

export interface ReconcileResult {
  readonly output: ReconcileOutput;
  readonly report: ScanReport;
  readonly alert?: AlertMessage;
}

/**
 * A retried reconcile (say SNS failed after the writes) finds its state already
 * applied, so applyScan returns nothing new: the scan's changes are read back
 * from history, so the alert is sent late rather than lost. History is read
 * through an index that may lag a fresh write, hence the union with what this
 * attempt applied.
 */
function withChangesAlreadyRecorded(
  applied: { readonly changes: readonly ExposureChange[]; readonly assetChanges: readonly AssetChange[] },
  recorded: readonly HistoryEntry[],
  scanId: string,
): { changes: ExposureChange[]; assetChanges: AssetChange[] } {
  const ofThisScan = recorded.filter((entry) => entry.scanId === scanId);
  const exposureChanges = new Map(ofThisScan.flatMap((e) => ('target' in e ? [[e.target.targetId, e] as const] : [])));
  const assetChanges = new Map(ofThisScan.flatMap((e) => ('asset' in e ? [[e.asset.assetId, e] as const] : [])));
  for (const change of applied.changes) exposureChanges.set(change.target.targetId, change);
  for (const change of applied.assetChanges) assetChanges.set(change.asset.assetId, change);
  return { changes: [...exposureChanges.values()], assetChanges: [...assetChanges.values()] };
}

/**
 * Diffs the scan against the stored state, writes history, and sends one
 * alert when exposure changed (also on a retry whose first attempt wrote the
 * changes but could not publish).
 */
export async function reconcileStage(deps: ReconcileStageDeps, rawEvent: ReconcileEvent): Promise<ReconcileResult> {
  const event = ReconcileEventSchema.parse(rawEvent);
  const loaded = await deps.store.loadScan(event.scanId);
  // History is stamped with the scan's start, so a retried reconcile writes the same entries.
  const at = event.startedAt;
  const recorded = new Set(loaded.scopes.map((s) => scopeKey(s.scope)));
  const failed: ScopeInventory[] = event.failedScopes
    .filter((f) => !recorded.has(scopeKey(f.scope)))
    .map((f) => ({ scope: f.scope, ok: false as const, error: f.error }));
  const accounted = new Set([...recorded, ...failed.map((f) => scopeKey(f.scope))]);
  const vanished: ScopeInventory[] = event.plannedScopes
    .filter((scope) => !accounted.has(scopeKey(scope)))
    .map((scope) => ({ scope, ok: false as const, error: 'no inventory record: the scope\'s workflow did not finish' }));
  const scopes = [...loaded.scopes, ...failed, ...vanished];
  // Targets whose batch left no result (a probe Lambda that died) count as inconclusive in applyScan, never as resolved.
  const applied = await deps.store.applyScan({
    scanId: event.scanId,
    at,
    scopes,
    results: loaded.results,
    ...(deps.acceptedExposures && { acceptedExposures: deps.acceptedExposures }),
  });
  const { changes, assetChanges } = withChangesAlreadyRecorded(applied, await deps.store.history({ since: at, until: at }), event.scanId);
  const report: ScanReport = {
    scanId: event.scanId,
    startedAt: event.startedAt,
    finishedAt: deps.now().toISOString(),
    scopes: scopes.map((s) => {
      const missed = s.ok ? partsMissed(s.unlisted) : [];
      return {
        scope: s.scope,
        ok: s.ok,
        ...(s.ok ? {} : { error: s.error }),
        targets: s.ok ? s.targets.length : 0,
        ...(missed.length > 0 ? { unlisted: missed.map(({ what, error }) => ({ what, error })) } : {}),
      };
    }),
    changes,
    assetChanges,
    currentExposures: await deps.store.currentExposures(),
  };
  const alert = formatAlert(report, { listAllCommand: deps.listAllCommand(event.scanId) });
  const messageId = alert && deps.publish ? await deps.publish(alert) : undefined;
  return {
    report,
    ...(alert ? { alert } : {}),
    output: {
      scanId: event.scanId,
      changes: changes.length,
      alerted: messageId !== undefined,
      ...(messageId ? { messageId } : {}),
      scopesFailed: scopes.filter((s) => !s.ok).length,
      scopesPartlyListed: scopes.filter(listedInPart).length,
    },
  };
}

