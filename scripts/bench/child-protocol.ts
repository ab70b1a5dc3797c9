/**
 * The prober processes' side of the parent's request (`ProberRequest` in, `ProberReport` out), shared by
 * the bundles that probe the fleet in one run (prober-child.ts) and as probe invocations
 * (invocations-child.ts). What is timed starts after the prober is built.
 */
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { createProber, type AddressMapEntry, type Prober } from '../../lambdas/probe/prober.js';
import type { ProbeResult } from '../../lambdas/shared/model.js';
import type { PassReport, ProberRequest, ProberReport } from './fleet-spec.js';

/** What a pass measures batch by batch, when it probes in batches; `probeAll` fills it. */
export interface BatchTimes {
  readonly wallMs: number[];
  readonly cpuMs: number[];
  readonly storeMs: { read: number; write: number }[];
  readonly tailMs: number[];
}

/** `probeAll` returns one result per request target, in order. */
export type ProbeFleet = (request: ProberRequest, prober: Prober, batchTimes: BatchTimes) => Promise<ProbeResult[]>;

export function answerProberRequest(probeAll: ProbeFleet): void {
  process.once('message', (message) => {
    const request = message as ProberRequest;
    const prober = createProber({ catalog, budgets: { maxConcurrentTargets: request.maxConcurrentTargets }, addressMap: new Map<string, AddressMapEntry>(request.addressMap) });
    probeInPasses(request, prober, probeAll).then(
      (report) => process.send?.(report, undefined, {}, () => process.disconnect()),
      (error: unknown) => {
        process.stderr.write(`prober: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
      },
    );
  });
}

async function probeInPasses(request: ProberRequest, prober: Prober, probeAll: ProbeFleet): Promise<ProberReport> {
  const first = await timedPass(request, prober, probeAll);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  let last = first;
  for (let pass = 2; pass <= (request.passes ?? 1); pass += 1) last = await timedPass(request, prober, probeAll);
  return { ...first, peakRssMb, ...(last === first ? {} : { warm: last }) };
}

async function timedPass(request: ProberRequest, prober: Prober, probeAll: ProbeFleet): Promise<PassReport> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const batchTimes: BatchTimes = { wallMs: [], cpuMs: [], storeMs: [], tailMs: [] };
  const results = await probeAll(request, prober, batchTimes);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    results: results.map((result) => ({ verdict: result.verdict, family: result.service?.id ?? null, why: result.evidence.reason ?? result.evidence.signals?.join('; ') ?? '' })),
    wallMs,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    ...(batchTimes.wallMs.length === 0 ? {} : { batchWallMs: batchTimes.wallMs }),
    ...(batchTimes.cpuMs.length === 0 ? {} : { batchCpuMs: batchTimes.cpuMs }),
    ...(batchTimes.storeMs.length === 0 ? {} : { batchStoreMs: batchTimes.storeMs }),
    ...(batchTimes.tailMs.length === 0 ? {} : { batchTailMs: batchTimes.tailMs }),
  };
}
