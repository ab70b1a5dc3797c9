/**
 * Runs the REAL engine against a loopback server through an explicit address map. The target is a
 * name under the reserved `.example` TLD (RFC 2606): the map answers for it before any DNS lookup,
 * so nothing can leave the machine, and the engine refuses documentation IP literals outright. The
 * Host header is set by each test on purpose: a public one (TEST-NET-3) as the internet sends it,
 * or a loopback one to show the Host check is what refused.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { createProber } from '../../../lambdas/probe/prober.js';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';

/** A port no family of the catalog lists: the real server answering there must be found by its hints alone. */
const UNLISTED_PORT = 47_000;

export interface Exposure {
  /** The name the probe believes it talks to, e.g. `jupyter-open.conformance.example`. */
  readonly address: string;
  readonly port: number;
  /** Where the bytes really go: 127.0.0.1:<localPort>. */
  readonly localPort: number;
  readonly hostHeader: string;
}

/**
 * The full plan's results, in order. Each exposure is also swept, on its port and on a port no family
 * lists, and must get the same verdict, family and version: the sweep hints hold on the real server.
 */
export async function probeThrough(exposures: readonly Exposure[]): Promise<ProbeResult[]> {
  const entry = (e: Exposure) => ({ connectHost: '127.0.0.1', connectPort: e.localPort, hostHeader: e.hostHeader });
  const addressMap = new Map(exposures.flatMap((e) => [[`${e.address}:${e.port}`, entry(e)] as const, [`${e.address}:${UNLISTED_PORT}`, entry(e)] as const]));
  // Every target is in the map; a DNS lookup would mean a target escaped it, so it fails loudly.
  const refuseDns = async (hostname: string): Promise<string[]> => {
    throw new Error(`conformance tests never resolve names (${hostname} escaped the address map)`);
  };
  const prober = createProber({ catalog, addressMap, resolve: refuseDns });
  const targets = exposures.map((e, index) => ({ targetId: `conformance-${index}`, address: e.address, port: e.port }));
  const full = await prober.probe(targets);
  const swept = await prober.probe(targets, { plan: 'sweep' });
  const sweptElsewhere = await prober.probe(
    targets.map((target) => ({ ...target, port: UNLISTED_PORT })),
    { plan: 'sweep' },
  );
  const outcome = (result: ProbeResult | undefined): string => `${result?.verdict}/${result?.service?.id ?? '-'}/${result?.version ?? '-'}`;
  exposures.forEach((e, index) => {
    const expected = outcome(full[index]);
    expect(outcome(swept[index]), `sweep of ${e.address}:${e.port}`).toBe(expected);
    expect(outcome(sweptElsewhere[index]), `sweep of ${e.address} on port ${UNLISTED_PORT}`).toBe(expected);
  });
  return full;
}

/**
 * One real server per mode, started before the suite and stopped after it, each probed through `probeThrough` as
 * `<name>-<mode>.conformance.example` on `port` with a public Host header. A failed start fails the suite and stops
 * the servers that did start. Returns the results by mode, filled once `beforeAll` has run.
 */
export function probeEachMode<M extends string>(name: string, port: number, modes: readonly M[], start: (mode: M) => Promise<RunningServer>): Record<M, ProbeResult> {
  const servers: RunningServer[] = [];
  const results = {} as Record<M, ProbeResult>;
  beforeAll(async () => {
    const started = await Promise.allSettled(modes.map(start));
    for (const outcome of started) if (outcome.status === 'fulfilled') servers.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const probed = await probeThrough(
      modes.map((mode, index) => ({ address: `${name}-${mode}.conformance.example`, port, localPort: servers[index]!.port, hostHeader: `203.0.113.7:${port}` })),
    );
    modes.forEach((mode, index) => {
      results[mode] = probed[index]!;
    });
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });
  return results;
}
