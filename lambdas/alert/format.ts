/**
 * Turns a scan report into one SNS message for on-call engineers: a subject
 * naming the worst change, a plain-text body (what, where, how bad, what to do)
 * and message attributes for subscription filter policies. Pure.
 *
 * Decisions:
 * - No exposure change, no message. Asset changes alone never page, and a
 *   scan whose only news is failed scopes sends nothing either (the stack's
 *   scopes-not-scanned alarm pages when they persist); failed scopes are named
 *   as "NOT scanned" in every alert that is sent.
 * - Changes of accepted exposures (`accepted` set) are history, not news:
 *   counted in the header, never listed, and alone they send nothing. An
 *   acceptance that ends on an open exposure is news (`acceptance-ended`), and
 *   so, once, is one about to end (`acceptance-ending`, low): its first steps
 *   are renewing the acceptance or closing the exposure before it pages.
 * - Order of badness: anything that needs action (opened, acceptance ended,
 *   auth changed, service changed) before any resolution, then severity, then
 *   kind (opened / acceptance ended / auth removed, service changed, auth now
 *   required; resolved, resource gone), then target id so the order is stable. A resolution never
 *   heads the subject while something new is exposed, whatever its severity:
 *   the subject must name what needs action.
 * - "What to do now" follows the header, before the change blocks: on a phone
 *   the first screen must say what to do, not the hundredth.
 * - One message whatever the size: changes in that order in full while they
 *   fit in two thirds of the room, then one line each, then only counted, with
 *   the command that lists them all. Every field is capped, so the worst change
 *   always fits in full.
 */
import {
  SEVERITIES,
  bySeverity,
  exposureDuration,
  formatHostPort,
  namesListed,
  sameServerNamed,
  scopeKey,
  type ExposureChange,
  type ExposureChangeKind,
  type ExposureSnapshot,
  type ProbeTarget,
  type ScanReport,
  type Verdict,
} from '../shared/model.js';
import { AlertError, AlertOptionsError } from './errors.js';
import { clip, safeField, toAscii, utf8Bytes, wrap } from '../shared/plain-text.js';

export interface AlertMessage {
  /** At most `MAX_SUBJECT_CHARS` printable ASCII characters. */
  subject: string;
  /** Plain text; with subject and attributes at most `maxBodyBytes` UTF-8 bytes. */
  body: string;
  attributes: Record<string, { DataType: 'String' | 'String.Array' | 'Number'; StringValue: string }>;
}

export interface AlertOptions {
  /** The CLI command that lists every change of this scan, printed when the body is truncated, e.g. "npx ai-exposure-monitor history --scan <id>". */
  listAllCommand: string;
  /**
   * Cap on the UTF-8 bytes of body + subject + attributes (names, types and
   * values), which SNS counts together against its 256 KiB limit.
   * @default DEFAULT_MAX_BODY_BYTES (240 KiB)
   */
  maxBodyBytes?: number;
}

/** SNS documents subjects as "less than 100 characters"; one character buys certainty. */
export const MAX_SUBJECT_CHARS = 99;
/** 16 KiB under SNS's 256 KiB. */
export const DEFAULT_MAX_BODY_BYTES = 240 * 1024;
/** Room for the header, the attributes and the worst change in full, with every field at its cap. */
export const MIN_MAX_BODY_BYTES = 32 * 1024;
const SNS_MAX_MESSAGE_BYTES = 256 * 1024;
const LINE_WIDTH = 96;
/** SNS filter policies compare each value; beyond this many accounts/regions the worst-ranked ones are kept. */
export const MAX_ATTRIBUTE_VALUES = 100;

/** Character caps for untrusted fields; they bound every block so the worst change always fits. */
const CAP = {
  attributeValue: 64,
  nameTag: 128,
  resourceId: 256,
  service: 80,
  version: 40,
  reason: 300,
  why: 300,
  remediation: 400,
  excerpt: 400,
  evidenceLine: 200,
  evidenceLines: 8,
  contextEntries: 8,
  contextEntry: 160,
  scopeError: 200,
  scopesListed: 10,
  time: 40,
  listAllCommand: 300,
  lineField: 60,
  vulnerabilities: 5,
  vulnerability: 300,
} as const;

