/** Builders for scans in the state store's integration tests. */
import { resourceKeyOf, type AiAsset, type ProbeResult, type ProbeTarget, type ScopeInventory, type Verdict } from '../../../lambdas/shared/model.js';
import type { ApplyScanInput } from '../../../lambdas/state/store.js';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';
export const SCOPE = { accountId: ACCOUNT, region: REGION };

export const ollama = { id: 'ollama', name: 'Ollama', category: 'model-server' };

export function target(resourceId: string, port: number, region = REGION): ProbeTarget {
  const address = '54.1.2.3';
  return {
    targetId: `${ACCOUNT}/${region}/ec2-instance/${resourceId}/${address}/${port}`,
    accountId: ACCOUNT,
    region,
    resourceType: 'ec2-instance',
    resourceId,
    nameTag: 'prod-gpu',
    address,
    port,
    reason: `sg-1 tcp ${port} from 0.0.0.0/0`,
  };
}

export function result(of: ProbeTarget, verdict: Verdict, at: string): ProbeResult {
  const exposed = verdict === 'unauthenticated' || verdict === 'auth-required';
  return {
    targetId: of.targetId,
    address: of.address,
    port: of.port,
    verdict,
    ...(exposed && { service: ollama, severity: verdict === 'unauthenticated' ? ('critical' as const) : ('low' as const) }),
    ...(exposed && { version: '0.5.1', remediation: 'bind Ollama to 127.0.0.1 or put it behind an authenticating proxy' }),
    // Ollama's /v1/models is an OpenAI model list, so its answers identify the generic family as well.
    ...(exposed && { alsoIdentifiedAs: ['openai-compatible'] }),
    tls: false,
    evidence: { requests: ['GET /api/tags → 200'], signals: ['Ollama banner on GET /'], excerpt: '{"models":[…]}' },
    probedAt: at,
    durationMs: 7,
  };
}

/** A result about as big as the largest the bench's fleet gives (~1.8 KB of JSON): many requests, signals and a long excerpt. */
export function largeResult(of: ProbeTarget, verdict: Verdict, at: string): ProbeResult {
  const base = result(of, verdict, at);
  const requests = ['GET /', 'GET /api/tags', 'GET /api/version', 'GET /v1/models', 'GET /openapi.json', 'GET /docs'].map((path) => `${path} → 200`);
  return { ...base, evidence: { requests, signals: requests.map((r) => `matched ${r}`), excerpt: `{"models":[${'{"name":"llama3:8b"},'.repeat(40)}…` } };
}

/** The resource names of a big account (`resourceType/resourceId`, as `ScopeInventory.resources` lists them): 12,000 are over 400 KB. */
export const manyResourceNames = (count: number): string[] => Array.from({ length: count }, (_, n) => `ec2-instance/i-0${String(n).padStart(16, '0')}`);

export function asset(name: string, facts: Record<string, string>): AiAsset {
  return { assetId: `${ACCOUNT}/${REGION}/sagemaker-endpoint/${name}`, accountId: ACCOUNT, region: REGION, kind: 'sagemaker-endpoint', name, facts };
}

export const okScope = (targets: ProbeTarget[], assets: AiAsset[] = [], scope = SCOPE): ScopeInventory => ({
  scope,
  ok: true,
  targets,
  assets,
  resources: [...new Set(targets.map(resourceKeyOf))],
});
export const failedScope = (scope = SCOPE): ScopeInventory => ({ scope, ok: false, error: 'EC2 DescribeNetworkInterfaces: RequestLimitExceeded' });

/** One scan where every listed target got the verdict given for it (targets without a verdict got no result). */
export function scanOf(scanId: string, at: string, scopes: ScopeInventory[], verdicts: ReadonlyMap<ProbeTarget, Verdict>): ApplyScanInput {
  return { scanId, at, scopes, results: [...verdicts].map(([t, verdict]) => result(t, verdict, at)) };
}

/** The n-th hour of a fixed day, so scans are ordered and readable. */
export const hour = (n: number): string => new Date(Date.UTC(2025, 4, 1, n)).toISOString();
