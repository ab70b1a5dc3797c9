/**
 * The Lambdas' configuration, read once at cold start from environment
 * variables the CDK stack sets. A bad value fails the cold start with a
 * message naming the variable, instead of a scan that silently does less.
 */
import * as z from 'zod';
import { acceptedExposuresSchema, type AcceptedExposure } from '../state/acceptance.js';

const commaList = (item: z.ZodString) =>
  z
    .string()
    .default('')
    .transform((raw) => raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
    .pipe(z.array(item));

const port = z.number().int().min(1, 'a port is 1–65535').max(65_535, 'a port is 1–65535');
const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

/** Defaults shared with the CDK config (lib/config.ts) and the CLI, so every path scans alike. */
export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_WORKSPACE_TTL_DAYS = 2;
export const DEFAULT_SCAN_INTERVAL_MINUTES = 15;
/** A scan that asks every port about every family (the full plan) runs once per this many hours. */
export const DEFAULT_FULL_PLAN_EVERY_HOURS = 24;

const RuntimeEnv = z.object({
  TABLE_NAME: z.string().min(3, 'the DynamoDB table name'),
  TOPIC_ARN: z.string().regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/, 'an SNS topic ARN').optional(),
  REGIONS: z
    .string()
    .default('all')
    .transform((raw) => (raw.trim() === 'all' ? ('all' as const) : raw.split(',').map((s) => s.trim()).filter(Boolean)))
    .pipe(z.union([z.literal('all'), z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1')).min(1)])),
  ACCOUNTS: commaList(z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id')),
  CROSS_ACCOUNT_ROLE_NAME: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'an IAM role name').optional(),
  EXTRA_PORTS: commaList(z.string().regex(/^\d+$/, 'a port number')).transform((ports) => ports.map(Number)).pipe(z.array(port)),
  BATCH_SIZE: positiveInt(2_000).default(DEFAULT_BATCH_SIZE),
  PROBE_CONNECT_TIMEOUT_MS: positiveInt(30_000).optional(),
  PROBE_TARGET_TIMEOUT_MS: positiveInt(120_000).optional(),
  PROBE_MAX_CONCURRENCY: positiveInt(900).optional(),
  SCAN_INTERVAL_MINUTES: positiveInt(720).default(DEFAULT_SCAN_INTERVAL_MINUTES),
  FULL_PLAN_EVERY_HOURS: z.coerce.number().int().min(0).max(168).default(DEFAULT_FULL_PLAN_EVERY_HOURS),
  WORKSPACE_TTL_DAYS: positiveInt(365).default(DEFAULT_WORKSPACE_TTL_DAYS),
  HISTORY_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  ACCEPTED_EXPOSURES: z
    .string()
    .default('[]')
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'a JSON list of accepted exposures' });
        return z.NEVER;
      }
    })
    .pipe(acceptedExposuresSchema()),
});

export interface RuntimeConfig {
  readonly tableName: string;
  readonly topicArn?: string;
  readonly regions: 'all' | readonly string[];
  /** Accounts other than the deploying one, reached through `crossAccountRoleName`. */
  readonly accounts: readonly string[];
  readonly crossAccountRoleName?: string;
  readonly extraPorts: readonly number[];
  readonly batchSize: number;
  readonly probe: { readonly connectTimeoutMs?: number; readonly targetTimeoutMs?: number; readonly maxConcurrentTargets?: number };
  /** Which scans run the full plan (see `planDepthOfScan`); 0 hours: every scan. */
  readonly planSchedule: { readonly scanIntervalMinutes: number; readonly fullPlanEveryHours: number };
  readonly workspaceTtlDays: number;
  /** 0 keeps history forever. */
  readonly historyRetentionDays: number;
  readonly acceptedExposures: readonly AcceptedExposure[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function readRuntimeConfig(env: NodeJS.ProcessEnv): RuntimeConfig {
  const parsed = RuntimeEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.ACCOUNTS.length > 0 && !e.CROSS_ACCOUNT_ROLE_NAME) {
    throw new ConfigError('invalid environment: CROSS_ACCOUNT_ROLE_NAME: required when ACCOUNTS lists other accounts');
  }
  return {
    tableName: e.TABLE_NAME,
    topicArn: e.TOPIC_ARN,
    regions: e.REGIONS,
    accounts: e.ACCOUNTS,
    crossAccountRoleName: e.CROSS_ACCOUNT_ROLE_NAME,
    extraPorts: e.EXTRA_PORTS,
    batchSize: e.BATCH_SIZE,
    probe: {
      connectTimeoutMs: e.PROBE_CONNECT_TIMEOUT_MS,
      targetTimeoutMs: e.PROBE_TARGET_TIMEOUT_MS,
      maxConcurrentTargets: e.PROBE_MAX_CONCURRENCY,
    },
    planSchedule: { scanIntervalMinutes: e.SCAN_INTERVAL_MINUTES, fullPlanEveryHours: e.FULL_PLAN_EVERY_HOURS },
    workspaceTtlDays: e.WORKSPACE_TTL_DAYS,
    historyRetentionDays: e.HISTORY_RETENTION_DAYS,
    acceptedExposures: e.ACCEPTED_EXPOSURES,
  };
}
