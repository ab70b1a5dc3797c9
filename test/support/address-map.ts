/**
 * The explicit address map of a test: every target an inventory listed goes to a
 * loopback port, so no probe can reach an address the emulator handed out.
 */
import type { AddressMapEntry } from '../../lambdas/probe/prober.js';
import type { ProbeTarget } from '../../lambdas/shared/model.js';

const keyOf = (t: Pick<ProbeTarget, 'address' | 'port'>): string => (t.address.includes(':') ? `[${t.address}]:${t.port}` : `${t.address}:${t.port}`);

/** `portFor` picks the loopback port for each target (a real service, or a closed port). */
export function loopbackAddressMap(targets: readonly ProbeTarget[], portFor: (target: ProbeTarget) => number): Map<string, AddressMapEntry> {
  return new Map(targets.map((t) => [keyOf(t), { connectHost: '127.0.0.1', connectPort: portFor(t) }]));
}
