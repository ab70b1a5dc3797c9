import type { DistributionSummary } from '@aws-sdk/client-cloudfront';
import { describe, expect, it } from 'vitest';
import { gatewayTarget, type Gateway } from '../../../lambdas/inventory/agentcore-gateways.js';
import { apiStageTarget, domainMappingTarget, executeApiHost } from '../../../lambdas/inventory/api-gateways.js';
import { distributionTarget } from '../../../lambdas/inventory/cloudfront-distributions.js';
import { functionUrlTarget } from '../../../lambdas/inventory/function-urls.js';
import { loadBalancerTargets } from '../../../lambdas/inventory/load-balancers.js';
import { accessPolicySummary, domainTarget } from '../../../lambdas/inventory/opensearch-domains.js';
import { endpointAsset } from '../../../lambdas/inventory/sagemaker-assets.js';

const scope = { accountId: '123456789012', region: 'us-east-1' };

describe('Function: loadBalancerTargets', () => {
  const base = {
    scope,
    resourceType: 'elbv2' as const,
    name: 'public-alb',
    arn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/public-alb/1',
    dnsName: 'public-alb-1.us-east-1.elb.amazonaws.com',
    nameTag: 'web-entry',
    context: { loadBalancerType: 'application' },
  };

  it('gives one target per TCP listener port, sorted, with the listener as the reason', () => {
    // Act
    const targets = loadBalancerTargets({
      ...base,
      listeners: [
        { protocol: 'HTTPS', port: 443 },
        { protocol: 'HTTP', port: 80 },
        { protocol: 'UDP', port: 53 },
        { protocol: 'GENEVE', port: 6081 },
        { protocol: 'TCP_UDP', port: 8443 },
      ],
    });
    // Assess
    expect(targets.map((t) => [t.address, t.port, t.reason])).toEqual([
      ['public-alb-1.us-east-1.elb.amazonaws.com', 80, 'listener HTTP:80'],
      ['public-alb-1.us-east-1.elb.amazonaws.com', 443, 'listener HTTPS:443'],
      ['public-alb-1.us-east-1.elb.amazonaws.com', 8443, 'listener TCP_UDP:8443'],
    ]);
    expect(targets[0]).toEqual({
      targetId: '123456789012/us-east-1/elbv2/public-alb/public-alb-1.us-east-1.elb.amazonaws.com/80',
      accountId: '123456789012',
      region: 'us-east-1',
      resourceType: 'elbv2',
      resourceId: 'public-alb',
      resourceArn: base.arn,
      nameTag: 'web-entry',
      address: base.dnsName,
      port: 80,
      reason: 'listener HTTP:80',
      context: { loadBalancerType: 'application', listenerProtocol: 'HTTP' },
    });
  });

  it('marks the listeners that terminate TLS, so the prober starts with a handshake there', () => {
    const targets = loadBalancerTargets({
      ...base,
      listeners: [
        { protocol: 'HTTPS', port: 443 },
        { protocol: 'tls', port: 8443 },
        { protocol: 'SSL', port: 9443 },
        { protocol: 'HTTP', port: 80 },
        { protocol: 'TCP', port: 8080 },
      ],
    });
    expect(targets.map((t) => [t.port, t.tlsExpected])).toEqual([
      [80, undefined],
      [443, true],
      [8080, undefined],
      [8443, true],
      [9443, true],
    ]);
  });

  it('gives a port served by two listeners one target', () => {
    const targets = loadBalancerTargets({ ...base, listeners: [{ protocol: 'TCP', port: 443 }, { protocol: 'TCP_UDP', port: 443 }] });
    expect(targets.map((t) => t.reason)).toEqual(['listener TCP:443']);
  });
});

