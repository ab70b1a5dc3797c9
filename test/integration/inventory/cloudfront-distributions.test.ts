/**
 * CloudFront distributions on moto, in a file (and so a moto) of their own: CloudFront is global, so the
 * distributions built here would be listed by every us-east-1 scope of the other inventory tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL_RESOURCES_REGION } from '../../../lambdas/inventory/regions.js';
import { createScopeClients, type ScopeClients } from '../../../lambdas/inventory/clients.js';
import { inventoryScope } from '../../../lambdas/inventory/inventory-scope.js';
import { buildCloudFrontScenario, MOTO_ACCOUNT_ID, type CloudFrontScenario } from '../../support/aws-fixture.js';
import { startMoto, type MotoServer } from '../../support/moto.js';

let moto: MotoServer;
let scenario: CloudFrontScenario;
const clientsByRegion = new Map<string, ScopeClients>();
const clientsFor = (region: string): ScopeClients => {
  const clients = clientsByRegion.get(region) ?? createScopeClients(region, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 2 });
  clientsByRegion.set(region, clients);
  return clients;
};

beforeAll(async () => {
  moto = await startMoto();
  scenario = await buildCloudFrontScenario({ endpoint: moto.endpoint, credentials: moto.credentials, region: GLOBAL_RESOURCES_REGION });
});

afterAll(async () => {
  for (const clients of clientsByRegion.values()) for (const client of Object.values(clients)) client.destroy();
  await moto?.stop();
});

describe('Function: inventoryScope, CloudFront distributions (moto)', () => {
  it('makes an enabled distribution in front of anything but S3 a TLS target on 443 of its cloudfront.net name, in the us-east-1 scope, and lists every distribution', async () => {
    // Act
    const inventory = await inventoryScope({ accountId: MOTO_ACCOUNT_ID, region: GLOBAL_RESOURCES_REGION }, clientsFor(GLOBAL_RESOURCES_REGION), { candidatePorts: [8080] });
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    const { chatUi, bucketOnly, disabled } = scenario;
    expect(inventory.targets.map((t) => `${t.resourceType} ${t.resourceId} ${t.address}:${t.port} tls=${t.tlsExpected} ← ${t.reason}`)).toEqual([
      `cloudfront-distribution ${chatUi.id} ${chatUi.domainName}:443 tls=true ← CloudFront distribution (global) in front of origin ${chatUi.originDomain}`,
    ]);
    expect(inventory.targets[0]).toMatchObject({
      region: GLOBAL_RESOURCES_REGION,
      resourceArn: chatUi.arn,
      context: { origins: `origin ${chatUi.originDomain}`, defaultOrigin: 'app', aliases: chatUi.alias, webAcl: 'none', comment: 'chat-ui' },
    });
    expect(inventory.resources).toEqual([chatUi.id, ...bucketOnly, disabled.id].map((id) => `cloudfront-distribution/${id}`).sort());
  });

  it('lists CloudFront in the us-east-1 scope only, so each account lists its distributions once', async () => {
    // Act
    const inventory = await inventoryScope({ accountId: MOTO_ACCOUNT_ID, region: 'eu-west-1' }, clientsFor('eu-west-1'), { candidatePorts: [8080] });
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    expect(inventory.targets).toEqual([]);
    expect((inventory.resources ?? []).filter((r) => r.startsWith('cloudfront-distribution/'))).toEqual([]);
    expect(inventory.unlisted).toBeUndefined();
  });
});
