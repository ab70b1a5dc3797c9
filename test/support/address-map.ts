/**
 * The explicit address map of a test: every target an inventory listed goes to a
 * loopback port, so no probe can reach an address the emulator handed out.
 */
import type { AddressMapEntry } from '../../lambdas/probe/prober.js';
import { formatHostPort, type ProbeTarget } from '../../lambdas/shared/model.js';

/** `portFor` picks the loopback port for each target (a real service, or a closed port). */
export function loopbackAddressMap(targets: readonly ProbeTarget[], portFor: (target: ProbeTarget) => number): Map<string, AddressMapEntry> {
  return new Map(targets.map((t) => [formatHostPort(t.address, t.port), { connectHost: '127.0.0.1', connectPort: portFor(t) }]));
}
