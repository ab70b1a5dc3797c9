/** What the CLI prints: plain text for people, JSON for machines. */
import type { Writable } from 'node:stream';
import { formatHostPort, namesListed, SEVERITIES, VERDICTS, type ProbeResult, type ScanReport } from '../shared/model.js';

export interface CheckJsonRow {
  readonly address: string;
  readonly port: number;
  readonly verdict: ProbeResult['verdict'];
  readonly service: string | null;
  readonly version: string | null;
  readonly evidence: ProbeResult['evidence'];
}

export const checkJsonRow = (result: ProbeResult): CheckJsonRow => ({
  address: result.address,
  port: result.port,
  verdict: result.verdict,
  service: result.service?.name ?? null,
  version: result.version ?? null,
  evidence: result.evidence,
});


/** One line per target (and one more for each list of names it gave: models, tools); worst first is the caller's choice, this keeps input order. */
export function formatCheckResults(results: readonly ProbeResult[]): string {
  return results
    .map((r) => {
      const what = r.service ? `${r.service.name}${r.version ? ` ${r.version}` : ''}` : '';
      const severity = r.severity ? ` [${r.severity.toUpperCase()}]` : '';
      const why = r.evidence.signals?.[0] ?? r.evidence.reason ?? '';
      const line = `${formatHostPort(r.address, r.port).padEnd(28)} ${r.verdict.padEnd(16)}${severity} ${what}${why ? ` — ${why}` : ''}`.trimEnd();
      return [line, ...namesListed(r.evidence).map(([label, names]) => `${''.padEnd(29)}${label}: ${names}`)].join('\n');
    })
    .join('\n');
}

type CurrentExposure = ScanReport['currentExposures'][number];

/** Worst first: severity, then unauthenticated before auth-required, then the longest open; the target id settles ties. */
const worstFirst = (a: CurrentExposure, b: CurrentExposure): number =>
  severityRank(a) - severityRank(b) ||
  VERDICTS.indexOf(a.snapshot.verdict) - VERDICTS.indexOf(b.snapshot.verdict) ||
  a.firstSeen.localeCompare(b.firstSeen) ||
  a.target.targetId.localeCompare(b.target.targetId);
const severityRank = ({ snapshot }: CurrentExposure): number => (snapshot.severity === undefined ? SEVERITIES.length : SEVERITIES.indexOf(snapshot.severity));

export function formatCurrentExposures(report: Pick<ScanReport, 'currentExposures'>): string {
  if (report.currentExposures.length === 0) return 'No AI service is currently exposed to the internet.';
  const lines = [...report.currentExposures].sort(worstFirst).map(({ target, snapshot, firstSeen, accepted }) => {
    const service = snapshot.service ? `${snapshot.service.name}${snapshot.version ? ` ${snapshot.version}` : ''}` : 'unknown service';
    const where = `${target.accountId} ${target.region} ${target.resourceId}${target.nameTag ? ` (${target.nameTag})` : ''}`;
    const exposure = `  ${(snapshot.severity ?? '').toUpperCase().padEnd(8)} ${snapshot.verdict.padEnd(15)} ${service} on ${formatHostPort(target.address, target.port)} — ${where}, since ${firstSeen}`;
    return accepted ? `${exposure}\n${''.padEnd(27)}accepted until ${accepted.until}: ${accepted.reason}` : exposure;
  });
  return [`Currently exposed (${report.currentExposures.length}):`, ...lines].join('\n');
}

export const writeLine = (stream: Writable, text: string): void => {
  stream.write(`${text}\n`);
};