describe('Function: endpointAsset', () => {
  const created = new Date('2026-01-02T03:04:05.000Z');
  const modified = new Date('2026-02-03T04:05:06.000Z');
  const endpoint = {
    EndpointName: 'llm-endpoint',
    EndpointArn: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/llm-endpoint',
    EndpointConfigName: 'llm-config',
    EndpointStatus: 'InService' as const,
    CreationTime: created,
    LastModifiedTime: modified,
    ProductionVariants: [{ VariantName: 'AllTraffic', DeployedImages: [{ ResolvedImage: 'repo/my-llm@sha256:abc' }] }],
  };

  it('records status, times, models, images and instance types under stable keys', () => {
    // Act
    const asset = endpointAsset(scope, {
      endpoint,
      config: {
        found: true,
        value: {
          EndpointConfigName: 'llm-config',
          ProductionVariants: [
            { VariantName: 'AllTraffic', ModelName: 'my-llm', InstanceType: 'ml.g5.xlarge', InitialInstanceCount: 2 },
            { VariantName: 'Canary', ModelName: 'pipeline', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } },
          ],
        } as never,
      },
      models: new Map([
        ['pipeline', { found: true, value: { ModelName: 'pipeline', Containers: [{ Image: 'repo/pre:2' }, { Image: 'repo/llm:1' }] } as never }],
        ['my-llm', { found: true, value: { ModelName: 'my-llm', PrimaryContainer: { Image: 'repo/my-llm:1.4.2' } } as never }],
      ]),
    });
    // Assess
    expect(asset).toEqual({
      assetId: '123456789012/us-east-1/sagemaker-endpoint/llm-endpoint',
      accountId: '123456789012',
      region: 'us-east-1',
      kind: 'sagemaker-endpoint',
      name: 'llm-endpoint',
      arn: endpoint.EndpointArn,
      facts: {
        endpointStatus: 'InService',
        endpointConfigName: 'llm-config',
        creationTime: '2026-01-02T03:04:05.000Z',
        lastModifiedTime: '2026-02-03T04:05:06.000Z',
        'variant.AllTraffic.model': 'my-llm',
        'variant.AllTraffic.instanceType': 'ml.g5.xlarge',
        'variant.AllTraffic.initialInstanceCount': '2',
        'variant.AllTraffic.deployedImages': 'repo/my-llm@sha256:abc',
        'variant.Canary.model': 'pipeline',
        'variant.Canary.instanceType': 'serverless 2048 MB',
        'model.my-llm.images': 'repo/my-llm:1.4.2',
        'model.pipeline.images': 'repo/pre:2, repo/llm:1',
        models: 'my-llm, pipeline',
        images: 'repo/llm:1, repo/my-llm:1.4.2, repo/pre:2',
        instanceTypes: 'ml.g5.xlarge, serverless 2048 MB',
      },
    });
  });

  it('says so when the config or a model was deleted under a running endpoint', () => {
    const noConfig = endpointAsset(scope, { endpoint, config: { found: false }, models: new Map() });
    expect(noConfig.facts['endpointConfig']).toBe('deleted (the endpoint still serves it)');

    const noModel = endpointAsset(scope, {
      endpoint,
      config: { found: true, value: { ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'gone', InstanceType: 'ml.m5.large' }] } as never },
      models: new Map([['gone', { found: false }]]),
    });
    expect(noModel.facts['model.gone.images']).toBe('deleted (the endpoint still serves it)');
    expect(noModel.facts['models']).toBe('gone');
  });
});

