/** ARNs of resources the inventory names, for the alert and for auditors. */
import type { Scope } from '../shared/model.js';

/** The AWS partition a region belongs to (aws, aws-cn, aws-us-gov, …). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

export const arnOf = (scope: Scope, service: string, resource: string): string =>
  `arn:${partitionOf(scope.region)}:${service}:${scope.region}:${scope.accountId}:${resource}`;
