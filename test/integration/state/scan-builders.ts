/** Builders for scans in the state store's integration tests. */
import { randomBytes } from 'node:crypto';
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

/**
 * A result bigger than the largest the bench's fleet gives (~2.4 KB of JSON), whose excerpt is random so it
 * does not compress: the workspace stores lists compressed, and only lists that stay big are written as parts.
 */
export function largeResult(of: ProbeTarget, verdict: Verdict, at: string): ProbeResult {
  const base = result(of, verdict, at);
  const requests = ['GET /', 'GET /api/tags', 'GET /api/version', 'GET /v1/models', 'GET /openapi.json', 'GET /docs'].map((path) => `${path} → 200`);
  return { ...base, evidence: { requests, signals: requests.map((r) => `matched ${r}`), excerpt: randomBytes(1_500).toString('base64') } };
}

/** An EC2 instance id as AWS makes them: 17 random hex digits. */
const instanceId = (): string => `i-0${randomBytes(8).toString('hex')}`;

/**
 * A target whose instance has a random id and a random Name tag of the longest value a tag may have (256
 * characters): 2,000 of them stay over one workspace item compressed.
 */
export const incompressibleTarget = (port: number): ProbeTarget => ({ ...target(instanceId(), port), nameTag: randomBytes(192).toString('base64') });

/** The resource names of a big account (`resourceType/resourceId`, as `ScopeInventory.resources` lists them), with random instance ids: 40,000 stay over one workspace item compressed. */
export const manyResourceNames = (count: number): string[] => Array.from({ length: count }, () => `ec2-instance/${instanceId()}`);

export function asset(name: string, facts: Record<string, string>): AiAsset {
  return { assetId: `${ACCOUNT}/${REGION}/sagemaker-endpoint/${name}`, accountId: ACCOUNT, region: REGION, kind: 'sagemaker-endpoint', name, facts };
}

export const okScope = (targets: ProbeTarget[], assets: AiAsset[] = [], scope = SCOPE): Extract<ScopeInventory, { ok: true }> => ({
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