/** "    Reached via: ": labels are padded so values line up. */
const BLOCK_LABEL_WIDTH = 17;
const KIND_ORDER: readonly ExposureChangeKind[] = ['opened', 'acceptance-ended', 'auth-changed', 'service-changed', 'acceptance-ending', 'resolved', 'resource-gone', 'accepted'];

export function formatAlert(report: ScanReport, options: AlertOptions): AlertMessage | undefined {
  const maxBytes = checkedMaxBytes(options.maxBodyBytes);
  const paged = report.changes.filter((change) => !change.accepted);
  if (paged.length === 0) return undefined;
  const ranked = rankChanges(paged);
  const worst = ranked[0]!;
  const subject = renderSubject(worst, ranked.length);
  const attributes = renderAttributes(report, ranked, worst);
  const attributeBytes = Object.entries(attributes).reduce(
    (sum, [name, value]) => sum + utf8Bytes(name) + utf8Bytes(value.DataType) + utf8Bytes(value.StringValue),
    0,
  );
  const body = renderBody(report, ranked, safeField(options.listAllCommand, CAP.listAllCommand), maxBytes - attributeBytes - utf8Bytes(subject));
  return { subject, body, attributes };
}

function checkedMaxBytes(maxBodyBytes: number | undefined): number {
  const value = maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isInteger(value) || value < MIN_MAX_BODY_BYTES || value > SNS_MAX_MESSAGE_BYTES) {
    throw new AlertOptionsError(
      `maxBodyBytes must be an integer from ${MIN_MAX_BODY_BYTES} to ${SNS_MAX_MESSAGE_BYTES} (SNS's limit), got ${String(maxBodyBytes)}`,
    );
  }
  return value;
}

// ── Ranking ────────────────────────────────────────────────────────────────

const isResolution = (change: ExposureChange): boolean => change.kind === 'resolved' || change.kind === 'resource-gone';

function kindRank(change: ExposureChange): number {
  switch (change.kind) {
    case 'opened':
    case 'acceptance-ended':
      return 0;
    case 'auth-changed':
      return change.after?.verdict === 'unauthenticated' ? 0 : 2;
    case 'service-changed':
      return 1;
    case 'acceptance-ending':
      return 2;
    case 'resolved':
      return 3;
    case 'resource-gone':
      return 4;
    case 'accepted':
      return 5;
  }
}

/** Worst first; see the module comment for the order. */
export function rankChanges(changes: readonly ExposureChange[]): ExposureChange[] {
  return [...changes].sort(
    (a, b) =>
      Number(isResolution(a)) - Number(isResolution(b)) ||
      bySeverity(a.severity, b.severity) ||
      kindRank(a) - kindRank(b) ||
      (a.target.targetId < b.target.targetId ? -1 : a.target.targetId > b.target.targetId ? 1 : 0),
  );
}

// ── Facts of one change ────────────────────────────────────────────────────

/** The state a change is about: the new one, or for a resolution the exposure that ended. */
function stateOf(change: ExposureChange): ExposureSnapshot | undefined {
  if (isResolution(change)) return change.before;
  if (change.after) return change.after;
  const result = change.result;
  return result && { verdict: result.verdict, service: result.service, severity: result.severity, version: result.version };
}

const UNIDENTIFIED_SERVICE = 'unidentified service';
const serviceNameOf = (snapshot: ExposureSnapshot | undefined): string => snapshot?.service?.name ?? UNIDENTIFIED_SERVICE;

function serviceWithVersion(snapshot: ExposureSnapshot | undefined): string {
  const name = safeField(serviceNameOf(snapshot), CAP.service);
  return snapshot?.version ? `${name} ${safeField(snapshot.version, CAP.version)}` : name;
}

