/** `catalog [--json]`: the AI-service families the prober recognises; also the source of docs/catalog.md. */
import { parseArgs } from 'node:util';
import { answerIds, requestKey, requestsAndFollowUps } from '../../probe/catalog-plan.js';
import { catalog } from '../../probe/fingerprints/index.js';
import type { AnswerOf, Fingerprint } from '../../probe/fingerprints/types.js';
import { knownVulnerabilityData } from '../../probe/vulnerabilities/data.js';
import { EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { writeLine } from '../output.js';

export const catalogUsage = `Usage: ai-exposure-monitor catalog [--json]
  Lists the AI-service families the prober recognises: group, default ports, severity when open,
  how it tells open from auth-required, where the version comes from, known vulnerabilities, and
  which real server build it was verified against.`;

/** Category → the group name the catalog page and CLI print. */
const groupNames: Readonly<Record<Fingerprint['category'], string>> = {
  'model-server': 'model servers and gateways',
  gateway: 'model servers and gateways',
  notebook: 'notebooks and ML platforms',
  'ml-platform': 'notebooks and ML platforms',
  ui: 'UIs and apps',
  'agent-builder': 'agent and workflow builders',
  'vector-db': 'vector and search stores',
  mcp: 'agent protocols',
};

export interface CatalogRow {
  readonly id: string;
  readonly name: string;
  readonly group: string;
  readonly category: Fingerprint['category'];
  readonly defaultPorts: readonly number[];
  readonly severityWhenOpen: Fingerprint['severityWhenOpen'];
  /** What makes the verdict "unauthenticated". */
  readonly openSignal: string;
  /** What makes it "auth-required", or why the product has no auth switch. */
  readonly authSignal: string;
  /** The requests the version is read from (the first to state one), or null when the service does not reveal one. */
  readonly versionSource: readonly string[] | null;
  /** The requests whose answer names the models the service serves (kept as evidence), or null. */
  readonly modelsSource: readonly string[] | null;
  /** The requests whose answer names the tools anyone may call (follow-ups; kept as evidence), or null. */
  readonly toolsSource: readonly string[] | null;
  /** Ids of the family's entries in the known-vulnerability data (which versions: see the data file). */
  readonly knownVulnerabilities: readonly string[];
  /** Real server builds whose answers were recorded, or null when none could run here. */
  readonly verifiedAgainst: readonly string[] | null;
  /** Product versions whose source/docs the cited fixtures were transcribed from, or null. */
  readonly derivedFrom: readonly string[] | null;
  readonly references: readonly string[];
}

/** The keys of the requests an extractor reads (the family's, or follow-ups of them), in order, or null without one. */
function extractorSource(fingerprint: Fingerprint, extractor: { readonly on: AnswerOf } | undefined): readonly string[] | null {
  if (extractor === undefined) return null;
  const requests = requestsAndFollowUps(fingerprint);
  const keys = answerIds(extractor.on).flatMap((id) => requests.filter((r) => r.id === id).map(requestKey));
  return keys.length === 0 ? null : keys;
}

function authSignal(fingerprint: Fingerprint): string {
  if (fingerprint.authRequired !== undefined) return fingerprint.authRequired.why;
  return `no auth switch: ${fingerprint.noAuthReason ?? 'not stated'}`;
}

export function catalogRows(fingerprints: readonly Fingerprint[] = catalog): CatalogRow[] {
  return fingerprints.map((fp) => ({
    id: fp.id,
    name: fp.name,
    group: groupNames[fp.category],
    category: fp.category,
    defaultPorts: fp.defaultPorts,
    severityWhenOpen: fp.severityWhenOpen,
    openSignal: fp.noOpenReason === undefined ? fp.open.why : `never open by itself: ${fp.noOpenReason}`,
    authSignal: authSignal(fp),
    versionSource: extractorSource(fp, fp.extract?.version),
    modelsSource: extractorSource(fp, fp.extract?.models),
    toolsSource: extractorSource(fp, fp.extract?.tools),
    // Every entry of the family, whatever the version: the page lists what the monitor can flag.
    knownVulnerabilities: knownVulnerabilityData.filter((v) => v.family === fp.id).map((v) => v.id),
    verifiedAgainst: fp.verifiedAgainst ?? null,
    derivedFrom: fp.derivedFrom ?? null,
    references: fp.references,
  }));
}

const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

const sourceCell = (source: readonly string[] | null): string => (source === null ? '—' : source.map((key) => `\`${cell(key)}\``).join(', else '));

/** The names a family's evidence lists, and the requests they are read from. */
const listedCell = (row: CatalogRow): string => {
  const sources = [
    ...(row.modelsSource === null ? [] : [`models: ${sourceCell(row.modelsSource)}`]),
    ...(row.toolsSource === null ? [] : [`tools: ${sourceCell(row.toolsSource)}`]),
  ];
  return sources.length === 0 ? '—' : sources.join('; ');
};

/** How a family's fixtures were proven: real builds first, else the cited source versions. */
function evidenceOf(row: CatalogRow): string {
  if (row.verifiedAgainst !== null) return row.verifiedAgainst.join('; ');
  if (row.derivedFrom !== null) return `source: ${row.derivedFrom.join('; ')}`;
  return 'not verified';
}

/** docs/catalog.md, generated by scripts/generate-catalog.ts; a test fails when the file is stale. */
export function catalogMarkdown(rows: readonly CatalogRow[] = catalogRows()): string {
  const verified = rows.filter((row) => row.verifiedAgainst !== null).length;
  const derived = rows.filter((row) => row.verifiedAgainst === null && row.derivedFrom !== null).length;
  const lines = [
    '# Fingerprint catalog',
    '',
    '<!-- Generated by `npx tsx scripts/generate-catalog.ts` from lambdas/probe/fingerprints and lambdas/probe/vulnerabilities. Do not edit by hand. -->',
    '',
    `${rows.length} families: ${verified} verified against a real server (its recorded answers; most also start in the test run), ${derived} by fixtures transcribed from the product's source or docs at a stated version (each response cited), ${rows.length - verified - derived} not verified.`,
    '',
  ];
  for (const group of [...new Set(rows.map((row) => row.group))]) {
    lines.push(`## ${group[0]!.toUpperCase()}${group.slice(1)}`, '');
    lines.push('| family | ports | open when | auth signal | version from | names listed from | known vulnerabilities | verified against |');
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const row of rows.filter((r) => r.group === group)) {
      lines.push(
        `| ${cell(row.name)} (\`${row.id}\`, ${row.severityWhenOpen}) | ${row.defaultPorts.join(', ')} | ${cell(row.openSignal)} | ${cell(row.authSignal)} | ${sourceCell(row.versionSource)} | ${listedCell(row)} | ${row.knownVulnerabilities.length === 0 ? '—' : row.knownVulnerabilities.join(', ')} | ${cell(evidenceOf(row))} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

const sourceText = (source: readonly string[] | null): string => (source === null ? '-' : source.join(' else '));

export async function catalogCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...argv], strict: true, options: { json: { type: 'boolean', default: false } } });
  const rows = catalogRows();
  if (values.json) writeLine(io.stdout, JSON.stringify(rows, null, 2));
  else {
    for (const row of rows) {
      const vulns = row.knownVulnerabilities.length === 0 ? '' : ` vulns=${row.knownVulnerabilities.join(',')}`;
      const verified = row.verifiedAgainst !== null ? `real:${row.verifiedAgainst.join(';')}` : row.derivedFrom !== null ? `source:${row.derivedFrom.join(';')}` : 'none';
      writeLine(
        io.stdout,
        `${row.id.padEnd(24)} ${row.group.padEnd(28)} ports ${row.defaultPorts.join(',').padEnd(12)} open=${row.severityWhenOpen.padEnd(8)} version=${sourceText(row.versionSource)}${row.modelsSource === null ? '' : ` models=${sourceText(row.modelsSource)}`}${row.toolsSource === null ? '' : ` tools=${sourceText(row.toolsSource)}`} verified=${verified}${vulns}`,
      );
      writeLine(io.stdout, `${''.padEnd(24)} auth: ${row.authSignal}`);
    }
  }
  return EXIT.clean;
}
