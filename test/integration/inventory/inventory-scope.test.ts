import { createServer } from 'node:net';
import type { FinalizeRequestMiddleware, InitializeMiddleware } from '@aws-sdk/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScopeClients, type ScopeClients } from '../../../lambdas/inventory/clients.js';
import { InventoryError } from '../../../lambdas/inventory/errors.js';
import { listFunctionUrlTargets } from '../../../lambdas/inventory/function-urls.js';
import { INVENTORY_IAM_ACTIONS } from '../../../lambdas/inventory/iam.js';
import { inventoryScope } from '../../../lambdas/inventory/inventory-scope.js';
import { listEnabledRegions } from '../../../lambdas/inventory/regions.js';
import { listedInPart, type ProbeTarget, type ScopeInventory } from '../../../lambdas/shared/model.js';
import {
  buildAgentCoreScenario,
  buildApiGatewayScenario,
  buildFunctionUrlScenario,
  buildOpenSearchScenario,
  buildPrefixListScenario,
  buildSampleAccount,
  MOTO_ACCOUNT_ID,
  revokeOpenRule,
  type EmulatorSettings,
  type FunctionUrlScenario,
  type SampleAccount,
} from '../../support/aws-fixture.js';
import { startMoto, type MotoServer } from '../../support/moto.js';

const region = 'us-east-1';
const scope = { accountId: MOTO_ACCOUNT_ID, region };
const candidatePorts = [11434, 8888, 8000, 6333];

let moto: MotoServer;
let account: SampleAccount;
let clients: ScopeClients;

/** IAM actions the inventory's clients actually sent, e.g. "ec2:DescribeInstances". */
const actionsCalled = new Set<string>();
const IAM_PREFIX_BY_CLIENT: Record<string, string> = {
  EC2Client: 'ec2',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  ElasticLoadBalancingClient: 'elasticloadbalancing',
  SageMakerClient: 'sagemaker',
  LambdaClient: 'lambda',
  OpenSearchClient: 'es',
  CloudFrontClient: 'cloudfront',
  BedrockAgentCoreControlClient: 'bedrock-agentcore',
};
/** API Gateway's IAM has one action per HTTP verb, not per operation: its listings are all `apigateway:GET`. */
const API_GATEWAY_CLIENTS = new Set(['APIGatewayClient', 'ApiGatewayV2Client']);
// `any`: one recorder serves ten clients with different input/output types.
const recordIamAction: InitializeMiddleware<any, any> = (next, context) => (args) => {
  const client = context.clientName ?? '';
  const command = context.commandName?.replace(/Command$/, '') ?? '';
  actionsCalled.add(API_GATEWAY_CLIENTS.has(client) && command.startsWith('Get') ? 'apigateway:GET' : `${IAM_PREFIX_BY_CLIENT[client] ?? client}:${command}`);
  return next(args);
};
function recordActions(scopeClients: ScopeClients): ScopeClients {
  for (const client of Object.values(scopeClients)) client.middlewareStack.add(recordIamAction, { step: 'initialize', name: 'recordIamAction' });
  return scopeClients;
}

/**
 * Builds a scenario in a region of its own, so the sample account's targets stay as they are, and lists that
 * region through clients that record the actions they send.
 */
async function listRegionOfItsOwn<Scenario>(region: string, build: (settings: EmulatorSettings) => Promise<Scenario>) {
  const scenario = await build({ endpoint: moto.endpoint, credentials: moto.credentials, region });
  const regionClients = recordActions(createScopeClients(region, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 2 }));
  try {
    const inventory = await inventoryScope({ accountId: MOTO_ACCOUNT_ID, region }, regionClients, { candidatePorts });
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    return { scenario, inventory };
  } finally {
    for (const client of Object.values(regionClients)) client.destroy();
  }
}

beforeAll(async () => {
  moto = await startMoto();
  account = await buildSampleAccount({ endpoint: moto.endpoint, credentials: moto.credentials, region });
  clients = recordActions(createScopeClients(region, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 2 }));
});