const VERDICT_WORDS: Record<Verdict, string> = {
  unauthenticated: 'unauthenticated (answered without credentials)',
  'auth-required': 'auth-required (demanded credentials)',
  'not-ai': 'not-ai (port open, no AI service answers)',
  closed: 'closed (port refused the connection)',
  unreachable: 'unreachable (no answer)',
  error: 'error (the probe failed)',
};

function kindInWords(change: ExposureChange): string {
  switch (change.kind) {
    case 'opened':
      return 'new exposure';
    case 'auth-changed':
      return change.after?.verdict === 'unauthenticated' ? 'authentication removed' : 'authentication now required';
    case 'service-changed': {
      const sameServer = sameServerNamed(change.before, change.result);
      return sameServer === undefined ? 'different service answers' : `same server named ${sameServer}, and worse`;
    }
    case 'resolved':
      return 'no longer exposed';
    case 'resource-gone':
      return 'resource deleted';
    case 'acceptance-ended':
      return 'acceptance ended, still exposed';
    case 'acceptance-ending':
      return 'acceptance ends soon, still exposed';
    case 'accepted':
      return 'accepted, not paged';
  }
}

const addressOf = (target: ProbeTarget): string => formatHostPort(target.address, target.port);

const remediationOf = (change: ExposureChange): string | undefined => change.remediation ?? change.result?.remediation;

// ── Subject ────────────────────────────────────────────────────────────────

/** "unauthenticated Ollama", plus a qualifier such as " (was auth-required)", both ASCII. */
function subjectPhrase(change: ExposureChange): { what: string; qualifier: string } {
  const state = stateOf(change);
  const service = toAscii(clip(serviceNameOf(state), CAP.service));
  const adjective = state?.verdict === 'unauthenticated' || state?.verdict === 'auth-required' ? state.verdict : undefined;
  const exposed = adjective ? `${adjective} ${service}` : `${service} exposed`;
  switch (change.kind) {
    case 'opened':
      return { what: exposed, qualifier: '' };
    case 'auth-changed':
      return { what: exposed, qualifier: change.before ? ` (was ${change.before.verdict})` : '' };
    case 'service-changed':
      return { what: exposed, qualifier: change.before?.service ? ` (was ${toAscii(clip(change.before.service.name, CAP.service))})` : '' };
    case 'resolved':
      return { what: `${service} no longer exposed`, qualifier: '' };
    case 'resource-gone':
      return { what: `${service} gone`, qualifier: ' (resource deleted)' };
    case 'acceptance-ended':
      return { what: exposed, qualifier: ' (acceptance ended)' };
    case 'acceptance-ending':
      return { what: exposed, qualifier: ` (acceptance ends ${change.acceptanceEnding ? toAscii(clip(change.acceptanceEnding.until, CAP.time)) : 'soon'})` };
    case 'accepted':
      return { what: exposed, qualifier: ' (accepted)' };
  }
}

/** " (i-0abc, prod-gpu)", shortened (tag first, then id) or dropped to fit `room` characters. */
function fitResource(resourceId: string, nameTag: string | undefined, room: number): string {
  const candidates = [
    nameTag ? ` (${resourceId}, ${nameTag})` : undefined,
    nameTag && room - resourceId.length - 5 >= 6 ? ` (${resourceId}, ${clip(nameTag, room - resourceId.length - 5)})` : undefined,
    ` (${resourceId})`,
    room - 3 >= 8 ? ` (${clip(resourceId, room - 3)})` : undefined,
  ];
  return candidates.find((candidate): candidate is string => candidate !== undefined && candidate.length <= room) ?? '';
}

/** Keeps both ends (the port is at the end), e.g. "my-alb-123...amazonaws.com:443". */
function clipMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const kept = Math.max(0, maxChars - 3);
  return `${text.slice(0, Math.ceil(kept / 2))}...${text.slice(text.length - Math.floor(kept / 2))}`;
}

