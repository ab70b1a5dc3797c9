/**
 * The one configuration of a monitor deployment, validated at synth time.
 * A bad value fails `cdk synth` with a message naming the field and what is
 * allowed; strict objects turn a typo into an error instead of a silent default.
 */
import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lambdas/shared/metric-names.js';
import { catalog } from '../lambdas/probe/fingerprints/index.js';
import { acceptedExposuresSchema, MAX_ACCEPTED_EXPOSURES_JSON_BYTES } from '../lambdas/state/acceptance.js';
import { DEFAULT_BATCH_SIZE, DEFAULT_FULL_PLAN_EVERY_HOURS, DEFAULT_SCAN_INTERVAL_MINUTES, DEFAULT_WORKSPACE_TTL_DAYS } from '../lambdas/shared/runtime-config.js';

/** CDK context key holding the config object (in cdk.json, or `-c aiExposureMonitor='{"…":…}'`). */
export const CONFIG_CONTEXT_KEY = 'aiExposureMonitor';
/** CDK context key naming a JSON config file, the alternative to the inline object. */
export const CONFIG_FILE_CONTEXT_KEY = 'aiExposureMonitorConfigFile';

/**
 * The probe Lambda's process environment; the benchmark runs its prober with it too (docs/benchmark.md).
 * - NODE_OPTIONS: Node 24 sizes the young generation for the machine, not for a 1,024 MB function: the
 *   benchmark's prober peaked at 315 MB with the default and 239 MB with 16 MB semi-spaces, for the same CPU.
 * - MALLOC_ARENA_MAX: glibc gives each thread that allocates (V8's GC helpers, libuv's pool) an arena of its
 *   own and keeps what it freed there; with two, the peak fell from a median 254 to 241 MB, for the same CPU.
 */
export const PROBE_ENVIRONMENT = { NODE_OPTIONS: '--max-semi-space-size=16', MALLOC_ARENA_MAX: '2' } as const;

/** What one probe invocation may spend on its targets; the probe Lambda's timeout adds the result-write margin. */
export const PROBE_WORK_BUDGET_MS = 100_000;

/** The values CloudWatch Logs accepts as a retention period. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const int = (min: number, max: number, what: string) =>
  z.int({ error: `must be a whole number of ${what} from ${min} to ${max}` }).min(min, { error: `must be at least ${min} ${what}` }).max(max, { error: `must be at most ${max} ${what}` });

const regionError = 'must be an AWS region code such as "eu-west-1"';
const region = z.string({ error: regionError }).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, { error: regionError });
const accountIdError = 'must be a 12-digit AWS account id in quotes, such as "111122223333"';
const accountId = z.string({ error: accountIdError }).regex(/^\d{12}$/, { error: accountIdError });
const port = int(1, 65_535, 'port');

const uniqueList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `must be a list of ${what}` }).refine((list) => new Set(list).size === list.length, { error: `must not list the same ${what.replace(/s$/, '')} twice` });

const ProbeSchema = z.strictObject({
  /** Targets per probe invocation (one Map item). @default 100 */
  batchSize: int(1, 500, 'targets').default(DEFAULT_BATCH_SIZE),
  /** TCP connect timeout per target. @default 3000 */
  connectTimeoutMs: int(100, 30_000, 'milliseconds').default(3_000),
  /** Total time budget per target (all its requests). @default 10000 */
  targetTimeoutMs: int(1_000, 60_000, 'milliseconds').default(10_000),
  /** Concurrent targets inside one probe invocation; Lambda allows 1,024 file descriptors. @default 100 */
  maxConcurrency: int(1, 500, 'targets').default(100),
  /**
   * Hours between scans that ask every port about every service family (the full plan). The scans in
   * between ask a port that answered about the families its answers point to (the sweep plan): about
   * a quarter of the requests for a port that is not AI, the same verdict for a service answering on
   * its own, but a service behind a proxy that routes only its paths is found by the full scans only
   * (and never resolved by a sweep). 0: every scan is full. @default 24
   */
  fullPlanEveryHours: int(0, 168, 'hours').default(DEFAULT_FULL_PLAN_EVERY_HOURS),
});

const FanOutSchema = z.strictObject({
  /** Scopes handled by one Express child workflow (one Distributed Map batch). @default 20 */
  scopesPerWorkflow: int(1, 40, 'scopes').default(20),
  /** Express child workflows running at once. @default 10 */
  concurrentWorkflows: int(1, 100, 'workflows').default(10),
  /** Probe invocations running at once per scope. @default 5 */
  concurrentBatchesPerScope: int(1, 40, 'invocations').default(5),
});