describe('Function: functionUrlTarget', () => {
  const host = 'abcdefghijklmnopqrstuvwxyz234567.lambda-url.us-east-1.on.aws';
  const url = {
    functionName: 'chat-proxy',
    config: { FunctionUrl: `https://${host}/`, FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:chat-proxy', AuthType: 'NONE' as const, InvokeMode: 'RESPONSE_STREAM' as const },
    runtime: 'container image',
  };

  it("makes an alias's URL anyone may invoke a target named by its function, with the alias in the reason and context", () => {
    // Act
    const target = functionUrlTarget(scope, { ...url, qualifier: 'live', config: { ...url.config, FunctionArn: `${url.config.FunctionArn}:live` } });
    // Assess
    expect(target).toMatchObject({
      resourceType: 'lambda-function',
      resourceId: 'chat-proxy',
      resourceArn: 'arn:aws:lambda:us-east-1:123456789012:function:chat-proxy:live',
      address: host,
      port: 443,
      tlsExpected: true,
      reason: 'function URL of alias live with AuthType NONE (anyone may invoke it)',
      context: { alias: 'live', invokeMode: 'RESPONSE_STREAM', runtime: 'container image' },
    });
  });

  it('makes no target of a URL that demands IAM signatures, or of a config without a URL', () => {
    // Act + Assess
    expect(functionUrlTarget(scope, { ...url, config: { ...url.config, AuthType: 'AWS_IAM' } })).toBeUndefined();
    expect(functionUrlTarget(scope, { ...url, config: { ...url.config, FunctionUrl: undefined } })).toBeUndefined();
  });
});

describe('Function: apiStageTarget', () => {
  const stage = { apiType: 'HTTP' as const, apiId: 'a1b2c3d4e5', apiName: 'llm-gateway', host: executeApiHost('a1b2c3d4e5', 'us-east-1'), stage: '$default', publicEndpoint: true };

  it("serves an HTTP API's $default stage at the root, and any other stage under its name, encoded", () => {
    // Act
    const root = apiStageTarget(scope, stage);
    const named = apiStageTarget(scope, { ...stage, stage: 'v2 beta' });
    // Assess
    expect(root).toMatchObject({ resourceType: 'apigateway-http-api', resourceId: 'a1b2c3d4e5/$default', address: 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com', port: 443 });
    expect(root).not.toHaveProperty('basePath');
    expect(root?.context).toMatchObject({ invokeUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/' });
    expect(named).toMatchObject({ basePath: '/v2%20beta', context: { invokeUrl: 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/v2%20beta' } });
  });

  it('makes no target of a stage whose API is private or has its execute-api endpoint disabled', () => {
    expect(apiStageTarget(scope, { ...stage, publicEndpoint: false })).toBeUndefined();
  });

  it("puts a custom domain's mapping under its path, each segment encoded, and names the stage it maps", () => {
    // Act
    const mapped = domainMappingTarget(scope, { domain: 'api.example.com', key: 'orders/v 2', apiId: 'r1s2t3u4v5', stage: 'prod' }, { apiType: 'REST', apiName: 'orders' });
    const root = domainMappingTarget(scope, { domain: 'llm.example.com', key: '', apiId: 'a1b2c3d4e5', stage: '$default' }, undefined);
    // Assess
    expect(mapped).toMatchObject({
      resourceType: 'apigateway-rest-api',
      resourceId: 'r1s2t3u4v5/prod',
      address: 'api.example.com',
      port: 443,
      basePath: '/orders/v%202',
      reason: 'custom domain api.example.com/orders/v%202 → stage prod of REST API orders',
      tlsExpected: true,
    });
    expect(root).toMatchObject({ resourceType: 'apigateway-http-api', resourceId: 'a1b2c3d4e5/$default', reason: 'custom domain llm.example.com/ → stage $default of HTTP API' });
    expect(root).not.toHaveProperty('basePath');
  });

  it('names the endpoint in the China partition by its own domain', () => {
    expect(executeApiHost('a1b2c3d4e5', 'cn-north-1')).toBe('a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn');
  });
});

describe('Function: accessPolicySummary', () => {
  const policyOf = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
  const allow = { Effect: 'Allow', Action: 'es:*', Resource: 'arn:aws:es:us-east-1:123456789012:domain/d/*' };

  it.each([
    ['Principal "*"', policyOf({ ...allow, Principal: '*' }), 'allows anyone (Principal "*", no condition)'],
    ['{"AWS": "*"}', policyOf({ ...allow, Principal: { AWS: '*' } }), 'allows anyone (Principal "*", no condition)'],
    ['"*" among named accounts', policyOf({ ...allow, Principal: { AWS: ['arn:aws:iam::123456789012:root', '*'] } }), 'allows anyone (Principal "*", no condition)'],
    [
      'an unconditioned statement beside a conditioned one',
      policyOf({ ...allow, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }, { ...allow, Principal: '*' }),
      'allows anyone (Principal "*", no condition)',
    ],
    [
      'conditions, named by key',
      policyOf(
        { ...allow, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } },
        { ...allow, Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' }, IpAddress: { 'aws:SourceIp': '198.51.100.7/32' } } },
      ),
      'allows anyone, if aws:PrincipalOrgID, aws:SourceIp',
    ],
    ['a condition block that is not an object', policyOf({ ...allow, Principal: '*', Condition: 'aws:SourceIp' }), 'allows anyone, if its conditions hold'],
    ['a named role', policyOf({ ...allow, Principal: { AWS: 'arn:aws:iam::123456789012:role/app' } }), 'named principals only (requests must be signed)'],
    ['a Deny to everyone', policyOf({ ...allow, Effect: 'Deny', Principal: '*' }), 'allows no one'],
    ['one statement, not a list', JSON.stringify({ Statement: { ...allow, Principal: '*' } }), 'allows anyone (Principal "*", no condition)'],
    ['no policy', undefined, "none (only the account's IAM identities, signed)"],
    ['an empty policy', '', "none (only the account's IAM identities, signed)"],
    ['text that is not JSON', '{"Statement": [', 'unreadable (not JSON)'],
  ])('%s', (_case, policy, expected) => {
    expect(accessPolicySummary(policy)).toBe(expected);
  });
});

describe('Function: domainTarget', () => {
  const domain = {
    DomainId: '123456789012/rag-vectors',
    DomainName: 'rag-vectors',
    ARN: 'arn:aws:es:us-east-1:123456789012:domain/rag-vectors',
    Endpoint: 'search-rag-vectors-abc123.us-east-1.es.amazonaws.com',
    EngineVersion: 'OpenSearch_2.19',
    ClusterConfig: {},
  };

  it('makes a public endpoint a TLS target on 443, named by the domain', () => {
    // Act
    const target = domainTarget(scope, domain);
    // Assess
    expect(target).toMatchObject({
      resourceType: 'opensearch-domain',
      resourceId: 'rag-vectors',
      resourceArn: domain.ARN,
      address: domain.Endpoint,
      port: 443,
      tlsExpected: true,
      context: { engineVersion: 'OpenSearch_2.19', accessPolicy: "none (only the account's IAM identities, signed)", fineGrainedAccessControl: 'off' },
    });
    expect(target?.basePath).toBeUndefined();
  });

  it('says when fine-grained access control lets anonymous users in, and when Dashboards logs in with Cognito', () => {
    // Act
    const target = domainTarget(scope, {
      ...domain,
      AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: false, AnonymousAuthEnabled: true },
      CognitoOptions: { Enabled: true },
    });
    // Assess
    expect(target?.context).toMatchObject({ fineGrainedAccessControl: 'on, anonymous access on', dashboardsLogin: 'Amazon Cognito' });
  });

  it('gives none for a domain in a VPC, or one being deleted', () => {
    expect(domainTarget(scope, { ...domain, Endpoint: undefined, Endpoints: { vpc: 'vpc-rag-vectors-abc123.us-east-1.es.amazonaws.com' } })).toBeUndefined();
    expect(domainTarget(scope, { ...domain, Deleted: true })).toBeUndefined();
  });
});

describe('Function: distributionTarget', () => {
  const customOrigin = (id: string, domainName: string) => ({ Id: id, DomainName: domainName, CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' as const } });
  const distribution = {
    Id: 'E2EXAMPLE1',
    ARN: 'arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE1',
    DomainName: 'd111111abcdef8.cloudfront.net',
    Enabled: true,
    Comment: '',
    Origins: { Quantity: 1, Items: [customOrigin('app', 'chat-alb-1.us-east-1.elb.amazonaws.com')] },
    DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'redirect-to-https' as const },
  } as unknown as DistributionSummary;

  it('makes a distribution in front of a custom origin a TLS target on 443 of its cloudfront.net name', () => {
    // Act
    const target = distributionTarget(scope, distribution);
    // Assess
    expect(target).toMatchObject({
      resourceType: 'cloudfront-distribution',
      resourceId: 'E2EXAMPLE1',
      address: 'd111111abcdef8.cloudfront.net',
      port: 443,
      tlsExpected: true,
      reason: 'CloudFront distribution (global) in front of origin chat-alb-1.us-east-1.elb.amazonaws.com',
      context: { origins: 'origin chat-alb-1.us-east-1.elb.amazonaws.com', defaultOrigin: 'app', webAcl: 'none' },
    });
    expect(target?.context).not.toHaveProperty('comment');
  });

  it('names a VPC origin, the one way to an internal load balancer, and counts the origins beyond five', () => {
    // Prepare
    const vpcOrigin = { Id: 'internal', DomainName: 'internal-chat-1.us-east-1.elb.amazonaws.com', VpcOriginConfig: { VpcOriginId: 'vo_0123456789abcdef' } };
    const others = Array.from({ length: 6 }, (_, i) => customOrigin(`o${i}`, `origin-${i}.example.com`));
    // Act
    const target = distributionTarget(scope, { ...distribution, Origins: { Quantity: 7, Items: [vpcOrigin, ...others] } } as DistributionSummary);
    // Assess
    expect(target?.reason).toBe('CloudFront distribution (global) in front of VPC origin vo_0123456789abcdef and 6 more');
    expect(target?.context?.origins).toBe('VPC origin vo_0123456789abcdef; origin origin-0.example.com; origin origin-1.example.com; origin origin-2.example.com; origin origin-3.example.com; and 2 more');
  });

  it.each([
    ['an S3 origin', { Id: 'b', DomainName: 'site.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }],
    ['a regional S3 REST endpoint set up as a custom origin', customOrigin('b', 'site.s3.eu-west-1.amazonaws.com')],
    ['an S3 website endpoint', customOrigin('b', 'site.s3-website-us-east-1.amazonaws.com')],
    ['an S3 website endpoint, dotted form', customOrigin('b', 'site.s3-website.eu-central-1.amazonaws.com')],
    ['an S3 access point', customOrigin('b', 'files-123456789012.s3-accesspoint.us-east-1.amazonaws.com')],
  ])('gives none for a distribution of %s only', (_case, origin) => {
    expect(distributionTarget(scope, { ...distribution, Origins: { Quantity: 1, Items: [origin] } } as DistributionSummary)).toBeUndefined();
  });

  it('keeps a distribution whose default origin is a bucket but another is not, and one whose origin only looks like S3', () => {
    const bucket = { Id: 'b', DomainName: 'site.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } };
    const withApi = distributionTarget(scope, { ...distribution, Origins: { Quantity: 2, Items: [bucket, customOrigin('api', 'api.example.com')] } } as DistributionSummary);
    expect(withApi?.reason).toBe('CloudFront distribution (global) in front of origin api.example.com');
    expect(distributionTarget(scope, { ...distribution, Origins: { Quantity: 1, Items: [customOrigin('x', 's3.example.com')] } } as DistributionSummary)).toBeDefined();
  });

  it('gives none for a disabled distribution', () => {
    expect(distributionTarget(scope, { ...distribution, Enabled: false })).toBeUndefined();
  });
});

describe('Function: gatewayTarget', () => {
  const gateway: Gateway & { arn: string } = {
    summary: { gatewayId: 'public-tools-a1b2c3d4e5', name: 'public-tools', status: 'READY', authorizerType: 'NONE', protocolType: 'MCP' },
    url: 'https://public-tools-a1b2c3d4e5.gateway.bedrock-agentcore.us-east-1.amazonaws.com/mcp',
    arn: 'arn:aws:bedrock-agentcore:us-east-1:123456789012:gateway/public-tools-a1b2c3d4e5',
  };

  it('makes a gateway anyone may call a TLS target on 443, its /mcp left to the catalog\'s requests', () => {
    // Act
    const target = gatewayTarget(scope, gateway);
    // Assess
    expect(target).toMatchObject({
      resourceType: 'agentcore-gateway',
      resourceId: 'public-tools-a1b2c3d4e5',
      resourceArn: gateway.arn,
      address: 'public-tools-a1b2c3d4e5.gateway.bedrock-agentcore.us-east-1.amazonaws.com',
      port: 443,
      tlsExpected: true,
      reason: 'AgentCore gateway public-tools with inbound authorization NONE (anyone may list and call its tools)',
      context: { gatewayUrl: gateway.url, authorizerType: 'NONE', protocolType: 'MCP', status: 'READY' },
    });
    expect(target?.basePath).toBeUndefined();
  });

  it('keeps a path the URL puts before /mcp', () => {
    expect(gatewayTarget(scope, { ...gateway, url: 'https://tools.example.com/team-a/mcp' })?.basePath).toBe('/team-a');
  });

  it('names the MCP revisions the gateway is set to speak, when it names any', () => {
    expect(gatewayTarget(scope, { ...gateway, mcpVersions: ['2025-11-25', '2026-07-28'] })?.context?.mcpVersions).toBe('2025-11-25, 2026-07-28');
    expect(gatewayTarget(scope, { ...gateway, mcpVersions: [] })?.context).not.toHaveProperty('mcpVersions');
  });

  it.each([['CUSTOM_JWT'], ['AUTHENTICATE_ONLY']] as const)('makes a gateway with %s inbound authorization a target: the gateway itself refuses, which the probe sees', (authorizerType) => {
    expect(gatewayTarget(scope, { ...gateway, summary: { ...gateway.summary, authorizerType } })?.context?.authorizerType).toBe(authorizerType);
  });

  it.each([
    ['demands IAM signatures', { authorizerType: 'AWS_IAM' }],
    ['names an authorization this code does not know', { authorizerType: 'constructor' }],
    ['is being created', { status: 'CREATING' }],
    ['failed', { status: 'FAILED' }],
    ['is being deleted', { status: 'DELETING' }],
  ])('gives none for a gateway that %s', (_case, change) => {
    expect(gatewayTarget(scope, { ...gateway, summary: { ...gateway.summary, ...change } as Gateway['summary'] })).toBeUndefined();
  });

  it.each([['UPDATING'], ['UPDATE_UNSUCCESSFUL']])('keeps a gateway %s: it serves its last good configuration', (status) => {
    expect(gatewayTarget(scope, { ...gateway, summary: { ...gateway.summary, status } as Gateway['summary'] })).toBeDefined();
  });
});
