/**
 * What families cost every other fixture's sweep: each fixture not of those families is replayed through the
 * sweep (`replayFixtureStages`, as the engine stages it) on its own port and on one no family lists, with the whole
 * catalog and with those families taken out, and the two are compared request for request and verdict for
 * verdict. A new family should add no request and change no verdict outside its own fixtures; what it does
 * add is listed.
 *
 * Raw TCP and gRPC requests are counted apart: the engine asks them on a port that answered HTTP only when a
 * family lists the port for that protocol (`worthAsking` in prober.ts), which a replay does not model.
 *
 * Usage: npx tsx scripts/sweep-cost.ts FAMILY_ID [FAMILY_ID…]   (exit 1 when a verdict changes)
 */
import { parseArgs } from 'node:util';
import { servesPort } from '../lambdas/probe/catalog-plan.js';
import type { Classification } from '../lambdas/probe/classify.js';
import { catalog } from '../lambdas/probe/fingerprints/index.js';
import type { Fingerprint } from '../lambdas/probe/fingerprints/types.js';
import { classifyFixture, loadFixtures } from '../test/support/fixture-format.js';
import { replayFixtureStages } from '../test/support/staged-replay.js';

/** A port no family lists, as an unlisted port a sweep covers. */
const UNLISTED_PORT = 47123;

const { positionals: familyIds } = parseArgs({ allowPositionals: true });
const unknown = familyIds.filter((id) => !catalog.some((fingerprint) => fingerprint.id === id));
if (familyIds.length === 0 || unknown.length > 0) {
  console.error(unknown.length > 0 ? `not in the catalog: ${unknown.join(', ')}` : 'usage: npx tsx scripts/sweep-cost.ts FAMILY_ID [FAMILY_ID…]');
  process.exit(2);
}
if (catalog.some((fingerprint) => servesPort(fingerprint, UNLISTED_PORT))) {
  throw new Error(`port ${UNLISTED_PORT} is listed by a family now: pick another unlisted port`);
}
const without: readonly Fingerprint[] = catalog.filter((fingerprint) => !familyIds.includes(fingerprint.id));

const verdictOf = (result: Classification): string =>
  `${result.verdict}${result.fingerprint === undefined ? '' : ` ${result.fingerprint.id}`}${result.version === undefined ? '' : ` ${result.version}`}`;

interface Cost {
  readonly where: string;
  readonly addedHttp: string[];
  readonly addedOther: string[];
  readonly removed: string[];
  readonly verdictBefore: string;
  readonly verdictAfter: string;
}

/** A raw TCP or gRPC request's key, sent in the first asking or the second. */
const rawKey = (key: string): boolean => /^(?:\(Host: \S+\) )?(?:TCP|gRPC) /.test(key);

const costs: Cost[] = [];
let replayed = 0;
for (const { family, name, fixture } of loadFixtures()) {
  if (familyIds.includes(family)) continue;
  for (const port of [fixture.port, UNLISTED_PORT]) {
    replayed += 1;
    // Both askings of a port refused by a Host policy (classify.ts rule 9), the second's requests marked as such.
    const sweep = (families: readonly Fingerprint[]) => {
      const sent = new Set<string>();
      const result = classifyFixture(families, { ...fixture, port }, (asked) => {
        const asking = replayFixtureStages(families, asked, 'sweep');
        const marked = asked.responses === fixture.responses ? '' : `(Host: ${asked.hostHeader ?? ''}) `;
        for (const key of asking.stages.flat()) sent.add(`${marked}${key}`);
        return asking;
      });
      return { sent, verdict: verdictOf(result) };
    };
    const after = sweep(catalog);
    const before = sweep(without);
    const added = [...after.sent].filter((key) => !before.sent.has(key));
    const cost: Cost = {
      where: `${family}/${name} on ${port}`,
      addedHttp: added.filter((key) => !rawKey(key)),
      addedOther: added.filter(rawKey),
      removed: [...before.sent].filter((key) => !after.sent.has(key)),
      verdictBefore: before.verdict,
      verdictAfter: after.verdict,
    };
    const changed = cost.addedHttp.length + cost.addedOther.length + cost.removed.length > 0 || cost.verdictBefore !== cost.verdictAfter;
    if (changed) costs.push(cost);
  }
}

for (const cost of costs) {
  console.log(cost.where);
  if (cost.verdictBefore !== cost.verdictAfter) console.log(`  verdict: ${cost.verdictBefore} -> ${cost.verdictAfter}`);
  for (const key of cost.addedHttp) console.log(`  + ${key}`);
  for (const key of cost.addedOther) console.log(`  + ${key} (raw TCP/gRPC: declined where HTTP answered, unless the port is listed for it)`);
  for (const key of cost.removed) console.log(`  - ${key}`);
}
const total = (pick: (cost: Cost) => readonly string[]): number => costs.reduce((sum, cost) => sum + pick(cost).length, 0);
const verdictChanges = costs.filter((cost) => cost.verdictBefore !== cost.verdictAfter).length;
console.log(
  `${replayed} sweeps replayed (each other fixture on its port and on ${UNLISTED_PORT}) with and without ${familyIds.join(', ')}: ` +
    `${total((cost) => cost.addedHttp)} HTTP requests added, ${total((cost) => cost.addedOther)} raw TCP/gRPC requests planned, ` +
    `${total((cost) => cost.removed)} requests no longer sent, ${verdictChanges} verdicts changed`,
);
process.exitCode = verdictChanges > 0 ? 1 : 0;
