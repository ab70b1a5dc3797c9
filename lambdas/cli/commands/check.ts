/**
 * `check <host:port>… [--targets FILE] [--json] [--allow-private]`:
 * probes given addresses with no AWS at all, with the same engine and verdicts.
 */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { checkIpAddress } from '../../probe/address-safety.js';
import { catalog } from '../../probe/fingerprints/index.js';
import { createProber } from '../../probe/prober.js';
import { EXIT, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { checkJsonRow, formatCheckResults, writeLine } from '../output.js';
import { parseHostPort, parseTargetsFile, type CheckTarget } from '../targets.js';

export const checkUsage = `Usage: ai-exposure-monitor check <host:port>… [--targets FILE] [--json] [--allow-private]
  Probes the given addresses for exposed AI services. No AWS needed.
  --targets FILE    one host:port per line (# comments allowed)
  --json            print one JSON array of {address, port, verdict, service, version, evidence}
  --allow-private   lab use only: also probe private, loopback and link-local addresses
Exit: 0 nothing unauthenticated, 1 an unauthenticated AI service answered, 2 usage or runtime error.`;

/** A private or loopback literal is a user mistake, said up front (host names are checked after resolution). */
function refuseNonPublicLiterals(targets: readonly CheckTarget[], allowPrivate: boolean): void {
  for (const target of targets) {
    if (isIP(target.address) === 0) continue;
    const check = checkIpAddress(target.address, { allowPrivate });
    if (!check.ok) throw new UsageError(`refusing ${target.address}: ${check.reason}${allowPrivate ? '' : ' (--allow-private probes it, for lab use)'}`);
  }
}

export async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      targets: { type: 'string' },
      json: { type: 'boolean', default: false },
      'allow-private': { type: 'boolean', default: false },
    },
  });
  const targets: CheckTarget[] = positionals.map(parseHostPort);
  if (values.targets) {
    const content = await readFile(values.targets, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot read --targets ${values.targets}: ${error.code ?? error.message}`);
    });
    targets.push(...parseTargetsFile(content, values.targets));
  }
  if (targets.length === 0) throw new UsageError('check needs at least one host:port (or --targets FILE)');
  refuseNonPublicLiterals(targets, values['allow-private']);

  const prober = createProber({ catalog, allowPrivate: values['allow-private'] });
  const results = await prober.probe(targets.map((t, i) => ({ targetId: `check/${i}/${t.address}/${t.port}`, ...t })));
  if (values.json) writeLine(io.stdout, JSON.stringify(results.map(checkJsonRow), null, 2));
  else writeLine(io.stdout, formatCheckResults(results));
  return results.some((r) => r.verdict === 'unauthenticated') ? EXIT.unauthenticatedFound : EXIT.clean;
}
