/** Turning what the engine observed into a `ProbeResult`. Pure. */
import { bySeverity, type Evidence, type KnownVulnerabilityRef, type ProbeResult, type ServiceRef, type Severity } from '../shared/model.js';
import { compareVersions, knownVulnerabilities, parseVersion } from './vulnerabilities/index.js';
import type { Classification } from './classify.js';
import type { HttpProbeRequest, ObservedResponse, ProbeRequest } from './fingerprints/types.js';
import { excerptOf, redactPublishedName } from './redact.js';
import type { TlsFacts } from './transport.js';

export interface ResultBase {
  readonly targetId: string;
  readonly address: string;
  readonly port: number;
  readonly probedAt: string;
  readonly durationMs: number;
  readonly tls: boolean;
  readonly tlsFacts?: TlsFacts;
  /** One line per request sent, e.g. "GET /api/tags → 200". */
  readonly requests: readonly string[];
  readonly partial: boolean;
  /** A sweep's result: the families it asked about. */
  readonly askedInSweep?: readonly string[];
}

const EXCERPT_CHARS = 300;
/** Request lines kept as evidence: a 404 only says "not this product", so it is dropped unless nothing else answered. */
const MAX_REQUEST_LINES = 8;
const NOT_FOUND_LINE = / → 404$/;

/** The request lines worth storing for years: what answered, not every family's miss. */
export function evidenceRequestLines(lines: readonly string[]): string[] {
  const telling = lines.filter((line) => !NOT_FOUND_LINE.test(line));
  return (telling.length > 0 ? telling : lines).slice(0, MAX_REQUEST_LINES);
}

/** For a service that demanded credentials: the exposure may be intended, the reachability still worth a look. */
export const AUTH_REQUIRED_REMEDIATION =
  'It demanded credentials: confirm it must be reachable from the internet (else remove the rule), keep it patched and its credentials strong.';
/** Headers worth showing when the decisive response has no body (e.g. a bare 401). */
const TELLING_HEADERS = ['www-authenticate', 'location', 'server', 'content-type', 'grpc-status', 'grpc-message'] as const;

/**
 * "GET /api/tags → 200", "POST /mcp tools/list → 200", "TCP \"PING\\r\\n\" → 7 bytes", "gRPC /inference.GRPCInferenceService/ServerMetadata
 * → OK", "GET / → error: connection reset"; "GET / (Host: localhost:8081) → 200" for one asked naming another Host than the
 * target's (classify.ts rule 9).
 */
export function requestLine(request: ProbeRequest, observed: ObservedResponse, namedHost?: string): string {
  if (request.kind === 'grpc') return grpcLine(request.method, observed);
  const named = namedHost === undefined ? '' : ` (Host: ${namedHost})`;
  const what = request.kind === 'tcp' ? `TCP ${JSON.stringify(request.send).slice(0, 40)}` : `${request.method} ${request.path}${jsonRpcMethodOf(request)}${named}`;
  if (observed.status !== undefined) return `${what} → ${observed.status}${observed.error ? ` (${observed.error})` : ''}`;
  if (observed.kind === 'tcp' && !observed.error) return `${what} → ${Buffer.byteLength(observed.body)} bytes`;
  return `${what} → error: ${observed.error ?? 'no answer'}`;
}

/** gRPC's status codes by number, as its documentation names them. */
const GRPC_STATUS_NAMES = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
] as const;

/** "OK", "UNAVAILABLE (14)": the name of the call's `grpc-status` (a code gRPC does not define stays a number). */
export function grpcStatusName(code: string): string {
  const name = /^\d{1,2}$/.test(code) ? GRPC_STATUS_NAMES[Number(code)] : undefined;
  return name === undefined ? `status ${JSON.stringify(code.slice(0, 16))}` : name === 'OK' ? name : `${name} (${code})`;
}

/** A gRPC call's line: its status by name, the HTTP status when the answer was not gRPC, or why it failed. */
function grpcLine(method: string, observed: ObservedResponse): string {
  const what = `gRPC ${method}`;
  const problem = observed.error === undefined ? '' : ` (${observed.error})`;
  const status = observed.headers['grpc-status'];
  if (status !== undefined) return `${what} → ${grpcStatusName(status)}${problem}`;
  if (observed.status !== undefined) return `${what} → HTTP ${observed.status}${problem}`;
  return `${what} → error: ${observed.error ?? 'no answer'}`;
}

/** " tools/list" for a JSON-RPC request (one path serves every method: MCP's handshake, its end and the tool list), else "". */
function jsonRpcMethodOf(request: HttpProbeRequest): string {
  let method = jsonRpcMethods.get(request);
  if (method === undefined) {
    const stated = request.body?.match(JSON_RPC_METHOD)?.[1];
    method = stated === undefined ? '' : ` ${stated}`;
    jsonRpcMethods.set(request, method);
  }
  return method;
}