function renderSubject(worst: ExposureChange, changeCount: number): string {
  const prefix = `${isResolution(worst) ? 'RESOLVED' : worst.severity.toUpperCase()}: `;
  const { what, qualifier } = subjectPhrase(worst);
  const where = toAscii(addressOf(worst.target));
  const resourceId = toAscii(clip(worst.target.resourceId, CAP.resourceId));
  const nameTag = worst.target.nameTag ? toAscii(clip(worst.target.nameTag, CAP.nameTag)) : undefined;
  const more = changeCount > 1 ? ` +${changeCount - 1} more` : '';

  // Give up, in order: the Name tag, the resource id, the qualifier; then shorten service and address.
  for (const core of [`${prefix}${what}${qualifier} on ${where}`, `${prefix}${what} on ${where}`]) {
    const room = MAX_SUBJECT_CHARS - core.length - more.length;
    if (room >= 0) return core + fitResource(resourceId, nameTag, room) + more;
  }
  const room = MAX_SUBJECT_CHARS - prefix.length - ' on '.length - more.length;
  const whereMax = Math.max(room - what.length, Math.ceil(room / 2));
  const whatMax = room - Math.min(where.length, whereMax);
  return clip(`${prefix}${clip(what, whatMax)} on ${clipMiddle(where, whereMax)}${more}`, MAX_SUBJECT_CHARS);
}

// ── Attributes ─────────────────────────────────────────────────────────────

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function renderAttributes(report: ScanReport, ranked: readonly ExposureChange[], worst: ExposureChange): AlertMessage['attributes'] {
  const present = <T extends string>(order: readonly T[], values: readonly T[]) => order.filter((value) => values.includes(value));
  const stringArray = (values: readonly string[]) => ({ DataType: 'String.Array' as const, StringValue: JSON.stringify(values) });
  const capped = (values: readonly string[]) =>
    distinct(values.map((value) => safeField(value, CAP.attributeValue))).slice(0, MAX_ATTRIBUTE_VALUES);
  return {
    severity: { DataType: 'String', StringValue: worst.severity },
    severities: stringArray(present(SEVERITIES, ranked.map((change) => change.severity))),
    changeKinds: stringArray(present(KIND_ORDER, ranked.map((change) => change.kind))),
    accounts: stringArray(capped(ranked.map((change) => change.target.accountId))),
    regions: stringArray(capped(ranked.map((change) => change.target.region))),
    scanId: { DataType: 'String', StringValue: safeField(report.scanId, CAP.attributeValue) },
    changeCount: { DataType: 'Number', StringValue: String(ranked.length) },
  };
}

// ── Body ───────────────────────────────────────────────────────────────────

