/** Time, byte and concurrency budgets of the prober, with production defaults. */
import * as z from 'zod';
import { ProberConfigError } from './errors.js';

export interface ProbeBudgets {
  /** TCP connect. */
  connectTimeoutMs: number;
  /** TLS handshake. */
  tlsTimeoutMs: number;
  /** First byte → end of headers. */
  headersTimeoutMs: number;
  /** Idle between body chunks. */
  bodyTimeoutMs: number;
  /** Whole target, all requests. */
  targetTimeoutMs: number;
  /** Per response, after decoding (decompressed output is capped too). */
  maxBodyBytes: number;
  /** All responses of one target. */
  maxBytesPerTarget: number;
  maxHeaderBytes: number;
  /** Open sockets cap per process, well under Lambda's 1,024 file descriptors. */
  maxConcurrentTargets: number;
  /** Politeness per destination address: targets (so connections) in flight at once. */
  maxConcurrentPerAddress: number;
  /**
   * Politeness per destination address: sustained requests per second (HTTP requests, raw TCP
   * exchanges, TLS handshakes), with a burst of the same size, so one target's plan goes out at
   * once and only several ports of one address are spread out.
   */
  maxRequestsPerSecondPerAddress: number;
}

/**
 * Production defaults. The prober runs in the same AWS region as (most of) its targets, so round
 * trips are milliseconds; the timeouts leave room for one SYN retransmission (1 s) and for a
 * loaded model server, while keeping a silent port's cost bounded. Fingerprints need the first
 * kilobytes of a response; with 256 targets in flight the per-target cap bounds retained bodies
 * at 128 MiB even if every target is hostile, far below a 1,024 MB Lambda. Each target holds at most
 * one socket at a time, so `maxConcurrentTargets` is also the socket cap: 256 leaves most of the
 * 1,024 descriptors for the runtime, DNS and the AWS SDK. 150 requests a second per address lets
 * one target's whole plan (about 100 requests with the full catalog) go out in one burst, while a
 * host with many open ports is probed at that sustained pace, far from anything resembling a flood.
 */
export const defaultBudgets: ProbeBudgets = Object.freeze({
  connectTimeoutMs: 3_000,
  tlsTimeoutMs: 3_000,
  headersTimeoutMs: 5_000,
  bodyTimeoutMs: 5_000,
  targetTimeoutMs: 20_000,
  maxBodyBytes: 128 * 1024,
  maxBytesPerTarget: 512 * 1024,
  maxHeaderBytes: 32 * 1024,
  maxConcurrentTargets: 256,
  maxConcurrentPerAddress: 4,
  maxRequestsPerSecondPerAddress: 150,
});

const positive = z.number().int().positive();
const BudgetsSchema = z.strictObject({
  connectTimeoutMs: positive,
  tlsTimeoutMs: positive,
  headersTimeoutMs: positive,
  bodyTimeoutMs: positive,
  targetTimeoutMs: positive,
  maxBodyBytes: positive,
  maxBytesPerTarget: positive,
  maxHeaderBytes: positive.min(1024),
  maxConcurrentTargets: positive.max(900, 'must stay well under the 1,024 file descriptors of a Lambda'),
  maxConcurrentPerAddress: positive,
  maxRequestsPerSecondPerAddress: positive,
});

/** Merges overrides onto the defaults; throws naming the offending field. */
export function resolveBudgets(overrides: Partial<ProbeBudgets> | undefined): ProbeBudgets {
  const parsed = BudgetsSchema.safeParse({ ...defaultBudgets, ...overrides });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `budgets.${issue.path.join('.') || '?'}: ${issue.message}`);
    throw new ProberConfigError(`Invalid probe budgets: ${issues.join('; ')}`, { cause: parsed.error });
  }
  return parsed.data;
}
