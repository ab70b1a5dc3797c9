/**
 * Runs the REAL engine against a loopback server through an explicit address map. The target is a
 * name under the reserved `.example` TLD (RFC 2606): the map answers for it before any DNS lookup,
 * so nothing can leave the machine, and the engine refuses documentation IP literals outright. The
 * Host header is set by each test on purpose: a public one (TEST-NET-3) as the internet sends it,
 * or a loopback one to show the Host check is what refused.
 */
import { createProber } from '../../../lambdas/probe/prober.js';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import type { ProbeResult } from '../../../lambdas/shared/model.js';

export interface Exposure {
  /** The name the probe believes it talks to, e.g. `jupyter-open.conformance.example`. */
  readonly address: string;
  readonly port: number;
  /** Where the bytes really go: 127.0.0.1:<localPort>. */
  readonly localPort: number;
  readonly hostHeader: string;
}

export async function probeThrough(exposures: readonly Exposure[]): Promise<ProbeResult[]> {
  const addressMap = new Map(
    exposures.map((e) => [`${e.address}:${e.port}`, { connectHost: '127.0.0.1', connectPort: e.localPort, hostHeader: e.hostHeader }] as const),
  );
  // Every target is in the map; a DNS lookup would mean a target escaped it, so it fails loudly.
  const refuseDns = async (hostname: string): Promise<string[]> => {
    throw new Error(`conformance tests never resolve names (${hostname} escaped the address map)`);
  };
  const prober = createProber({ catalog, addressMap, resolve: refuseDns });
  return prober.probe(exposures.map((e, index) => ({ targetId: `conformance-${index}`, address: e.address, port: e.port })));
}
