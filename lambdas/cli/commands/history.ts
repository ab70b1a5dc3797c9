/**
 * `history [--target ID | --resource ID | --scan ID] [--since ISO] [--until ISO] [--json]`:
 * what was exposed, when, for how long, with evidence — for auditors.
 */
import { parseArgs } from 'node:util';
import { exposureDuration, formatHostPort, namesListed } from '../../shared/model.js';
import { localStoreExists } from '../../state/local-store.js';
import type { HistoryEntry } from '../../state/store.js';
import { UsageError, EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { writeLine } from '../output.js';
import { defaultStoreDir, openStore } from '../store.js';

export const historyUsage = `Usage: ai-exposure-monitor history [--target ID | --resource ID | --scan ID] [--since ISO] [--until ISO] [--json]
                                  [--table NAME | --store DIR]
  Prints the exposure history (oldest first) from the local store, or from a DynamoDB table with --table.`;

const isoOrThrow = (flag: string, value: string | undefined): string | undefined => {
  if (value === undefined) return undefined;
  if (Number.isNaN(Date.parse(value))) throw new UsageError(`--${flag} "${value}" is not an ISO-8601 date/time`);
  return new Date(value).toISOString();
};

export function formatHistoryEntry(entry: HistoryEntry): string {
  if ('asset' in entry) {
    return `${entry.at}  ${entry.kind.padEnd(16)} ${entry.asset.kind} ${entry.asset.name} (${entry.asset.accountId} ${entry.asset.region}) scan ${entry.scanId}`;
  }
  const t = entry.target;
  const after = entry.after ? `${entry.after.verdict}${entry.after.service ? ` ${entry.after.service.name}` : ''}${entry.after.version ? ` ${entry.after.version}` : ''}` : '-';
  const before = entry.before ? `${entry.before.verdict}${entry.before.service ? ` ${entry.before.service.name}` : ''}` : '-';
  const duration = exposureDuration(entry.firstSeen, entry.at);
  const lasted =
    entry.firstSeen && (entry.kind === 'resolved' || entry.kind === 'resource-gone') ? `, exposed since ${entry.firstSeen}${duration ? ` (${duration})` : ''}` : '';
  const evidence = entry.result?.evidence.signals?.join('; ') ?? entry.result?.evidence.reason ?? '';
  const listed = entry.result === undefined ? [] : namesListed(entry.result.evidence);
  return [
    `${entry.at}  ${entry.kind.padEnd(16)} [${entry.severity.toUpperCase()}] ${formatHostPort(t.address, t.port)} ${t.resourceType} ${t.resourceId}${t.nameTag ? ` (${t.nameTag})` : ''} ${t.accountId} ${t.region}`,
    `    ${before} → ${after}; ${entry.why}${lasted}; scan ${entry.scanId}`,
    ...(entry.accepted && entry.kind !== 'accepted' ? [`    accepted until ${entry.accepted.until} (${entry.accepted.reason}): recorded, not alerted`] : []),
    ...(evidence ? [`    evidence: ${evidence}`] : []),
    ...listed.map(([label, names]) => `    ${label}: ${names}`),
  ].join('\n');
}

export async function historyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      target: { type: 'string' },
      resource: { type: 'string' },
      scan: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      json: { type: 'boolean', default: false },
      table: { type: 'string' },
      store: { type: 'string' },
    },
  });
  if ([values.target, values.resource].filter(Boolean).length > 1) throw new UsageError('give at most one of --target and --resource');
  const since = isoOrThrow('since', values.since);
  const until = isoOrThrow('until', values.until);
  const dir = values.store ?? defaultStoreDir(io.env);
  // Reading must not create: a mistyped --store would otherwise get a new, empty store that reads "no history".
  if (!values.table && !(await localStoreExists(dir))) {
    throw new UsageError(`no local store in ${dir}: nothing was scanned into it (give the --store DIR a scan wrote, or --table NAME for the deployed monitor's)`);
  }
  const opened = await openStore({ ...(values.table ? { table: values.table } : {}), dir });
  try {
    const query = values.target ? { targetId: values.target } : values.resource ? { resourceId: values.resource } : { since, until };
    const entries = (await opened.store.history(query)).filter((e) => !values.scan || e.scanId === values.scan);
    if (values.json) writeLine(io.stdout, JSON.stringify(entries, null, 2));
    else if (entries.length === 0) writeLine(io.stdout, `No history matches (${opened.location}).`);
    else writeLine(io.stdout, entries.map(formatHistoryEntry).join('\n'));
    return EXIT.clean;
  } finally {
    await opened.close();
  }
}
