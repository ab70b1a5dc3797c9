/**
 * Turns configuration into the AWS-facing dependencies of the stages: which
 * scopes a scan covers, and clients for each scope (assuming the read-only
 * role in other accounts).
 */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { partitionOf } from '../inventory/arn.js';
import { createScopeClients, type ClientSettings, type ScopeClients } from '../inventory/clients.js';
import { inventoryScope } from '../inventory/inventory-scope.js';
import { listEnabledRegions } from '../inventory/regions.js';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Fingerprint } from '../probe/fingerprints/types.js';
import type { Scope, ScopeInventory } from '../shared/model.js';

/** Ports probed inside wide security-group ranges: every fingerprint's default ports plus the user's extras. */
export function candidatePortsOf(catalog: readonly Fingerprint[], extraPorts: readonly number[]): number[] {
  return [...new Set([...catalog.flatMap((fp) => fp.defaultPorts), ...extraPorts])].sort((a, b) => a - b);
}

export async function callerAccountId(sts: STSClient): Promise<string> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (!identity.Account) throw new Error('sts:GetCallerIdentity returned no account');
  return identity.Account;
}

/** `all` means every region enabled for the calling account. */
export async function resolveRegions(regions: 'all' | readonly string[], ec2: EC2Client): Promise<string[]> {
  return regions === 'all' ? listEnabledRegions(ec2) : [...regions];
}

export interface ScopeClientFactoryOptions {
  readonly homeAccountId: string;
  readonly crossAccountRoleName?: string;
  readonly settings?: ClientSettings;
}

/** Clients for a scope; other accounts are reached through the named read-only role. */
export function scopeClientFactory(options: ScopeClientFactoryOptions): (scope: Scope) => ScopeClients {
  return (scope) => {
    if (scope.accountId === options.homeAccountId) return createScopeClients(scope.region, options.settings);
    if (!options.crossAccountRoleName) {
      throw new Error(`account ${scope.accountId} is not the home account and no cross-account role name is configured`);
    }
    const credentials = fromTemporaryCredentials({
      params: {
        RoleArn: `arn:${partitionOf(scope.region)}:iam::${scope.accountId}:role/${options.crossAccountRoleName}`,
        RoleSessionName: 'ai-exposure-monitor',
      },
      clientConfig: { region: scope.region, ...(options.settings?.endpoint ? { endpoint: options.settings.endpoint } : {}) },
      ...(options.settings?.credentials ? { masterCredentials: options.settings.credentials } : {}),
    });
    return createScopeClients(scope.region, { ...options.settings, credentials });
  };
}

/** The production `listScope`: the AWS inventory of one scope. */
export function awsScopeLister(
  clientsFor: (scope: Scope) => ScopeClients,
  candidatePorts: readonly number[],
): (scope: Scope) => Promise<ScopeInventory> {
  return (scope) => inventoryScope(scope, clientsFor(scope), { candidatePorts });
}
