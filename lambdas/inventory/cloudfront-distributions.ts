/**
 * CloudFront distributions in front of something other than S3, as targets: one per enabled distribution,
 * on its cloudfront.net name, 443 over TLS. CloudFront passes requests through to its origins, and a VPC
 * origin or an origin whose security group admits only CloudFront's prefix list is reached through it
 * alone: an AI app behind an internal load balancer is on the internet once a distribution fronts it.
 * Buckets serve files, not APIs, so a distribution of S3 origins only is none.
 * CloudFront is global: its distributions are listed once per account, in `GLOBAL_RESOURCES_REGION`'s scope
 * (regions.ts).
 */
import { paginateListDistributions, type CloudFrontClient, type DistributionSummary, type Origin } from '@aws-sdk/client-cloudfront';
import { resourceKeyOf, targetIdOf, type ProbeTarget, type Scope } from '../shared/model.js';
import { awsCall } from './errors.js';
import type { ListedTargets } from './load-balancers.js';
import { collect } from './paging.js';
/** A distribution answers HTTPS on its cloudfront.net name whatever its viewer protocol policy. */
const DISTRIBUTION_PORT = 443;
/** Origins named in the context, beyond which a count is given. */
const ORIGINS_NAMED = 5;

/**
 * A bucket: `S3OriginConfig`, or an S3 endpoint by name (REST, website or access point, which are also set up
 * as custom origins): an amazonaws.com name with an `s3` or `s3-…` label.
 */
function isBucket(origin: Origin): boolean {
  if (origin.S3OriginConfig !== undefined) return true;
  const domain = (origin.DomainName ?? '').toLowerCase();
  return /\.amazonaws\.com(?:\.cn)?$/.test(domain) && domain.split('.').some((label) => label === 's3' || label.startsWith('s3-'));
}

const describeOrigin = (origin: Origin): string =>
  origin.VpcOriginConfig ? `VPC origin ${origin.VpcOriginConfig.VpcOriginId ?? origin.DomainName ?? origin.Id}` : `origin ${origin.DomainName ?? origin.Id}`;

/** The target of an enabled distribution with an origin that is not a bucket, or none (pure). */
export function distributionTarget(scope: Scope, distribution: DistributionSummary): ProbeTarget | undefined {
  const { Id: id, DomainName: domainName } = distribution;
  if (!distribution.Enabled || !id || !domainName) return undefined;
  const origins = (distribution.Origins?.Items ?? []).filter((origin) => !isBucket(origin));
  if (origins.length === 0) return undefined;
  const base = { accountId: scope.accountId, region: scope.region, resourceType: 'cloudfront-distribution' as const, resourceId: id, address: domainName, port: DISTRIBUTION_PORT };
  const named = origins.slice(0, ORIGINS_NAMED).map(describeOrigin);
  const aliases = distribution.Aliases?.Items ?? [];
  return {
    targetId: targetIdOf(base),
    ...base,
    ...(distribution.ARN ? { resourceArn: distribution.ARN } : {}),
    reason: `CloudFront distribution (global) in front of ${describeOrigin(origins[0]!)}${origins.length > 1 ? ` and ${origins.length - 1} more` : ''}`,
    context: {
      origins: `${named.join('; ')}${origins.length > named.length ? `; and ${origins.length - named.length} more` : ''}`,
      ...(distribution.DefaultCacheBehavior?.TargetOriginId ? { defaultOrigin: distribution.DefaultCacheBehavior.TargetOriginId } : {}),
      ...(aliases.length > 0 ? { aliases: aliases.join(', ') } : {}),
      webAcl: distribution.WebACLId ? distribution.WebACLId : 'none',
      ...(distribution.Comment ? { comment: distribution.Comment } : {}),
    },
    tlsExpected: true,
  };
}

/** Targets of the distributions that front something other than S3, and every distribution as a listed resource. */
export async function listCloudFrontTargets(scope: Scope, cloudfront: CloudFrontClient): Promise<ListedTargets> {
  const distributions = await awsCall('cloudfront', 'ListDistributions', () =>
    collect(paginateListDistributions({ client: cloudfront, pageSize: 100 }, {}), (page) => page.DistributionList?.Items),
  );
  return {
    targets: distributions.flatMap((distribution) => distributionTarget(scope, distribution) ?? []),
    resources: distributions.flatMap((distribution) => (distribution.Id ? [resourceKeyOf({ resourceType: 'cloudfront-distribution', resourceId: distribution.Id })] : [])),
  };
}
