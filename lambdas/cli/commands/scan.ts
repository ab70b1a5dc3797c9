/**
 * `scan`: the monitor's whole pipeline in this process, with the user's own
 * AWS credentials, storing state locally (or in a named table).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { publishAlert } from '../../alert/publish.js';
import { historyOfScanCommand } from '../../shared/cli-commands.js';
import { awsScopeLister, callerAccountId, candidatePortsOf, resolveRegions, scopeClientFactory } from '../../pipeline/aws-wiring.js';
import { runScan, type ScanProgress } from '../../pipeline/run-scan.js';
import { catalog } from '../../probe/fingerprints/index.js';
import { createProber } from '../../probe/prober.js';
import { DEFAULT_BATCH_SIZE } from '../../shared/runtime-config.js';
import { EXIT, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { formatCurrentExposures, writeLine } from '../output.js';
import { defaultStoreDir, openStore } from '../store.js';
import type { ReconcileResult } from '../../pipeline/stages.js';
import { listedInPart, type ScanReport } from '../../shared/model.js';
import { acceptedExposuresSchema, type AcceptedExposure } from '../../state/acceptance.js';

export const scanUsage = `Usage: ai-exposure-monitor scan [--regions r1,r2] [--accounts id1,id2 --role NAME] [--extra-ports p1,p2]
                               [--accepted FILE] [--table NAME | --store DIR] [--topic ARN]
  Lists your AWS resources, probes their public addresses for AI services, and reports what changed.
  Uses your AWS credentials (the default chain: env, profile, SSO…). Only describe/list calls are made.
  --regions      default: every region enabled for the account
  --accounts     other accounts to scan through the read-only role --role (see the deploy guide)
  --extra-ports  ports probed in addition to the catalog's defaults inside wide security-group ranges
  --accepted     accepted exposures, recorded but not alerted until each lapses: a JSON file of the list,
                 or the deploy config file whose acceptedExposures it reads
  --table        keep state in this DynamoDB table instead of the local store (${'~'}/.ai-exposure-monitor)
  --topic        also publish the alert to this SNS topic
Exit: 0 nothing unauthenticated is exposed, 1 an unauthenticated AI service is exposed (and not accepted),
      2 error, or a scope could not be listed (the scan is incomplete, so it cannot say "clean").`;

const commaList = (flag: string, value: string | undefined, pattern: RegExp, what: string): string[] | undefined => {
  if (value === undefined) return undefined;
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.find((item) => !pattern.test(item));
  if (bad !== undefined || items.length === 0) throw new UsageError(`--${flag}: "${bad ?? value}" is not ${what}`);
  return items;
};

export async function scanCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      regions: { type: 'string' },
      accounts: { type: 'string' },
      role: { type: 'string' },
      'extra-ports': { type: 'string' },
      table: { type: 'string' },
      store: { type: 'string' },
      topic: { type: 'string' },
      accepted: { type: 'string' },
    },
  });
  const regions = commaList('regions', values.regions, /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1');
  const accounts = commaList('accounts', values.accounts, /^\d{12}$/, 'a 12-digit account id') ?? [];
  if (accounts.length > 0 && !values.role) throw new UsageError('--accounts needs --role (the read-only role name in those accounts)');
  const extraPorts = (commaList('extra-ports', values['extra-ports'], /^\d{1,5}$/, 'a port number') ?? []).map(Number);
  const badPort = extraPorts.find((p) => p < 1 || p > 65_535);
  if (badPort !== undefined) throw new UsageError(`--extra-ports: ${badPort} is not a port (1–65535)`);
  const acceptedExposures = values.accepted === undefined ? [] : await readAcceptedExposures(values.accepted);

  const home = await callerAccountId(new STSClient({})).catch((error: Error) => {
    throw new UsageError(`no usable AWS credentials (${error.message}); configure them, or try "ai-exposure-monitor demo"`);
  });
  const scanRegions = regions ?? (await resolveRegions('all', new EC2Client({})));
  const clientsFor = scopeClientFactory({ homeAccountId: home, ...(values.role ? { crossAccountRoleName: values.role } : {}) });
  const sns = values.topic ? new SNSClient({}) : undefined;
  const topic = values.topic;

  const opened = await openStore({ ...(values.table ? { table: values.table } : {}), dir: values.store ?? defaultStoreDir(io.env) });
  try {
    const result = await runScan(
      {
        store: opened.store,
        listScope: awsScopeLister(clientsFor, candidatePortsOf(catalog, extraPorts)),
        batchSize: DEFAULT_BATCH_SIZE,
        prober: createProber({ catalog }),
        now: () => new Date(),
        listAllCommand: historyOfScanCommand,
        acceptedExposures,
        ...(sns && topic ? { publish: (message) => publishAlert(sns, topic, message) } : {}),
      },
      { accounts: [home, ...accounts.filter((a) => a !== home)], regions: scanRegions, onProgress: progressPrinter(io) },
    );
    printScanResult(io, result, opened.location);
    const exit = scanExitCode(result.report);
    if (exit === EXIT.error) writeLine(io.stderr, 'ai-exposure-monitor scan: some scopes were not scanned, whole or in part, so the estate cannot be called clean');
    return exit;
  } finally {
    await opened.close();
  }
}

/** The --accepted file, checked as `cdk synth` checks the config's list: a bad rule names its place and field. */
export async function readAcceptedExposures(path: string): Promise<AcceptedExposure[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--accepted: cannot read ${path} (${(error as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--accepted: ${path} is not valid JSON (${(error as Error).message})`);
  }
  // The deploy config file (monitor.json) holds the list under its own name; a file of the list alone works too.
  const list = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'acceptedExposures' in raw ? raw.acceptedExposures : raw;
  const parsed = acceptedExposuresSchema(catalog.map((fingerprint) => fingerprint.id)).safeParse(list);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const [index, ...field] = issue.path.map(String);
    const where = index === undefined ? 'the file' : `entry ${Number(index) + 1}${field.length > 0 ? ` field ${field.join('.')}` : ''}`;
    return `${where}: ${issue.message}`;
  });
  throw new UsageError(`--accepted: ${path}: ${problems.join('; ')}`);
}

/**
 * 1 while anything unauthenticated (and not accepted) is exposed; otherwise 2 if a scope could not be listed, whole or in
 * part (an incomplete scan must not read as clean to a CI job); else 0.
 */
export function scanExitCode(report: Pick<ScanReport, 'scopes' | 'currentExposures'>): number {
  if (report.currentExposures.some((e) => e.snapshot.verdict === 'unauthenticated' && !e.accepted)) return EXIT.unauthenticatedFound;
  return report.scopes.some((s) => !s.ok || listedInPart(s)) ? EXIT.error : EXIT.clean;
}

/** Scope lines always (stderr); a live probe counter only on a terminal. */
export function progressPrinter(io: CliIo): (progress: ScanProgress) => void {
  let probed = 0;
  return (progress) => {
    if (progress.stage === 'inventory') {
      const { scope } = progress;
      writeLine(io.stderr, progress.ok ? `listed ${scope.accountId} ${scope.region}: ${progress.targets} target(s)` : `NOT SCANNED ${scope.accountId} ${scope.region}: ${progress.error}`);
      for (const part of progress.unlisted ?? []) writeLine(io.stderr, `NOT LISTED in ${scope.accountId} ${scope.region}: ${part}`);
    } else if (progress.stage === 'probe') {
      probed += 1;
      if (io.interactive) io.stderr.write(`\rprobed ${probed} target(s)…`);
    } else if (io.interactive && probed > 0) {
      io.stderr.write('\n');
    }
  };
}

export function printScanResult(io: CliIo, result: ReconcileResult, location: string): void {
  const { report, alert } = result;
  const failed = report.scopes.filter((s) => !s.ok).length;
  const partly = report.scopes.filter(listedInPart).length;
  const scanned = `${report.scopes.length - failed}/${report.scopes.length} scope(s) scanned${partly ? ` (${partly} in part)` : ''}`;
  writeLine(io.stdout, `Scan ${report.scanId}: ${scanned}, ${report.changes.length} change(s). State: ${location}.`);
  const acceptedOnly = report.changes.filter((change) => change.accepted).length;
  if (alert) writeLine(io.stdout, `\n${alert.subject}\n\n${alert.body}`);
  else if (acceptedOnly > 0) writeLine(io.stdout, `No alert: the ${acceptedOnly === 1 ? 'change is' : `${acceptedOnly} changes are`} of accepted exposures (history only).`);
  else writeLine(io.stdout, 'No change in exposure since the last scan.');
  writeLine(io.stdout, `\n${formatCurrentExposures(report)}`);
}