/** "critical 2, high 1": only severities present, worst first. */
function severityCounts(changes: readonly ExposureChange[]): string {
  return SEVERITIES.map((severity) => [severity, changes.filter((change) => change.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${severity} ${count}`)
    .join(', ');
}

function kindCounts(changes: readonly ExposureChange[]): string {
  const counts = new Map<string, number>();
  for (const change of changes) counts.set(kindInWords(change), (counts.get(kindInWords(change)) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${kind} ${count}`).join(', ');
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

function renderHeader(report: ScanReport, ranked: readonly ExposureChange[]): string[] {
  const scanned = report.scopes.filter((scope) => scope.ok);
  const failed = report.scopes.filter((scope) => !scope.ok);
  const targets = scanned.reduce((sum, scope) => sum + scope.targets, 0);
  const accepted = report.changes.length - ranked.length;
  const listed = (scopes: typeof report.scopes) => {
    const names = scopes.slice(0, CAP.scopesListed).map((scope) => safeField(scopeKey(scope.scope), CAP.lineField));
    return scopes.length > CAP.scopesListed ? [...names, `+${scopes.length - CAP.scopesListed} more`] : names;
  };
  const lines = [
    ...wrap('AI exposure monitor, scan ', safeField(report.scanId, CAP.lineField), LINE_WIDTH),
    ...wrap('Time:         ', `${safeField(report.startedAt, CAP.time)} to ${safeField(report.finishedAt, CAP.time)}`, LINE_WIDTH),
    ...wrap('Changes:      ', `${ranked.length} (${kindCounts(ranked)})`, LINE_WIDTH),
    ...wrap('Severity:     ', severityCounts(ranked), LINE_WIDTH),
    ...(accepted > 0 ? wrap('Accepted:     ', `${plural(accepted, 'change')} of accepted exposures, in history only (not listed here)`, LINE_WIDTH) : []),
    ...wrap(
      'Scanned:      ',
      `${plural(scanned.length, 'scope')}, ${plural(targets, 'target')}${scanned.length ? `: ${listed(scanned).join(', ')}` : ''}`,
      LINE_WIDTH,
    ),
  ];
  // A scope listed but for some parts (function URLs, say) names each part: what it would have found is unknown too.
  const missed = [
    ...failed.map((scope) => ({ where: scopeKey(scope.scope), error: scope.error ?? 'no error recorded' })),
    ...scanned.flatMap((scope) => (scope.unlisted ?? []).map((part) => ({ where: `${scopeKey(scope.scope)}, ${part.what}`, error: part.error }))),
  ];
  if (missed.length === 0) return [...lines, 'NOT scanned:  none'];
  const parts = missed.length - failed.length;
  const counted = [...(failed.length ? [plural(failed.length, 'scope')] : []), ...(parts ? [`${plural(parts, 'part')} of scanned scopes`] : [])].join(' and ');
  lines.push(...wrap('NOT scanned:  ', `${counted}; exposures there are unknown and none was resolved:`, LINE_WIDTH));
  for (const { where, error } of missed.slice(0, CAP.scopesListed)) {
    lines.push(...wrap('  - ', `${safeField(where, CAP.lineField)}: ${safeField(error, CAP.scopeError)}`, LINE_WIDTH));
  }
  if (missed.length > CAP.scopesListed) lines.push(`  - +${missed.length - CAP.scopesListed} more`);
  return lines;
}

/** How access from the internet is cut, by the kind of resource: the first step of what to do now. */
const HOW_TO_CUT_ACCESS: Readonly<Record<ProbeTarget['resourceType'], string>> = {
  'ec2-instance': 'revoke the security-group rule below',
  'network-interface': 'revoke the security-group rule below',
  'ecs-task': 'revoke the security-group rule below',
  'nat-gateway': 'revoke the security-group rule below',
  'sagemaker-endpoint': 'revoke the security-group rule below',
  elbv2: 'remove the listener, restrict the load balancer\'s security group, or make it internal',
  'elb-classic': 'remove the listener, restrict the load balancer\'s security group, or make it internal',
  'lambda-function': 'set the function URL\'s AuthType to AWS_IAM, or delete the URL',
  'apigateway-rest-api': 'require an authorizer (IAM, Cognito or Lambda) on its methods, or make the API private',
  'apigateway-http-api': 'attach an authorizer (JWT, IAM or Lambda) to its routes, or disable its execute-api endpoint',
  'cloudfront-distribution':
    'CloudFront passes requests through to the origin, so require credentials before it (an AWS WAF rule, signed URLs or cookies, a CloudFront Function), or disable the distribution',
  'agentcore-gateway': 'set the gateway\'s inbound authorization to CUSTOM_JWT or AWS_IAM (UpdateGateway), or delete it',
  'opensearch-domain':
    'replace the access policy\'s statements that allow Principal "*" with named IAM principals, or turn on fine-grained access control (a public domain cannot be moved into a VPC: only a new domain can be made there)',
};

function renderWhatToDo(worst: ExposureChange): string[] {
  const lines = ['WHAT TO DO NOW (change [1])'];
  if (isResolution(worst)) {
    lines.push(
      ...wrap(
        '  ',
        'Nothing new is exposed. Check that these closures were intended: a revoked rule or a deleted resource can come back with the next deployment.',
        LINE_WIDTH,
      ),
    );
    return lines;
  }
  let steps = 0;
  const step = (text: string) => lines.push(...wrap(`  ${(steps += 1)}. `, text, LINE_WIDTH));
  const target = worst.target;
  const state = stateOf(worst);
  const place = `${addressOf(target)} (${target.resourceType} ${target.resourceId}, account ${target.accountId}, ${target.region})`;
  const reachable = safeField(target.reason, CAP.reason);
  const fix = remediationOf(worst);
  if (worst.kind === 'acceptance-ending') {
    const until = worst.acceptanceEnding ? safeField(worst.acceptanceEnding.until, CAP.time) : 'its last day';
    const pagedAs = state?.verdict === 'unauthenticated' || state?.verdict === 'auth-required' ? ` as ${state.verdict}` : '';
    step(`Decide before ${until}, the last day of its acceptance (see Why): from the day after, this exposure is paged${pagedAs} again.`);
    step('To keep it as it is, accept it again in the monitor\'s acceptedExposures with a later until and a current reason.');
    step(safeField(`Otherwise cut internet access to ${place} before then: ${HOW_TO_CUT_ACCESS[target.resourceType]}.${fix ? ` Or fix the service: ${fix}` : ''}`, 900));
    return lines;
  }
  if (state?.verdict === 'unauthenticated') {
    step(safeField(`Cut internet access to ${place}: ${HOW_TO_CUT_ACCESS[target.resourceType]}. It is reachable because: ${reachable}`, 700));
    step(fix ? `Then fix the service: ${safeField(fix, CAP.remediation)}` : 'Then turn on the service\'s authentication before opening access again.');
    step(`It answered without credentials (first seen ${safeField(worst.firstSeen ?? worst.at, CAP.time)}): check its logs for use you do not recognise.`);
  } else {
    const service = safeField(serviceNameOf(state), CAP.service);
    step(safeField(`Confirm that ${service} on ${place} is meant to be reachable from the internet (${reachable}); if not, cut access.`, 700));
    if (fix) step(`Fix: ${safeField(fix, CAP.remediation)}`);
  }
  if (worst.kind === 'acceptance-ended') {
    step('Its acceptance ended (see Why). If it must stay as it is, accept it again in the monitor\'s acceptedExposures with a new until; else act as above.');
  }
  return lines;
}

function evidenceLines(change: ExposureChange): string[] {
  const result = change.result;
  if (!result) return ['none: the target left the inventory, so it was not probed again'];
  const evidence = result.evidence;
  const lines = [
    ...(evidence.requests ?? []).slice(0, CAP.evidenceLines).map((request) => `request: ${safeField(request, CAP.evidenceLine)}`),
    ...(evidence.signals ?? []).slice(0, CAP.evidenceLines).map((signal) => `signal: ${safeField(signal, CAP.evidenceLine)}`),
  ];
  for (const [label, names] of namesListed(evidence)) lines.push(`${label}: ${safeField(names, CAP.evidenceLine)}`);
  if (evidence.excerpt) lines.push(`excerpt: "${safeField(evidence.excerpt, CAP.excerpt)}"`);
  if (evidence.tls) {
    const tls = evidence.tls;
    const facts = [
      tls.subject && `subject ${tls.subject}`,
      tls.issuer && `issuer ${tls.issuer}`,
      tls.validTo && `valid to ${tls.validTo}`,
      tls.selfSigned && 'self-signed',
      tls.authorized === false && 'not trusted',
      tls.error && `error ${tls.error}`,
    ].filter((fact): fact is string => typeof fact === 'string');
    if (facts.length > 0) lines.push(`TLS: ${safeField(facts.join(', '), CAP.evidenceLine)}`);
  }
  if (evidence.reason) lines.push(`probe: ${safeField(evidence.reason, CAP.evidenceLine)}`);
  if (result.partial) lines.push('probe: cut short by the scan deadline');
  return lines.length > 0 ? lines : ['none recorded'];
}

/** Why a resolved target was not probed: it left the inventory, deleted or no longer reachable (a revoked rule). */
const leftInventoryBecause = (change: ExposureChange): string =>
  change.kind === 'resource-gone' ? 'resource deleted' : 'no longer listed as reachable from the internet';

function renderChange(change: ExposureChange, index: number): string[] {
  const target = change.target;
  const state = stateOf(change);
  const lines = [`[${index}] ${change.severity.toUpperCase()}, ${kindInWords(change)}`];
  const field = (label: string, value: string) => lines.push(...wrap(`    ${label.padEnd(BLOCK_LABEL_WIDTH - 4)}`, value, LINE_WIDTH));

  const now = isResolution(change) ? (change.after?.verdict ?? change.result?.verdict) : state?.verdict;
  const nowInWords = now ? VERDICT_WORDS[now] : isResolution(change) ? `not probed (${leftInventoryBecause(change)})` : 'unknown';
  const serviceBefore = change.kind === 'service-changed' && change.before ? `; before: ${serviceWithVersion(change.before)}` : '';
  const family = state?.service ? ` [${safeField(state.service.category, CAP.lineField)}, family ${safeField(state.service.id, CAP.lineField)}]` : '';
  field('Service:', `${serviceWithVersion(state)}${family}${serviceBefore}`);
  const vulnerabilities = isResolution(change) ? [] : (change.result?.knownVulnerabilities ?? []).slice(0, CAP.vulnerabilities);
  vulnerabilities.forEach((v, i) =>
    field(
      i === 0 ? 'Vulnerable:' : '',
      safeField(`${v.id}${v.alias ? ` "${v.alias}"` : ''} (${v.severity}): ${v.summary}${v.fixedIn ? `; fixed in ${v.fixedIn}` : '; no fix'} — ${v.reference}`, CAP.vulnerability),
    ),
  );
  field('Verdict:', `${nowInWords}; before: ${change.before ? VERDICT_WORDS[change.before.verdict] : 'not exposed'}`);
  field('Where:', `account ${safeField(target.accountId, CAP.lineField)}, region ${safeField(target.region, CAP.lineField)}`);
  field('Resource:', `${target.resourceType} ${safeField(target.resourceId, CAP.resourceId)}`);
  field('Name tag:', target.nameTag ? safeField(target.nameTag, CAP.nameTag) : '(none)');
  field('Address:', `${safeField(addressOf(target), CAP.resourceId)}${change.result?.tls ? ' (TLS)' : ''}`);
  field('Reached via:', safeField(target.reason, CAP.reason));
  const context = Object.entries(target.context ?? {}).slice(0, CAP.contextEntries);
  if (context.length > 0) field('Context:', context.map(([key, value]) => safeField(`${key}=${value}`, CAP.contextEntry)).join('; '));
  field('Why:', safeField(change.why, CAP.why));
  const evidence = evidenceLines(change);
  evidence.forEach((line, i) => field(i === 0 ? 'Evidence:' : '', line));
  const at = safeField(change.at, CAP.time);
  const firstSeen = change.firstSeen ? safeField(change.firstSeen, CAP.time) : undefined;
  if (isResolution(change)) {
    const duration = exposureDuration(change.firstSeen, change.at);
    field('Exposed:', `first seen ${firstSeen ?? 'unknown'}, ended ${at}${duration ? `, ${duration}` : ''}`);
  } else {
    field('First seen:', firstSeen && firstSeen !== at ? firstSeen : `${at} (this scan)`);
    const fix = remediationOf(change);
    field('Fix:', fix ? safeField(fix, CAP.remediation) : '(none recorded for this service)');
  }
  return lines;
}

/** One line for a change that no longer fits in full. */
function renderChangeLine(change: ExposureChange, index: number): string[] {
  const target = change.target;
  const short = (text: string) => safeField(text, CAP.lineField);
  const resource = `${target.resourceType} ${short(target.resourceId)}${target.nameTag ? ` (${short(target.nameTag)})` : ''}`;
  const state = stateOf(change);
  const verdict = !isResolution(change) && (state?.verdict === 'unauthenticated' || state?.verdict === 'auth-required') ? `${state.verdict} ` : '';
  const summary =
    `${change.severity.toUpperCase()} ${kindInWords(change)}: ${verdict}${short(serviceWithVersion(state))} on ${short(addressOf(target))}, ` +
    `${resource}, ${short(target.accountId)}/${short(target.region)}`;
  return wrap(`[${index}] `, summary, LINE_WIDTH);
}

function renderFooter(total: number, inFull: number, oneLine: number, notListed: number, notListedBySeverity: string, listAllCommand: string): string[] {
  return [
    `NOT SHOWN IN FULL: ${total - inFull} of ${total} changes`,
    ...wrap('  ', `One line each above: ${oneLine}. Not listed: ${notListed}${notListed ? ` (${notListedBySeverity})` : ''}.`, LINE_WIDTH),
    ...wrap('  Every change of this scan: ', listAllCommand, LINE_WIDTH),
  ];
}

const toText = (lines: readonly string[]): string => lines.map((line) => `${line}\n`).join('');

function renderBody(report: ScanReport, ranked: readonly ExposureChange[], listAllCommand: string, maxBytes: number): string {
  const total = ranked.length;
  // No footer is longer than the one with every count at the total and every severity present.
  const worstCaseCounts = SEVERITIES.map((severity) => `${severity} ${total}`).join(', ');
  const footerReserve = utf8Bytes(toText(['', ...renderFooter(total, 0, total, total, worstCaseCounts, listAllCommand)]));
  const budget = maxBytes - footerReserve;
  // Full blocks stop at two thirds so that a big scan still lists many more changes in one line each.
  const fullBudget = Math.floor((budget * 2) / 3);
  const resolutions = ranked.filter(isResolution).length;
  const sectionOf = (change: ExposureChange) =>
    isResolution(change) ? `== RESOLVED (${resolutions}) ==` : `== NEW OR CHANGED EXPOSURES (${total - resolutions}) ==`;

  const parts = [toText([...renderHeader(report, ranked), '', ...renderWhatToDo(ranked[0]!)])];
  let used = utf8Bytes(parts[0]!);
  const add = (text: string) => {
    parts.push(text);
    used += utf8Bytes(text);
  };
  let currentSection = '';
  let inFull = 0;
  let oneLine = 0;
  for (const [i, change] of ranked.entries()) {
    const heading = sectionOf(change) === currentSection ? [] : ['', sectionOf(change)];
    if (oneLine === 0) {
      const block = toText([...heading, '', ...renderChange(change, i + 1)]);
      if (used + utf8Bytes(block) <= (inFull === 0 ? budget : fullBudget)) {
        add(block);
        currentSection = sectionOf(change);
        inFull += 1;
        continue;
      }
      heading.push('', 'One line each (the command at the end lists every detail):');
    }
    const line = toText([...heading, ...renderChangeLine(change, i + 1)]);
    if (used + utf8Bytes(line) > budget) break;
    add(line);
    currentSection = sectionOf(change);
    oneLine += 1;
  }
  if (inFull === 0) {
    throw new AlertError(`the worst change does not fit in ${maxBytes} bytes: the field caps no longer bound a block`);
  }
  if (inFull < total) {
    const notListed = ranked.slice(inFull + oneLine);
    add(toText(['', ...renderFooter(total, inFull, oneLine, notListed.length, severityCounts(notListed), listAllCommand)]));
  }
  return parts.join('');
}
