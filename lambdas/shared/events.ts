/**
 * Event shapes of the Lambda entry points, in the order a scan runs them:
 * plan → (per scope) inventory → (per batch) probe → reconcile.
 * Big data (targets, results) travels through the DynamoDB scan workspace, so
 * every payload here stays small whatever the size of the estate.
 */
import * as z from 'zod';

const accountId = z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1');
const scanId = z.string().regex(/^[0-9A-Za-z-]{8,64}$/, 'a scan id is 8–64 letters, digits or dashes');

export const ScopeSchema = z.strictObject({ accountId, region });

/** Input of the plan step; the scheduler sends `{}`. */
export const PlanScanEvent = z.strictObject({
  /** Optional override of the configured regions, for a manual run. */
  regions: z.array(region).min(1).optional(),
});
export type PlanScanEvent = z.infer<typeof PlanScanEvent>;

export const PlanScanOutput = z.strictObject({
  scanId,
  startedAt: z.iso.datetime(),
  scopes: z.array(ScopeSchema),
});
export type PlanScanOutput = z.infer<typeof PlanScanOutput>;

export const InventoryEvent = z.strictObject({ scanId, scope: ScopeSchema });
export type InventoryEvent = z.infer<typeof InventoryEvent>;

export const InventoryOutput = z.strictObject({
  scanId,
  scope: ScopeSchema,
  ok: z.boolean(),
  error: z.string().optional(),
  /** Of an ok scope, the parts that could not be listed, each "what: error" (`ScopeInventory.unlisted`). */
  unlisted: z.array(z.string()).optional(),
  targetCount: z.number().int().nonnegative(),
  /** Of those, the ones that got no answer in the last scan, batched together at the start (`inventoryStage`). */
  unansweredLastScan: z.number().int().nonnegative(),
  assetCount: z.number().int().nonnegative(),
  /** One entry per target batch, ready to be a Step Functions Map's items. */
  batches: z.array(z.strictObject({ scanId, batchId: z.string().min(1) })),
});
export type InventoryOutput = z.infer<typeof InventoryOutput>;

export const ProbeBatchEvent = z.strictObject({ scanId, batchId: z.string().min(1) });
export type ProbeBatchEvent = z.infer<typeof ProbeBatchEvent>;

export const ProbeBatchOutput = z.strictObject({
  scanId,
  batchId: z.string().min(1),
  probed: z.number().int().nonnegative(),
  /** Count per verdict, for the execution history. */
  verdicts: z.record(z.string(), z.number().int().nonnegative()),
  /** True when the deadline cut the batch short; unfinished targets count as inconclusive. */
  partial: z.boolean(),
  /** The plan the batch was probed with (full, or the sweep between full scans). */
  plan: z.enum(['full', 'sweep']),
});
export type ProbeBatchOutput = z.infer<typeof ProbeBatchOutput>;

/**
 * Input of the reconcile step. `failedScopes` carries scopes whose inventory
 * step itself failed (a Step Functions Catch), so the alert can say "not
 * scanned" for them; they are never resolved. `plannedScopes` (the plan's
 * list) lets reconcile name scopes that left neither a record nor a failure,
 * e.g. when a whole child workflow timed out.
 */
export const ReconcileEvent = z.strictObject({
  scanId,
  startedAt: z.iso.datetime(),
  failedScopes: z.array(z.strictObject({ scope: ScopeSchema, error: z.string() })).default([]),
  plannedScopes: z.array(ScopeSchema).default([]),
});
export type ReconcileEvent = z.input<typeof ReconcileEvent>;

export const ReconcileOutput = z.strictObject({
  scanId,
  changes: z.number().int().nonnegative(),
  alerted: z.boolean(),
  messageId: z.string().optional(),
  scopesFailed: z.number().int().nonnegative(),
  /** Scopes listed but for some parts (`ScopeInventory.unlisted`). */
  scopesPartlyListed: z.number().int().nonnegative(),
});
export type ReconcileOutput = z.infer<typeof ReconcileOutput>;