afterAll(async () => {
  for (const client of Object.values(clients ?? {})) client.destroy();
  await moto?.stop();
});

/** The fields a person reads in an alert, one line per target, sorted. */
const lines = (targets: readonly ProbeTarget[]) =>
  targets.map((t) => `${t.resourceType} ${t.resourceId} [${t.nameTag ?? '-'}] ${t.address}:${t.port} ← ${t.reason}`).sort();

describe('Function: inventoryScope (moto)', () => {
  it('lists exactly the internet-reachable targets of the sample account', async () => {
    // Act
    const inventory = await inventoryScope(scope, clients, { candidatePorts });
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    const { securityGroups: sg, instances: i, dualStackInterface: dual, loadBalancers: lb } = account;
    const rule = (group: { groupId: string; groupName: string }, text: string) => `${group.groupId} (${group.groupName}) ${text}`;
    expect(lines(inventory.targets)).toEqual(
      [
        `ec2-instance ${i.ollama.instanceId} [prod-gpu] ${i.ollama.publicIp}:11434 ← ${rule(sg.ollamaOpen, 'tcp 11434 from 0.0.0.0/0')}`,
        `ec2-instance ${i.authJupyter.instanceId} [jupyter-team] ${i.authJupyter.publicIp}:8888 ← ${rule(sg.jupyterOpen, 'tcp 8888 from 0.0.0.0/0')}`,
        ...[6333, 8000, 8888, 11434].map(
          (port) => `ec2-instance ${i.wideOpen.instanceId} [scratch-box] ${i.wideOpen.publicIp}:${port} ← ${rule(sg.allTraffic, 'all traffic from 0.0.0.0/0')}`,
        ),
        `ec2-instance ${dual.instanceId} [inference-dualstack] ${dual.ipv6Address}:8080 ← ${rule(sg.ipv6Web, 'tcp 8080 from ::/0')}`,
        `elbv2 public-alb [web-entry] ${lb.publicAlb.dnsName}:80 ← listener HTTP:80`,
        `elbv2 public-alb [web-entry] ${lb.publicAlb.dnsName}:8080 ← listener HTTP:8080`,
        `elbv2 public-nlb [-] ${lb.publicNlb.dnsName}:443 ← listener TCP:443`,
        `elb-classic legacy-elb [legacy-notebooks] ${lb.classic.dnsName}:80 ← listener HTTP:80`,
        `elb-classic legacy-elb [legacy-notebooks] ${lb.classic.dnsName}:8888 ← listener TCP:8888`,
      ].sort(),
    );
  });

  it('gives every target a stable id, an ARN and its context', async () => {
    // Act
    const inventory = await inventoryScope(scope, clients, { candidatePorts });
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    const ollama = inventory.targets.find((t) => t.resourceId === account.instances.ollama.instanceId);
    expect(ollama).toEqual({
      targetId: `${MOTO_ACCOUNT_ID}/${region}/ec2-instance/${account.instances.ollama.instanceId}/${account.instances.ollama.publicIp}/11434`,
      accountId: MOTO_ACCOUNT_ID,
      region,
      resourceType: 'ec2-instance',
      resourceId: account.instances.ollama.instanceId,
      resourceArn: `arn:aws:ec2:${region}:${MOTO_ACCOUNT_ID}:instance/${account.instances.ollama.instanceId}`,
      nameTag: 'prod-gpu',
      address: account.instances.ollama.publicIp,
      port: 11434,
      reason: `${account.securityGroups.ollamaOpen.groupId} (gpu-open) tcp 11434 from 0.0.0.0/0`,
      context: expect.objectContaining({
        instanceId: account.instances.ollama.instanceId,
        securityGroups: `${account.securityGroups.ollamaOpen.groupId} (gpu-open)`,
        vpcId: account.vpcId,
      }),
    });
    const alb = inventory.targets.find((t) => t.resourceId === 'public-alb' && t.port === 80);
    expect(alb).toMatchObject({ resourceArn: account.loadBalancers.publicAlb.arn, context: { loadBalancerType: 'application', listenerProtocol: 'HTTP' } });
    expect(new Set(inventory.targets.map((t) => t.targetId)).size).toBe(inventory.targets.length);
  });

  it('records the SageMaker endpoint as an AI asset with its model, image and instance type', async () => {
    // Act
    const inventory = await inventoryScope(scope, clients, { candidatePorts });
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    const { sagemaker } = account;
    expect(inventory.assets).toEqual([
      {
        assetId: `${MOTO_ACCOUNT_ID}/${region}/sagemaker-endpoint/${sagemaker.endpointName}`,
        accountId: MOTO_ACCOUNT_ID,
        region,
        kind: 'sagemaker-endpoint',
        name: sagemaker.endpointName,
        arn: sagemaker.endpointArn,
        facts: {
          endpointStatus: 'InService',
          endpointConfigName: sagemaker.endpointConfigName,
          creationTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          lastModifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          'variant.AllTraffic.model': sagemaker.modelName,
          'variant.AllTraffic.instanceType': sagemaker.instanceType,
          'variant.AllTraffic.initialInstanceCount': '1',
          [`model.${sagemaker.modelName}.images`]: sagemaker.image,
          models: sagemaker.modelName,
          images: sagemaker.image,
          instanceTypes: sagemaker.instanceType,
        },
      },
    ]);
  });

  it('drops a target once its security-group rule is revoked', async () => {
    // Prepare
    const emulator = { endpoint: moto.endpoint, credentials: moto.credentials, region };
    await revokeOpenRule(emulator, account.securityGroups.jupyterOpen);
    // Act
    const inventory = await inventoryScope(scope, clients, { candidatePorts });
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    expect(inventory.targets.filter((t) => t.resourceId === account.instances.authJupyter.instanceId)).toEqual([]);
    expect(inventory.targets.some((t) => t.resourceId === account.instances.ollama.instanceId)).toBe(true);
  });

  it('finds an empty region ok and empty', async () => {
    // Prepare
    const emptyClients = createScopeClients('eu-west-1', { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 2 });
    // Act
    const inventory = await inventoryScope({ accountId: MOTO_ACCOUNT_ID, region: 'eu-west-1' }, emptyClients, { candidatePorts });
    // Assess
    expect(inventory).toEqual({ scope: { accountId: MOTO_ACCOUNT_ID, region: 'eu-west-1' }, ok: true, targets: [], assets: [], resources: [] });
  });

  it('lists every resource that could own a target, with or without one, so a revoked rule is not "resource gone"', async () => {
    // Act
    const inventory = await inventoryScope({ accountId: MOTO_ACCOUNT_ID, region }, clients, { candidatePorts });
    // Assess
    if (!inventory.ok) throw new Error(inventory.error);
    const { instances, loadBalancers } = account;
    expect(inventory.resources).toEqual(
      expect.arrayContaining([
        `ec2-instance/${instances.restrictedJupyter.instanceId}`,
        `ec2-instance/${instances.ollama.instanceId}`,
        `ec2-instance/${instances.privateOnly.instanceId}`,
        `elbv2/${loadBalancers.publicAlb.name}`,
        `elb-classic/${loadBalancers.classic.name}`,
      ]),
    );
    expect(inventory.resources).not.toContain(`elbv2/${loadBalancers.internalAlb.name}`);
    for (const target of inventory.targets) expect(inventory.resources).toContain(`${target.resourceType}/${target.resourceId}`);
  });

  it('fails the whole scope quickly and clearly when the endpoint is down', async () => {
    // Prepare
    const deadEndpoint = await closedLoopbackEndpoint();
    const deadClients = createScopeClients(region, { endpoint: deadEndpoint, credentials: moto.credentials, maxAttempts: 1 });
    const started = performance.now();
    // Act
    const inventory = await inventoryScope(scope, deadClients, { candidatePorts });
    // Assess
    expect(inventory.ok).toBe(false);
    expect(inventory).toMatchObject({ scope, error: expect.stringMatching(/^ec2:[A-Za-z]+ failed: .*ECONNREFUSED/) });
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('Function: inventoryScope, one service failing (moto)', () => {
  /** The sample account's clients, but for one service whose client points at a port nothing listens on. */
  async function clientsWithDead(service: keyof ScopeClients): Promise<ScopeClients> {
    const live = createScopeClients(region, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 2 });
    const dead = createScopeClients(region, { endpoint: await closedLoopbackEndpoint(), credentials: moto.credentials, maxAttempts: 1 });
    live[service].destroy();
    for (const [name, client] of Object.entries(dead)) if (name !== service) client.destroy();
    return { ...live, [service]: dead[service] };
  }

  /** Lists the sample account's scope with these clients, then destroys them. */
  async function listSampleScopeWith(partClients: ScopeClients): Promise<ScopeInventory> {
    try {
      return await inventoryScope(scope, partClients, { candidatePorts });
    } finally {
      for (const client of Object.values(partClients)) client.destroy();
    }
  }

  it('lists the rest of a scope whose Lambda API fails, and names the function URLs as not listed, with the error', async () => {
    // Prepare
    const partClients = await clientsWithDead('lambda');
    // Act
    const inventory = await listSampleScopeWith(partClients);
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    expect(inventory.unlisted).toEqual([
      { what: 'Lambda function URLs', resourceTypes: ['lambda-function'], assetKinds: [], error: expect.stringMatching(/^lambda:ListFunctions failed: .*ECONNREFUSED/) },
    ]);
    expect(inventory.targets.some((t) => t.resourceId === account.instances.ollama.instanceId)).toBe(true);
    expect(inventory.targets.some((t) => t.resourceType === 'elbv2')).toBe(true);
    expect(inventory.assets).toHaveLength(1);
  });

  it('reads a service offered in some regions only, whose endpoint name does not resolve, as not offered there, and any other service as missed', async () => {
    // Prepare: the DNS failure is raised where the SDK would send, so no name is looked up (no traffic leaves loopback)
    const partClients = createScopeClients(region, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 1 });
    const unresolvable: FinalizeRequestMiddleware<any, any> = () => () =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND service.ap-east-2.amazonaws.com'), { code: 'ENOTFOUND', syscall: 'getaddrinfo' }));
    partClients.agentcore.middlewareStack.add(unresolvable, { step: 'finalizeRequest', name: 'unresolvable' });
    partClients.opensearch.middlewareStack.add(unresolvable, { step: 'finalizeRequest', name: 'unresolvable' });
    // Act
    const inventory = await listSampleScopeWith(partClients);
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    expect(inventory.unlisted).toEqual([
      expect.objectContaining({ what: 'AgentCore gateways', notOffered: true, error: expect.stringMatching(/^bedrock-agentcore:ListGateways failed: .*ENOTFOUND/) }),
      { what: 'OpenSearch Service domains', resourceTypes: ['opensearch-domain'], assetKinds: [], error: expect.stringMatching(/^es:ListDomainNames failed: .*ENOTFOUND/) },
    ]);
    expect(listedInPart(inventory)).toBe(true);
    expect(listedInPart({ ...inventory, unlisted: (inventory.unlisted ?? []).filter((part) => part.notOffered) })).toBe(false);
  });

  it('reads AgentCore whose endpoint refuses as missed, not as not offered', async () => {
    // Prepare
    const partClients = await clientsWithDead('agentcore');
    // Act
    const inventory = await listSampleScopeWith(partClients);
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    expect(inventory.unlisted).toEqual([
      { what: 'AgentCore gateways', resourceTypes: ['agentcore-gateway'], assetKinds: [], error: expect.stringMatching(/^bedrock-agentcore:ListGateways failed: .*ECONNREFUSED/) },
    ]);
  });

  it('fails the whole scope when its EC2 API fails, though the other services answer', async () => {
    // Prepare
    const partClients = await clientsWithDead('ec2');
    // Act
    const inventory = await listSampleScopeWith(partClients);
    // Assess
    expect(inventory).toEqual({ scope, ok: false, error: expect.stringMatching(/^ec2:[A-Za-z]+ failed: .*ECONNREFUSED/) });
  });
});

describe('Function: inventoryScope, rules open to the internet without naming 0.0.0.0/0 (moto)', () => {
  it('counts rules from a prefix list that holds 0.0.0.0/0 or its halves, and from the halves themselves, as internet-open, and one from an office list as not', async () => {
    // Prepare and act: the scenario in a region of its own
    const { scenario, inventory } = await listRegionOfItsOwn('eu-west-2', buildPrefixListScenario);
    // Assess
    const { instance, group } = scenario;
    const rule = (text: string) => `ec2-instance ${instance.instanceId} [agent-demo] ${instance.publicIp}:${text.split(' ')[1]} ← ${group.groupId} (${group.groupName}) ${text}`;
    expect(lines(inventory.targets)).toEqual(
      [
        rule(`tcp 8000 from ${scenario.wholeInternetList} (holds 0.0.0.0/0)`),
        rule(`tcp 8501 from ${scenario.halvesList} (0.0.0.0/1) + ${scenario.halvesList} (128.0.0.0/1) (together 0.0.0.0/0)`),
        rule('tcp 7860 from 0.0.0.0/1 + 128.0.0.0/1 (together 0.0.0.0/0)'),
      ].sort(),
    );
  });
});

describe('Function: inventoryScope, Lambda function URLs (moto)', () => {
  // A region of its own, so the sample account's targets stay as they are.
  const functionsRegion = 'eu-central-1';
  const functionsScope = { accountId: MOTO_ACCOUNT_ID, region: functionsRegion };
  let scenario: FunctionUrlScenario;
  let functionsClients: ScopeClients;

  beforeAll(async () => {
    scenario = await buildFunctionUrlScenario({ endpoint: moto.endpoint, credentials: moto.credentials, region: functionsRegion });
    functionsClients = recordActions(createScopeClients(functionsRegion, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 2 }));
  });

  afterAll(() => {
    for (const client of Object.values(functionsClients ?? {})) client.destroy();
  });

  it('makes a URL anyone may invoke a TLS target on 443, and lists every function as a resource', async () => {
    // Act
    const inventory = await inventoryScope(functionsScope, functionsClients, { candidatePorts });
    // Assess
    if (!inventory.ok) throw new Error(`inventory failed: ${inventory.error}`);
    const { openFunction, iamFunction, plainFunction } = scenario;
    expect(inventory.targets).toEqual([
      {
        targetId: `${MOTO_ACCOUNT_ID}/${functionsRegion}/lambda-function/${openFunction.name}/${openFunction.host}/443`,
        accountId: MOTO_ACCOUNT_ID,
        region: functionsRegion,
        resourceType: 'lambda-function',
        resourceId: openFunction.name,
        resourceArn: openFunction.arn,
        address: openFunction.host,
        port: 443,
        reason: 'function URL with AuthType NONE (anyone may invoke it)',
        context: { functionUrl: openFunction.url, authType: 'NONE', invokeMode: 'BUFFERED', runtime: 'python3.12' },
        tlsExpected: true,
      },
    ]);
    expect(openFunction.host).toMatch(new RegExp(`\\.lambda-url\\.${functionsRegion}\\.on\\.aws$`));
    expect(inventory.targets.map((t) => t.address)).not.toContain(new URL(iamFunction.url).hostname);
    expect(inventory.resources).toEqual([openFunction.name, iamFunction.name, plainFunction.name].map((name) => `lambda-function/${name}`).sort());
  });

  it('stops at its time budget with a clear error, mid-listing, so the scope can list the rest', async () => {
    // Prepare: the budget runs out once the first URL config has been read
    const budget = new AbortController();
    const lambda = createScopeClients(functionsRegion, { endpoint: moto.endpoint, credentials: moto.credentials, maxAttempts: 1 }).lambda;
    lambda.middlewareStack.add(
      (next, context) => async (args) => {
        const output = await next(args);
        if (context.commandName === 'GetFunctionUrlConfigCommand') budget.abort();
        return output;
      },
      { step: 'initialize', name: 'budgetRunsOut' },
    );
    try {
      // Act
      const listing = listFunctionUrlTargets(functionsScope, lambda, { signal: budget.signal });
      // Assess
      await expect(listing).rejects.toThrow(InventoryError);
      await expect(listing).rejects.toThrow(
        /^lambda: the function-URL listing stopped at its 80 s budget, with [0-2] of 3 functions read \(Lambda answers about 15 control-plane calls a second per account\)$/,
      );
    } finally {
      lambda.destroy();
    }
  });
});

describe('Function: inventoryScope, API Gateway APIs (moto)', () => {
  it('makes every stage served on a public execute-api endpoint or mapped by a custom domain a TLS target on 443 under its path, and lists every stage', async () => {
    // Prepare and act: the scenario in a region of its own
    const apisRegion = 'ap-southeast-2';
    const { scenario, inventory } = await listRegionOfItsOwn(apisRegion, buildApiGatewayScenario);
    // Assess
    const { publicRest, privateRest, publicHttp, disabledHttp, restDomain, httpDomain } = scenario;
    const restHost = `${publicRest.id}.execute-api.${apisRegion}.amazonaws.com`;
    expect(inventory.targets.map((t) => `${t.resourceType} ${t.resourceId} ${t.address}:${t.port}${t.basePath ?? ''} tls=${t.tlsExpected} ← ${t.reason}`).sort()).toEqual(
      [
        `apigateway-rest-api ${publicRest.id}/prod ${restHost}:443/prod tls=true ← stage prod of REST API chat-proxy on its public execute-api endpoint`,
        `apigateway-http-api ${publicHttp.id}/$default ${publicHttp.host}:443 tls=true ← stage $default of HTTP API llm-gateway on its public execute-api endpoint`,
        `apigateway-http-api ${publicHttp.id}/beta ${publicHttp.host}:443/beta tls=true ← stage beta of HTTP API llm-gateway on its public execute-api endpoint`,
        `apigateway-rest-api ${publicRest.id}/prod ${restDomain}:443/chat tls=true ← custom domain ${restDomain}/chat → stage prod of REST API chat-proxy`,
        `apigateway-http-api ${disabledHttp.id}/$default ${httpDomain}:443 tls=true ← custom domain ${httpDomain}/ → stage $default of HTTP API behind-custom-domain`,
      ].sort(),
    );
    expect(new Set(inventory.targets.map((t) => t.targetId)).size).toBe(inventory.targets.length);
    expect(inventory.targets.find((t) => t.resourceId === `${publicRest.id}/prod`)).toMatchObject({
      resourceArn: `arn:aws:apigateway:${apisRegion}::/restapis/${publicRest.id}/stages/prod`,
      context: { apiType: 'REST', apiId: publicRest.id, apiName: 'chat-proxy', endpointType: 'REGIONAL', stage: 'prod', invokeUrl: `https://${restHost}/prod` },
    });
    expect(inventory.resources).toEqual(
      [
        `apigateway-rest-api/${publicRest.id}/prod`,
        `apigateway-rest-api/${privateRest.id}/prod`,
        `apigateway-http-api/${publicHttp.id}/$default`,
        `apigateway-http-api/${publicHttp.id}/beta`,
        `apigateway-http-api/${disabledHttp.id}/$default`,
      ].sort(),
    );
  });
});

describe('Function: inventoryScope, OpenSearch Service domains (moto)', () => {
  it('makes every domain with a public endpoint a TLS target on 443 with its access policy in a few words, and lists every domain', async () => {
    // Prepare and act: the scenario in a region of its own
    const { scenario, inventory } = await listRegionOfItsOwn('ca-central-1', buildOpenSearchScenario);
    // Assess
    const { openDomain, signedDomain, officeDomain, vpcDomain } = scenario;
    expect(inventory.targets.map((t) => `${t.resourceType} ${t.resourceId} ${t.address}:${t.port} tls=${t.tlsExpected} ← ${t.reason}`).sort()).toEqual(
      [
        `opensearch-domain ${openDomain.name} ${openDomain.endpoint}:443 tls=true ← OpenSearch Service domain with a public endpoint (access policy: allows anyone (Principal "*", no condition))`,
        `opensearch-domain ${signedDomain.name} ${signedDomain.endpoint}:443 tls=true ← OpenSearch Service domain with a public endpoint (access policy: named principals only (requests must be signed))`,
        `opensearch-domain ${officeDomain.name} ${officeDomain.endpoint}:443 tls=true ← OpenSearch Service domain with a public endpoint (access policy: allows anyone, if aws:SourceIp)`,
      ].sort(),
    );
    expect(inventory.targets.find((t) => t.resourceId === openDomain.name)).toMatchObject({
      resourceArn: openDomain.arn,
      context: { engineVersion: 'OpenSearch_2.19', accessPolicy: 'allows anyone (Principal "*", no condition)', fineGrainedAccessControl: 'off' },
    });
    expect(inventory.targets.find((t) => t.resourceId === signedDomain.name)?.context).toMatchObject({ fineGrainedAccessControl: 'on, internal user database' });
    expect(inventory.targets.find((t) => t.resourceId === officeDomain.name)?.context).toMatchObject({
      engineVersion: 'Elasticsearch_7.10',
      enforceHttps: 'off (also answers plain HTTP on 80)',
      customEndpoint: 'search.example.com',
    });
    expect(inventory.resources).toEqual([openDomain.name, signedDomain.name, officeDomain.name, vpcDomain.name].map((name) => `opensearch-domain/${name}`).sort());
  });
});

describe('Function: inventoryScope, AgentCore gateways (moto)', () => {
  it('makes every serving gateway a caller without AWS credentials reaches a TLS target on 443, and lists every gateway', async () => {
    // Prepare and act: the scenario in a region of its own
    const { scenario, inventory } = await listRegionOfItsOwn('us-west-2', buildAgentCoreScenario);
    // Assess
    const { openGateway, jwtGateway, iamGateway } = scenario;
    expect(inventory.targets.map((t) => `${t.resourceType} ${t.resourceId} ${t.address}:${t.port}${t.basePath ?? ''} tls=${t.tlsExpected} ← ${t.reason}`).sort()).toEqual(
      [
        `agentcore-gateway ${openGateway.id} ${openGateway.host}:443 tls=true ← AgentCore gateway public-tools with inbound authorization NONE (anyone may list and call its tools)`,
        `agentcore-gateway ${jwtGateway.id} ${jwtGateway.host}:443 tls=true ← AgentCore gateway partner-tools with inbound authorization CUSTOM_JWT (a bearer token from its identity provider)`,
      ].sort(),
    );
    expect(inventory.targets.find((t) => t.resourceId === openGateway.id)).toMatchObject({
      resourceArn: openGateway.arn,
      context: { gatewayUrl: `https://${openGateway.host}`, authorizerType: 'NONE', protocolType: 'MCP', mcpVersions: '2026-07-28', status: 'READY' },
    });
    expect(inventory.resources).toEqual([openGateway.id, jwtGateway.id, iamGateway.id].map((id) => `agentcore-gateway/${id}`).sort());
  });
});

describe('Function: listEnabledRegions (moto)', () => {
  it('lists the enabled regions, sorted, without the opt-in ones', async () => {
    // Act
    const regions = await listEnabledRegions(clients.ec2);
    // Assess
    expect(regions).toContain('us-east-1');
    expect(regions).toContain('eu-west-1');
    expect(regions).not.toContain('ap-east-1');
    expect(regions).toEqual([...regions].sort());
  });
});

describe('Constant: INVENTORY_IAM_ACTIONS', () => {
  // Runs after the tests above have driven every listing through the recording clients.
  it('is exactly the set of actions the inventory called', () => {
    expect([...actionsCalled].sort()).toEqual([...INVENTORY_IAM_ACTIONS].sort());
  });
});

/** An endpoint on a loopback port nothing listens on: bind a free port, then release it. */
async function closedLoopbackEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return `http://127.0.0.1:${address.port}`;
}