const RetentionSchema = z.strictObject({
  /** Days the per-scan workspace (targets, results) lives before DynamoDB TTL removes it. @default 2 */
  workspaceDays: int(1, 30, 'days').default(DEFAULT_WORKSPACE_TTL_DAYS),
  /** Days exposure history is kept; 0 keeps it forever. @default 0 */
  historyDays: int(0, 3_650, 'days').default(0),
  /** Days Lambda and Step Functions logs are kept. @default 30 */
  logDays: z
    .int()
    .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
      error: `must be one of the CloudWatch Logs retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
    })
    .default(30),
});

export const MonitorConfigSchema = z
  .strictObject({
    /**
     * Minutes between scans. @default 15 — internet-wide scanners find a new
     * open port within hours, so 15 minutes keeps the window small while the
     * monthly cost stays under $5 (docs/cost.md). At most 720 so the
     * "no successful scan in 2× the schedule" alarm fits CloudWatch's one-day window.
     */
    scanIntervalMinutes: int(5, 720, 'minutes').default(DEFAULT_SCAN_INTERVAL_MINUTES),
    /** "all" (every region enabled in the deploying account) or a list of region codes. @default "all" */
    regions: z
      .union([z.literal('all'), uniqueList(region, 'region codes').min(1, { error: 'must list at least one region, or be "all"' })], {
        error: 'must be "all" or a list of region codes such as ["eu-west-1"]',
      })
      .default('all'),
    /** Other accounts to scan through `crossAccountRoleName`; the deploying account is always scanned. @default [] */
    accounts: uniqueList(accountId, 'account ids').default([]),
    /** Name of the read-only role the target-account stack creates in each of `accounts`. @default "AiExposureMonitorReadOnly" */
    crossAccountRoleName: z
      .string()
      .regex(/^[\w+=,.@-]{1,64}$/, { error: 'must be an IAM role name: 1–64 letters, digits or +=,.@_-' })
      .default('AiExposureMonitorReadOnly'),
    /** On-call addresses subscribed to the alert topic (each must confirm the e-mail AWS sends). @default [] */
    alertEmails: uniqueList(z.email({ error: 'must be e-mail addresses' }), 'e-mail addresses').default([]),
    /** Ports probed in addition to the catalog's default ports. @default [] */
    extraPorts: uniqueList(port, 'ports').default([]),
    probe: ProbeSchema.prefault({}),
    fanOut: FanOutSchema.prefault({}),
    retention: RetentionSchema.prefault({}),
    /**
     * Exposures their owners mean to keep (a public demo): still probed and recorded, but their changes go to
     * history, not to the pager, until each rule's `until`. Each names a service family, a resource or an
     * account, a reason and a last day; see lambdas/state/acceptance.ts. @default []
     */
    acceptedExposures: acceptedExposuresSchema(catalog.map((fingerprint) => fingerprint.id)).default([]),
    /** Log level of the Lambdas. @default "INFO" */
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR'], { error: 'must be one of DEBUG, INFO, WARN, ERROR' }).default('INFO'),
  })
  .superRefine((config, ctx) => {
    const { batchSize, maxConcurrency, targetTimeoutMs, connectTimeoutMs } = config.probe;
    const rounds = Math.ceil(batchSize / maxConcurrency);
    if (rounds * targetTimeoutMs > PROBE_WORK_BUDGET_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['probe', 'batchSize'],
        message:
          `${batchSize} targets at maxConcurrency ${maxConcurrency} can take ${rounds} × ${targetTimeoutMs} ms, ` +
          `more than the ${PROBE_WORK_BUDGET_MS} ms one probe invocation may spend; lower batchSize or targetTimeoutMs, or raise maxConcurrency`,
      });
    }
    const acceptedBytes = Buffer.byteLength(JSON.stringify(config.acceptedExposures));
    if (acceptedBytes > MAX_ACCEPTED_EXPOSURES_JSON_BYTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['acceptedExposures'],
        message:
          `takes ${acceptedBytes} bytes as JSON, more than the ${MAX_ACCEPTED_EXPOSURES_JSON_BYTES} it may use of Lambda's 4 KB of environment; ` +
          'shorten the reasons, or accept an account\'s service once instead of each resource',
      });
    }
    if (connectTimeoutMs > targetTimeoutMs) {
      ctx.addIssue({
        code: 'custom',
        path: ['probe', 'connectTimeoutMs'],
        message: `must not exceed probe.targetTimeoutMs (${targetTimeoutMs})`,
      });
    }
  });

export type MonitorConfig = z.output<typeof MonitorConfigSchema>;
export type MonitorConfigInput = z.input<typeof MonitorConfigSchema>;

