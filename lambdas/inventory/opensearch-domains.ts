/**
 * Amazon OpenSearch Service domains with a public endpoint as targets: one per domain, on 443 over TLS.
 * A public domain answers anyone on the internet; whether it serves them is its access policy's and its
 * fine-grained access control's call, which the probe sees (an unsigned request the policy refuses gets
 * AWS's 403 "User: anonymous is not authorized"). A domain in a VPC has no public endpoint and is none.
 * OpenSearch and Elasticsearch engines alike: one API lists both.
 */
import { DescribeDomainsCommand, ListDomainNamesCommand, type DomainStatus, type OpenSearchClient } from '@aws-sdk/client-opensearch';
import { resourceKeyOf, targetIdOf, type ProbeTarget, type Scope } from '../shared/model.js';
import { awsCall } from './errors.js';
import type { ListedTargets } from './load-balancers.js';
import { chunks, mapConcurrently } from './paging.js';

/** DescribeDomains takes at most 5 names per call. */
const DESCRIBE_BATCH = 5;
const DESCRIBE_CALLS_IN_FLIGHT = 2;
/** A public endpoint answers HTTPS on 443 (and plain HTTP on 80 only when HTTPS is not enforced). */
const DOMAIN_PORT = 443;

type Statement = { readonly Effect?: unknown; readonly Principal?: unknown; readonly Condition?: unknown };

/** `"*"`, `{"AWS": "*"}` or `{"AWS": ["*", …]}`: every caller, signed or not. */
function namesEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = (principal as { AWS?: unknown }).AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/**
 * Who the domain's access policy lets in, in a few words for the alert and the auditor (pure). Only the
 * shape is read: conditions are named, not evaluated, so "anyone, if aws:SourceIp" may still admit the
 * whole internet. The probe's answer is what decides.
 */
export function accessPolicySummary(policy: string | undefined): string {
  if (policy === undefined || policy.trim() === '') return 'none (only the account\'s IAM identities, signed)';
  let statements: Statement[];
  try {
    const parsed = JSON.parse(policy) as { Statement?: unknown };
    statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]).filter(
      (s): s is Statement => typeof s === 'object' && s !== null,
    );
  } catch {
    return 'unreadable (not JSON)';
  }
  const toEveryone = statements.filter((s) => s.Effect === 'Allow' && namesEveryone(s.Principal));
  if (toEveryone.some((s) => s.Condition === undefined)) return 'allows anyone (Principal "*", no condition)';
  if (toEveryone.length > 0) {
    const keysOf = (block: unknown): string[] => (typeof block === 'object' && block !== null ? Object.keys(block) : []);
    const keys = toEveryone.flatMap((s) => keysOf(s.Condition).flatMap((operator) => keysOf((s.Condition as Record<string, unknown>)[operator])));
    return `allows anyone, if ${[...new Set(keys)].sort().join(', ') || 'its conditions hold'}`;
  }
  return statements.some((s) => s.Effect === 'Allow') ? 'named principals only (requests must be signed)' : 'allows no one';
}

/** The target of a domain's public endpoint, or none: a domain in a VPC, or one being deleted (pure). */
export function domainTarget(scope: Scope, domain: DomainStatus): ProbeTarget | undefined {
  const name = domain.DomainName;
  if (!domain.Endpoint || !name || domain.Deleted) return undefined;
  const base = {
    accountId: scope.accountId,
    region: scope.region,
    resourceType: 'opensearch-domain' as const,
    resourceId: name,
    address: domain.Endpoint,
    port: DOMAIN_PORT,
  };
  const policy = accessPolicySummary(domain.AccessPolicies);
  const fineGrained = domain.AdvancedSecurityOptions?.Enabled === true;
  const endpointOptions = domain.DomainEndpointOptions;
  return {
    targetId: targetIdOf(base),
    ...base,
    ...(domain.ARN ? { resourceArn: domain.ARN } : {}),
    reason: `OpenSearch Service domain with a public endpoint (access policy: ${policy})`,
    context: {
      ...(domain.EngineVersion ? { engineVersion: domain.EngineVersion } : {}),
      accessPolicy: policy,
      fineGrainedAccessControl: fineGrained
        ? `on${domain.AdvancedSecurityOptions?.InternalUserDatabaseEnabled ? ', internal user database' : ''}${domain.AdvancedSecurityOptions?.AnonymousAuthEnabled ? ', anonymous access on' : ''}`
        : 'off',
      ...(domain.CognitoOptions?.Enabled ? { dashboardsLogin: 'Amazon Cognito' } : {}),
      ...(endpointOptions?.EnforceHTTPS === false ? { enforceHttps: 'off (also answers plain HTTP on 80)' } : {}),
      ...(endpointOptions?.CustomEndpointEnabled && endpointOptions.CustomEndpoint ? { customEndpoint: endpointOptions.CustomEndpoint } : {}),
    },
    tlsExpected: true,
  };
}

/**
 * Targets of the domains with a public endpoint, and every domain as a listed resource: one `ListDomainNames`
 * and one `DescribeDomains` per five domains.
 */
export async function listOpenSearchDomainTargets(scope: Scope, opensearch: OpenSearchClient): Promise<ListedTargets> {
  const names = await awsCall('es', 'ListDomainNames', async () => (await opensearch.send(new ListDomainNamesCommand({}))).DomainNames ?? []);
  const domainNames = names.flatMap((name) => (name.DomainName ? [name.DomainName] : []));
  const described = await mapConcurrently(chunks(domainNames, DESCRIBE_BATCH), DESCRIBE_CALLS_IN_FLIGHT, (batch) =>
    awsCall('es', 'DescribeDomains', async () => (await opensearch.send(new DescribeDomainsCommand({ DomainNames: batch }))).DomainStatusList ?? []),
  );
  return {
    targets: described.flat().flatMap((domain) => domainTarget(scope, domain) ?? []),
    resources: domainNames.map((name) => resourceKeyOf({ resourceType: 'opensearch-domain', resourceId: name })),
  };
}
