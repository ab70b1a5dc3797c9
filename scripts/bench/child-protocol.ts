/**
 * The prober processes' side of the parent's request (`ProberRequest` in, `ProberReport` out), shared by
 * the bundles that probe the fleet in one run (prober-child.ts) and as probe invocations
 * (invocations-child.ts). What is timed starts after the prober is built.
 */
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { createProber, type AddressMapEntry, type Prober } from '../../lambdas/probe/prober.js';
import type { ProbeResult } from '../../lambdas/shared/model.js';
import type { ProberRequest, ProberReport } from './fleet-spec.js';

/** `probeAll` returns one result per request target, in order; `batchWallMs` is reported when it fills it. */
export type ProbeFleet = (request: ProberRequest, prober: Prober, batchWallMs: number[]) => Promise<ProbeResult[]>;

export function answerProberRequest(probeAll: ProbeFleet): void {
  process.once('message', (message) => {
    const request = message as ProberRequest;
    const prober = createProber({ catalog, addressMap: new Map<string, AddressMapEntry>(request.addressMap) });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const batchWallMs: number[] = [];
    probeAll(request, prober, batchWallMs).then(
      (results) => {
        const wallMs = performance.now() - started;
        const cpu = process.cpuUsage(cpuBefore);
        const report: ProberReport = {
          results: results.map((result) => ({ verdict: result.verdict, family: result.service?.id ?? null, why: result.evidence.reason ?? result.evidence.signals?.join('; ') ?? '' })),
          wallMs,
          cpuUserMs: cpu.user / 1000,
          cpuSystemMs: cpu.system / 1000,
          peakRssMb: process.resourceUsage().maxRSS / 1024,
          ...(batchWallMs.length === 0 ? {} : { batchWallMs }),
        };
        process.send?.(report, undefined, {}, () => process.disconnect());
      },
      (error: unknown) => {
        process.stderr.write(`prober: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(2);
      },
    );
  });
}
