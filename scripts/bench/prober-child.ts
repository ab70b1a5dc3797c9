/**
 * The prober side of the benchmark, run as its own process from an esbuild bundle made like the
 * Lambda's (ESM, minified): what is measured is what ships, without the TypeScript loader and
 * without the bench's own bookkeeping (fleet plan, expectations, reporting), which stay in the parent.
 */
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import { createProber, type AddressMapEntry } from '../../lambdas/probe/prober.js';
import type { ProbeResult } from '../../lambdas/shared/model.js';
import type { ProberRequest, ProberReport } from './fleet-spec.js';

process.once('message', (message) => {
  const request = message as ProberRequest;
  const prober = createProber({ catalog, addressMap: new Map<string, AddressMapEntry>(request.addressMap) });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const batchWallMs: number[] = [];
  const probeAll = async (): Promise<ProbeResult[]> => {
    if (request.batchSize === undefined) return prober.probe(request.targets, { plan: request.plan });
    const { batchSize } = request;
    const batches = Math.ceil(request.targets.length / batchSize);
    const results = new Array<ProbeResult[]>(batches);
    let next = 0;
    const invocation = async (): Promise<void> => {
      for (let batch = next++; batch < batches; batch = next++) {
        const batchStarted = performance.now();
        results[batch] = await prober.probe(request.targets.slice(batch * batchSize, (batch + 1) * batchSize), { plan: request.plan });
        batchWallMs[batch] = performance.now() - batchStarted;
      }
    };
    await Promise.all(Array.from({ length: request.batchConcurrency ?? 1 }, invocation));
    return results.flat();
  };
  probeAll().then(
    (results) => {
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const report: ProberReport = {
        results: results.map((result) => ({ verdict: result.verdict, family: result.service?.id ?? null, why: result.evidence.reason ?? result.evidence.signals?.join('; ') ?? '' })),
        wallMs,
        cpuUserMs: cpu.user / 1000,
        cpuSystemMs: cpu.system / 1000,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        ...(request.batchSize === undefined ? {} : { batchWallMs }),
      };
      process.send?.(report, undefined, {}, () => process.disconnect());
    },
    (error: unknown) => {
      process.stderr.write(`prober: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
});