/** The catalog's JSON-RPC bodies all start so; read once per request object (cached below). */
const JSON_RPC_METHOD = /^\{"jsonrpc":"2\.0",(?:"id":\d+,)?"method":"([\w/]+)"/;
const jsonRpcMethods = new WeakMap<HttpProbeRequest, string>();

/** A short redacted excerpt: the body, or the telling headers when the body is empty. */
export function excerptOfResponse(observed: ObservedResponse): string | undefined {
  if (observed.body.trim() !== '') return excerptOf(observed.body, EXCERPT_CHARS);
  // Only the shown headers, and only the excerpt's window of them, are redacted: a header block may be 32 KiB.
  const shown = TELLING_HEADERS.flatMap((name) => (observed.headers[name] === undefined ? [] : [`${name}: ${observed.headers[name]}`]));
  return shown.length === 0 ? undefined : excerptOf(shown.join('; '), EXCERPT_CHARS);
}

function baseFields(base: ResultBase, evidence: Evidence): Omit<ProbeResult, 'verdict'> {
  return {
    targetId: base.targetId,
    address: base.address,
    port: base.port,
    tls: base.tls,
    evidence: {
      ...(base.requests.length > 0 ? { requests: evidenceRequestLines(base.requests) } : {}),
      ...(base.tlsFacts ? { tls: base.tlsFacts } : {}),
      ...evidence,
    },
    probedAt: base.probedAt,
    durationMs: base.durationMs,
    ...(base.partial ? { partial: true } : {}),
    ...(base.askedInSweep === undefined ? {} : { askedInSweep: base.askedInSweep }),
  };
}

/** The classifier's answer as a result: severity and remediation from the fingerprint when open. */
export function classifiedResult(base: ResultBase, classification: Classification, observed: ReadonlyMap<string, ObservedResponse>): ProbeResult {
  const decisive = classification.decisiveRequestKey === undefined ? undefined : observed.get(classification.decisiveRequestKey);
  const excerpt = decisive ? excerptOfResponse(decisive) : undefined;
  const evidence: Evidence = {
    ...(classification.signals.length > 0 ? { signals: [...classification.signals] } : {}),
    ...(classification.models === undefined ? {} : { models: classification.models.map(redactPublishedName), modelCount: classification.modelCount }),
    ...(classification.tools === undefined ? {} : { tools: classification.tools.map(redactPublishedName), toolCount: classification.toolCount }),
    ...(excerpt === undefined ? {} : { excerpt }),
  };
  const fingerprint = classification.verdict === 'not-ai' ? undefined : classification.fingerprint;
  const service: ServiceRef | undefined = fingerprint ? { id: fingerprint.id, name: fingerprint.name, category: fingerprint.category } : undefined;
  const vulnerabilities = fingerprint ? vulnerabilitiesOf(fingerprint.id, classification.version) : [];
  return {
    ...baseFields(base, evidence),
    verdict: classification.verdict,
    ...(service ? { service } : {}),
    ...(classification.verdict === 'unauthenticated' && fingerprint
      ? { severity: worstOf(fingerprint.severityWhenOpen, vulnerabilities), remediation: withUpgrade(fingerprint.remediation, vulnerabilities) }
      : {}),
    ...(classification.verdict === 'auth-required'
      ? { severity: vulnerabilities.length > 0 ? ('medium' as const) : ('low' as const), remediation: withUpgrade(AUTH_REQUIRED_REMEDIATION, vulnerabilities) }
      : {}),
    ...(classification.version === undefined ? {} : { version: classification.version }),
    ...(vulnerabilities.length > 0 ? { knownVulnerabilities: vulnerabilities } : {}),
    ...(fingerprint && classification.alsoIdentified ? { alsoIdentifiedAs: classification.alsoIdentified } : {}),
  };
}

/**
 * Severity of an open service: its own, raised to its worst known vulnerability. A service that
 * demanded credentials is raised only to medium when vulnerable: most advisories need a session,
 * and the data does not say which do not.
 */
function worstOf(own: Exclude<Severity, 'info'>, vulnerabilities: readonly KnownVulnerabilityRef[]): Exclude<Severity, 'info'> {
  return vulnerabilities.reduce<Exclude<Severity, 'info'>>((worst, v) => (bySeverity(v.severity, worst) < 0 ? v.severity : worst), own);
}

function withUpgrade(remediation: string, vulnerabilities: readonly KnownVulnerabilityRef[]): string {
  const fixes = vulnerabilities.flatMap((v) => (v.fixedIn ? [v.fixedIn] : []));
  if (fixes.length === 0) return remediation;
  const newest = fixes.reduce((a, b) => (compareVersions(parseVersion(a)!, parseVersion(b)!) >= 0 ? a : b));
  return `Upgrade to ${newest} or later (${vulnerabilities.map((v) => v.id).join(', ')}). ${remediation}`;
}

function vulnerabilitiesOf(familyId: string, version: string | undefined): KnownVulnerabilityRef[] {
  return knownVulnerabilities(familyId, version).map((v) => ({
    id: v.id,
    ...(v.alias ? { alias: v.alias } : {}),
    severity: v.severity,
    summary: v.summary,
    reference: v.reference,
    ...(v.affected.fixed ? { fixedIn: v.affected.fixed } : {}),
  }));
}

/** A verdict the engine reached without the classifier (refused, closed, silent, interrupted). */
export function engineResult(base: ResultBase, verdict: 'closed' | 'unreachable' | 'error' | 'not-ai', reason: string): ProbeResult {
  return { ...baseFields(base, { reason }), verdict };
}
