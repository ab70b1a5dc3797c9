/**
 * Other accounts are listed through the named read-only role: the factory
 * assumes arn:<partition>:iam::<account>:role/<name> with STS (moto answers
 * assumed-role credentials as that account) and the inventory sees that
 * account's resources, not the home account's.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inventoryScope } from '../../../lambdas/inventory/inventory-scope.js';
import { candidatePortsOf, scopeClientFactory } from '../../../lambdas/pipeline/aws-wiring.js';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import { buildSampleAccount, MOTO_ACCOUNT_ID, type SampleAccount } from '../../support/aws-fixture.js';
import { startMoto, type MotoServer } from '../../support/moto.js';

const OTHER_ACCOUNT = '210987654321';
const ROLE_NAME = 'ai-exposure-monitor-inventory';
const REGION = 'eu-central-1';
let moto: MotoServer;
let other: SampleAccount;

describe('Function: scopeClientFactory (moto)', () => {
  beforeAll(async () => {
    moto = await startMoto();
    // Build the other account's resources with that account's own (assumed) credentials.
    const sts = new STSClient({ endpoint: moto.endpoint, region: REGION, credentials: moto.credentials });
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER_ACCOUNT}:role/${ROLE_NAME}`, RoleSessionName: 'fixture' }));
    const c = assumed.Credentials!;
    const otherAccountCredentials = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    other = await buildSampleAccount({ endpoint: moto.endpoint, region: REGION, credentials: otherAccountCredentials });
  });

  afterAll(async () => {
    await moto?.stop();
  });

  it("lists another account's resources through the read-only role", async () => {
    // Prepare
    const clientsFor = scopeClientFactory({
      homeAccountId: MOTO_ACCOUNT_ID,
      crossAccountRoleName: ROLE_NAME,
      settings: { endpoint: moto.endpoint, credentials: moto.credentials },
    });
    const scope = { accountId: OTHER_ACCOUNT, region: REGION };

    // Act
    const inventory = await inventoryScope(scope, clientsFor(scope), { candidatePorts: candidatePortsOf(catalog, []) });

    // Assess
    if (!inventory.ok) throw new Error(inventory.error);
    const ollamaTarget = inventory.targets.find((t) => t.resourceId === other.instances.ollama.instanceId && t.port === 11434);
    expect(ollamaTarget).toMatchObject({ accountId: OTHER_ACCOUNT, region: REGION, address: other.instances.ollama.publicIp });
    expect(inventory.targets.every((t) => t.accountId === OTHER_ACCOUNT)).toBe(true);
  });

  it('lists the home account with its own credentials, not the role', async () => {
    const clientsFor = scopeClientFactory({ homeAccountId: MOTO_ACCOUNT_ID, settings: { endpoint: moto.endpoint, credentials: moto.credentials } });
    const scope = { accountId: MOTO_ACCOUNT_ID, region: REGION };

    const inventory = await inventoryScope(scope, clientsFor(scope), { candidatePorts: candidatePortsOf(catalog, []) });

    // The sample account was built in the other account only: the home account's region is empty.
    expect(inventory).toMatchObject({ ok: true, targets: [] });
  });

  it('refuses another account when no role name is configured', () => {
    const clientsFor = scopeClientFactory({ homeAccountId: MOTO_ACCOUNT_ID, settings: { endpoint: moto.endpoint, credentials: moto.credentials } });
    expect(() => clientsFor({ accountId: OTHER_ACCOUNT, region: REGION })).toThrow(/no cross-account role name/);
  });
});