export class MonitorConfigError extends Error {
  override readonly name = 'MonitorConfigError';
}

/** Validates a raw config; throws one MonitorConfigError listing every problem, each naming its field. */
export function parseMonitorConfig(raw: unknown, source = CONFIG_CONTEXT_KEY): MonitorConfig {
  const parsed = MonitorConfigSchema.safeParse(raw ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => describeIssue(issue, source));
  throw new MonitorConfigError(`invalid monitor configuration (${source}):\n  - ${problems.join('\n  - ')}`);
}

function describeIssue(issue: z.core.$ZodIssue, source: string): string {
  const field = [source, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(issue.path);
    return `${field}: unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; allowed: ${allowed.join(', ')}`;
  }
  const got = 'input' in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)})` : '';
  return `${field}: ${issue.message}${got}`;
}

/** The field names of the object schema at `path`, for "did you mean" help on typos. */
function allowedKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = MonitorConfigSchema;
  for (const key of path) {
    const inner = unwrapped(schema);
    // A list's entries (acceptedExposures.0) are its element schema.
    const next = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : objectShape(inner)?.[String(key)];
    if (!next) return [];
    schema = next;
  }
  return Object.keys(objectShape(schema) ?? {});
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault || inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const inner = unwrapped(schema);
  return inner instanceof z.ZodObject ? (inner.shape as Record<string, z.ZodType>) : undefined;
}

/**
 * The raw config from CDK context: the inline object (cdk.json or `-c` JSON)
 * or a JSON file named by `aiExposureMonitorConfigFile`, never both.
 */
export function rawConfigFromContext(
  tryGetContext: (key: string) => unknown,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): { raw: unknown; source: string } {
  const inline = tryGetContext(CONFIG_CONTEXT_KEY);
  const file = tryGetContext(CONFIG_FILE_CONTEXT_KEY);
  if (inline !== undefined && file !== undefined) {
    throw new MonitorConfigError(`give the configuration either as context "${CONFIG_CONTEXT_KEY}" or as a file in "${CONFIG_FILE_CONTEXT_KEY}", not both`);
  }
  if (file !== undefined) {
    if (typeof file !== 'string' || file.length === 0) {
      throw new MonitorConfigError(`${CONFIG_FILE_CONTEXT_KEY}: must be the path of a JSON file`);
    }
    let text: string;
    try {
      text = readFile(file);
    } catch (cause) {
      throw new MonitorConfigError(`${CONFIG_FILE_CONTEXT_KEY}: cannot read ${file}`, { cause });
    }
    return { raw: parseJson(text, file), source: file };
  }
  // `-c key=value` arrives as a string; cdk.json context arrives as an object.
  return { raw: typeof inline === 'string' ? parseJson(inline, CONFIG_CONTEXT_KEY) : inline, source: CONFIG_CONTEXT_KEY };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new MonitorConfigError(`${source}: is not valid JSON (${(cause as Error).message})`, { cause });
  }
}


/** The environment every Lambda reads at cold start (lambdas/shared/runtime-config.ts). */
export function lambdaEnvironment(config: MonitorConfig, resources: { tableName: string; topicArn: string }): Record<string, string> {
  return {
    TABLE_NAME: resources.tableName,
    TOPIC_ARN: resources.topicArn,
    REGIONS: config.regions === 'all' ? 'all' : config.regions.join(','),
    ACCOUNTS: config.accounts.join(','),
    CROSS_ACCOUNT_ROLE_NAME: config.crossAccountRoleName,
    EXTRA_PORTS: config.extraPorts.join(','),
    BATCH_SIZE: String(config.probe.batchSize),
    PROBE_CONNECT_TIMEOUT_MS: String(config.probe.connectTimeoutMs),
    PROBE_TARGET_TIMEOUT_MS: String(config.probe.targetTimeoutMs),
    PROBE_MAX_CONCURRENCY: String(config.probe.maxConcurrency),
    SCAN_INTERVAL_MINUTES: String(config.scanIntervalMinutes),
    FULL_PLAN_EVERY_HOURS: String(config.probe.fullPlanEveryHours),
    WORKSPACE_TTL_DAYS: String(config.retention.workspaceDays),
    HISTORY_RETENTION_DAYS: String(config.retention.historyDays),
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: config.logLevel,
  };
}

/** What only the reconcile Lambda reads, on top of `lambdaEnvironment`. */
export const reconcileEnvironment = (config: MonitorConfig): Record<string, string> => ({
  ACCEPTED_EXPOSURES: JSON.stringify(config.acceptedExposures),
});
