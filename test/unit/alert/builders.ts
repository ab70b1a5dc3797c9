/** Plain-data builders for scan reports and exposure changes, shared by the alert tests. */
import {
  targetIdOf,
  type ExposureChange,
  type ExposureChangeKind,
  type ProbeResult,
  type ProbeTarget,
  type ScanReport,
  type ServiceRef,
  type Severity,
  type Verdict,
} from '../../../lambdas/shared/model.js';

export const JUPYTER: ServiceRef = { id: 'jupyter-server', name: 'Jupyter Server', category: 'notebook' };
export const OLLAMA: ServiceRef = { id: 'ollama', name: 'Ollama', category: 'model-server' };
export const VLLM: ServiceRef = { id: 'vllm', name: 'vLLM', category: 'model-server' };

export const SCAN_ID = 'scan-20261124-0300';
export const SCAN_AT = '2026-11-24T03:02:11.000Z';
export const LIST_ALL = `npx ai-exposure-monitor history --scan ${SCAN_ID}`;

export function aTarget(overrides: Partial<ProbeTarget> = {}): ProbeTarget {
  const base = {
    accountId: '111122223333',
    region: 'us-east-1',
    resourceType: 'ec2-instance' as const,
    resourceId: 'i-0abc',
    nameTag: 'prod-gpu',
    address: '54.1.2.3',
    port: 8888,
    reason: 'sg-0abc (web) tcp 8888 from 0.0.0.0/0',
    context: { securityGroups: 'sg-0abc' },
    ...overrides,
  };
  return { targetId: targetIdOf(base), ...base };
}

export function aResult(verdict: Verdict, overrides: Partial<ProbeResult> = {}): ProbeResult {
  return {
    targetId: 'unused',
    address: '54.1.2.3',
    port: 8888,
    verdict,
    service: JUPYTER,
    tls: false,
    evidence: {
      requests: ['GET /api → 200', 'GET /api/kernels → 200'],
      signals: ['Jupyter kernels API answered without a token'],
      excerpt: '[{"id":"5f1c","name":"python3"}]',
    },
    probedAt: SCAN_AT,
    durationMs: 42,
    ...overrides,
  };
}

/** An acceptance in force at SCAN_AT. */
export const ACCEPTANCE = { reason: 'public demo, approved in SEC-1234', until: '2027-01-31', accepts: 'unauthenticated' } as const;

interface ChangeSpec {
  kind?: ExposureChangeKind;
  severity?: Severity;
  service?: ServiceRef;
  target?: Partial<ProbeTarget>;
  overrides?: Partial<ExposureChange>;
}

/** A realistic change of the given kind; `service` is the one the change is about. */
export function aChange({ kind = 'opened', severity = 'critical', service = JUPYTER, target, overrides }: ChangeSpec = {}): ExposureChange {
  const common = { kind, scanId: SCAN_ID, at: SCAN_AT, target: aTarget(target), severity };
  const open = { verdict: 'unauthenticated' as const, service, severity, version: '2.14.0' };
  const gated = { verdict: 'auth-required' as const, service, severity };
  switch (kind) {
    case 'opened':
      return { ...common, after: open, result: aResult('unauthenticated', { service }), firstSeen: SCAN_AT, why: 'newly reachable from the internet', remediation: 'Require a token (ServerApp.token) and bind to 127.0.0.1.', ...overrides };
    case 'auth-changed':
      return { ...common, before: gated, after: open, result: aResult('unauthenticated', { service }), firstSeen: '2026-11-01T00:00:00.000Z', why: 'authentication was turned off', remediation: 'Turn authentication back on.', ...overrides };
    case 'service-changed':
      return { ...common, before: { ...open, service: OLLAMA, version: '0.5.1' }, after: open, result: aResult('unauthenticated', { service }), firstSeen: '2026-11-01T00:00:00.000Z', why: 'a different AI service answers', remediation: 'Require an API key.', ...overrides };
    case 'resolved':
      return { ...common, before: open, after: { verdict: 'closed' }, result: aResult('closed', { service: undefined, evidence: { reason: 'connection refused' } }), firstSeen: '2026-11-20T01:00:00.000Z', why: 'port closed', ...overrides };
    case 'resource-gone':
      return { ...common, before: open, firstSeen: '2026-11-20T01:00:00.000Z', why: 'instance terminated', ...overrides };
    case 'acceptance-ended':
      return { ...common, before: open, after: open, result: aResult('unauthenticated', { service }), firstSeen: '2026-11-01T00:00:00.000Z', why: `still exposed, and its acceptance lapsed (it was accepted until 2026-11-23: ${ACCEPTANCE.reason})`, remediation: 'Require a token (ServerApp.token) and bind to 127.0.0.1.', ...overrides };
    case 'acceptance-ending':
      return { ...common, severity: 'low', before: open, after: open, result: aResult('unauthenticated', { service }), firstSeen: '2026-11-01T00:00:00.000Z', why: `still exposed, and its acceptance ends in 5 days: its last day is 2026-11-29 (${ACCEPTANCE.reason})`, remediation: 'Require a token (ServerApp.token) and bind to 127.0.0.1.', acceptanceEnding: { ...ACCEPTANCE, until: '2026-11-29' }, ...overrides };
    case 'accepted':
      return { ...common, severity: 'info', before: open, after: open, result: aResult('unauthenticated', { service }), firstSeen: '2026-11-01T00:00:00.000Z', why: `accepted until ${ACCEPTANCE.until}: ${ACCEPTANCE.reason}`, accepted: ACCEPTANCE, ...overrides };
  }
}

export function aReport(changes: readonly ExposureChange[], overrides: Partial<ScanReport> = {}): ScanReport {
  return {
    scanId: SCAN_ID,
    startedAt: '2026-11-24T03:00:00.000Z',
    finishedAt: SCAN_AT,
    scopes: [
      { scope: { accountId: '111122223333', region: 'us-east-1' }, ok: true, targets: 12 },
      { scope: { accountId: '111122223333', region: 'eu-west-1' }, ok: false, error: 'AccessDenied: ec2:DescribeNetworkInterfaces', targets: 0 },
    ],
    changes,
    assetChanges: [],
    currentExposures: [],
    ...overrides,
  };
}
