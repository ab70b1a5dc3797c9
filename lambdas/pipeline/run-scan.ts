/**
 * Runs a whole scan in one process — the CLI's `scan` and `demo` — through the
 * same stages, in the same order and with the same workspace, as the deployed
 * state machine.
 */
import {
  inventoryStage,
  planScan,
  probeStage,
  reconcileStage,
  type InventoryStageDeps,
  type ProbeStageDeps,
  type ReconcileResult,
  type ReconcileStageDeps,
} from './stages.js';
import { mapConcurrently } from '../shared/concurrency.js';
import type { InventoryOutput } from '../shared/events.js';
import type { ProbeResult, Scope } from '../shared/model.js';

export type ScanProgress =
  | {
      readonly stage: 'inventory';
      readonly scope: Scope;
      readonly ok: boolean;
      readonly targets: number;
      readonly error?: string;
      /** Of an ok scope, the parts not listed, each "what: error". */
      readonly unlisted?: readonly string[];
    }
  | { readonly stage: 'probe'; readonly result: ProbeResult }
  | { readonly stage: 'reconcile' };

export interface RunScanOptions {
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** Scopes listed at once: AWS API rate limits are per region, so a few in parallel is safe. */
  readonly scopeConcurrency?: number;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly signal?: AbortSignal;
}

export async function runScan(
  deps: InventoryStageDeps & ProbeStageDeps & ReconcileStageDeps,
  options: RunScanOptions,
): Promise<ReconcileResult> {
  const plan = planScan(deps.now(), options.accounts, options.regions);
  const failedScopes: { scope: Scope; error: string }[] = [];

  const inventories = await mapConcurrently(plan.scopes, options.scopeConcurrency ?? 4, async (scope) => {
    try {
      const output = await inventoryStage(deps, { scanId: plan.scanId, scope });
      options.onProgress?.({
        stage: 'inventory',
        scope,
        ok: output.ok,
        targets: output.targetCount,
        ...(output.error ? { error: output.error } : {}),
        ...(output.unlisted ? { unlisted: output.unlisted } : {}),
      });
      return output;
    } catch (error) {
      // Mirrors the state machine's Catch: the scope is reported "not scanned", the others go on.
      const message = error instanceof Error ? error.message : String(error);
      failedScopes.push({ scope, error: message });
      options.onProgress?.({ stage: 'inventory', scope, ok: false, targets: 0, error: message });
      return undefined;
    }
  });

  const batches = inventories.flatMap((output: InventoryOutput | undefined) => output?.batches ?? []);
  const onResult = options.onProgress ? (result: ProbeResult) => options.onProgress?.({ stage: 'probe', result }) : undefined;
  // Several batches at once, as the state machine's Map runs them: one batch rarely fills the prober's
  // socket cap. The batches of targets unanswered last scan (first in each scope) mostly wait out header
  // timeouts, on at most their share of the sockets (`unansweredLastScan`), so they come on top of the
  // batches that fill the cap rather than in their place. The prober's caps span all of its runs.
  const unansweredBatches = inventories.reduce((sum, output) => sum + Math.ceil((output?.unansweredLastScan ?? 0) / deps.batchSize), 0);
  const batchConcurrency = Math.ceil(deps.prober.maxConcurrentTargets / deps.batchSize) + 1 + unansweredBatches;
  await mapConcurrently(batches, batchConcurrency, (batch) =>
    probeStage(deps, batch, { ...(options.signal ? { signal: options.signal } : {}), ...(onResult ? { onResult } : {}) }),
  );

  options.onProgress?.({ stage: 'reconcile' });
  return reconcileStage(deps, { scanId: plan.scanId, startedAt: plan.startedAt, failedScopes, plannedScopes: plan.scopes });
}
