/** Which regions of the account can hold resources, i.e. which ones a scan covers by default. */
import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { awsCall } from './errors.js';

/**
 * The region whose scope lists an account's global resources (CloudFront), once: where CloudFront's control plane
 * is, and where AWS Config records global resources too.
 */
export const GLOBAL_RESOURCES_REGION = 'us-east-1';

const ENABLED_OPT_IN_STATUSES = new Set(['opt-in-not-required', 'opted-in']);

/** Regions enabled for the account (opt-in status `opt-in-not-required` or `opted-in`), sorted. Throws `AwsCallError`. */
export async function listEnabledRegions(ec2: EC2Client): Promise<string[]> {
  const { Regions = [] } = await awsCall('ec2', 'DescribeRegions', () => ec2.send(new DescribeRegionsCommand({ AllRegions: false })));
  return Regions.filter((region) => region.OptInStatus !== undefined && ENABLED_OPT_IN_STATUSES.has(region.OptInStatus))
    .flatMap((region) => (region.RegionName === undefined ? [] : [region.RegionName]))
    .sort();
}
