/**
 * Builds a realistic emulated AWS account in moto for the inventory, integration and end-to-end
 * tests: a VPC with public subnets, security groups that do and do not open AI ports to the
 * internet, instances with public addresses and Name tags, load balancers and a SageMaker endpoint
 * (and, in regions of their own, rules from prefix lists, Lambda function URLs, API Gateway APIs and
 * OpenSearch Service domains, AgentCore gateways; and CloudFront distributions, which are global).
 * It only calls the emulator's API; nothing here connects to the addresses moto hands out.
 */
import {
  AllocateAddressCommand,
  AssociateAddressCommand,
  AttachInternetGatewayCommand,
  AttachNetworkInterfaceCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateManagedPrefixListCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  AssociateRouteTableCommand,
  ModifySubnetAttributeCommand,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  type IpPermission,
} from '@aws-sdk/client-ec2';
import { CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand, ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  type ProtocolEnum,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  APIGatewayClient,
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand as CreateRestDomainNameCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateApiMappingCommand, CreateDomainNameCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { BedrockAgentCoreControlClient, CreateGatewayCommand, type AuthorizerType } from '@aws-sdk/client-bedrock-agentcore-control';
import { CloudFrontClient, CreateDistributionCommand, type Origin } from '@aws-sdk/client-cloudfront';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateFunctionCommand, CreateFunctionUrlConfigCommand, LambdaClient, type FunctionUrlAuthType } from '@aws-sdk/client-lambda';
import { CreateDomainCommand as CreateOpenSearchDomainCommand, OpenSearchClient, type CreateDomainRequest } from '@aws-sdk/client-opensearch';
import { CreateEndpointCommand, CreateEndpointConfigCommand, CreateModelCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';

export interface EmulatorSettings {
  readonly endpoint: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region: string;
}

/** An ingress rule a test can revoke with `revokeOpenRule`. */
export interface OpenedRule {
  readonly groupId: string;
  readonly groupName: string;
  readonly ruleId: string;
}

export interface SampleInstance {
  readonly instanceId: string;
  /** Listed only; never connect to it. */
  readonly publicIp: string;
  readonly nameTag: string;
}

export interface SampleAccount {
  readonly accountId: string;
  readonly region: string;
  readonly vpcId: string;
  readonly subnetIds: readonly [string, string];
  readonly internetGatewayId: string;
  readonly securityGroups: {
    /** tcp 11434 from 0.0.0.0/0 */
    readonly ollamaOpen: OpenedRule;
    /** tcp 8888 from 203.0.113.7/32 only: not internet. */
    readonly jupyterRestricted: OpenedRule;
    /** all traffic from 0.0.0.0/0 */
    readonly allTraffic: OpenedRule;
    /** tcp 8888 from 0.0.0.0/0, for a Jupyter that demands a token */
    readonly jupyterOpen: OpenedRule;
    /** tcp 8080 from ::/0 only */
    readonly ipv6Web: OpenedRule;
  };
  readonly instances: {
    /** Behind `ollamaOpen`. */
    readonly ollama: SampleInstance;
    /** Behind `jupyterRestricted`: no target. */
    readonly restrictedJupyter: SampleInstance;
    /** Behind `allTraffic`. */
    readonly wideOpen: SampleInstance;
    /** Behind `jupyterOpen`. */
    readonly authJupyter: SampleInstance;
    /** In a subnet without public addresses, behind `allTraffic`: no target. */
    readonly privateOnly: { readonly instanceId: string; readonly nameTag: string };
  };
  /**
   * A second interface with its own Name tag, attached to an instance without one, with an IPv6
   * address and an Elastic IP, behind `ipv6Web` only: its IPv6 address is a target on 8080, its
   * IPv4 address none.
   */
  readonly dualStackInterface: {
    readonly networkInterfaceId: string;
    readonly instanceId: string;
    readonly nameTag: string;
    readonly ipv6Address: string;
    readonly elasticIp: string;
  };
  /** An interface shaped like one an ALB owns (description "ELB app/…"), behind `allTraffic`: skipped. */
  readonly loadBalancerLikeInterface: { readonly networkInterfaceId: string; readonly elasticIp: string };
  readonly loadBalancers: {
    /** Internet-facing ALB, listeners HTTP:80 and HTTP:8080, Name tag "web-entry". */
    readonly publicAlb: SampleLoadBalancer;
    /** Internet-facing NLB, listeners TCP:443 and UDP:53. */
    readonly publicNlb: SampleLoadBalancer;
    /** Internal ALB with a listener: skipped. */
    readonly internalAlb: SampleLoadBalancer;
    /** Internet-facing classic ELB, listeners HTTP:80 and TCP:8888, Name tag "legacy-notebooks". */
    readonly classic: { readonly name: string; readonly dnsName: string; readonly nameTag: string };
  };
  readonly sagemaker: {
    readonly endpointName: string;
    readonly endpointArn: string;
    readonly endpointConfigName: string;
    readonly modelName: string;
    readonly image: string;
    readonly instanceType: string;
  };
}

export interface SampleLoadBalancer {
  readonly name: string;
  readonly arn: string;
  readonly dnsName: string;
  readonly nameTag?: string;
}

/** The account moto answers as. */
export const MOTO_ACCOUNT_ID = '123456789012';
/** An AMI from moto's built-in list that exists in every region (DescribeImages takes seconds in moto). */
const MOTO_IMAGE_ID = 'ami-12c6146b';

const clientsFor = (settings: EmulatorSettings) => {
  const config = { endpoint: settings.endpoint, credentials: settings.credentials, region: settings.region, maxAttempts: 1 };
  return {
    ec2: new EC2Client(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    elb: new ElasticLoadBalancingClient(config),
    sagemaker: new SageMakerClient(config),
  };
};

const required = <T>(value: T | undefined, what: string): T => {
  if (value === undefined || value === null || value === '') throw new Error(`moto returned no ${what}`);
  return value;
};

export async function buildSampleAccount(settings: EmulatorSettings): Promise<SampleAccount> {
  const { ec2, elbv2, elb, sagemaker } = clientsFor(settings);
  const { region } = settings;
  try {
    const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16', AmazonProvidedIpv6CidrBlock: true }));
    const vpcId = required(vpc.Vpc?.VpcId, 'VPC id');
    const vpcIpv6 = required(vpc.Vpc?.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock, 'VPC IPv6 block');
    const subnetIpv6 = vpcIpv6.replace(/00::\/56$/, '01::/64');

    const publicA = await createSubnet(ec2, vpcId, '10.20.1.0/24', `${region}a`, subnetIpv6);
    const publicB = await createSubnet(ec2, vpcId, '10.20.2.0/24', `${region}b`);
    const privateSubnet = required((await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.20.9.0/24', AvailabilityZone: `${region}a` }))).Subnet?.SubnetId, 'subnet id');

    const igw = required((await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId, 'internet gateway id');
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    const routeTable = required((await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable?.RouteTableId, 'route table id');
    await ec2.send(new CreateRouteCommand({ RouteTableId: routeTable, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    await ec2.send(new CreateRouteCommand({ RouteTableId: routeTable, DestinationIpv6CidrBlock: '::/0', GatewayId: igw }));
    for (const subnet of [publicA, publicB]) await ec2.send(new AssociateRouteTableCommand({ RouteTableId: routeTable, SubnetId: subnet }));

    const openGroup = (name: string, permission: IpPermission) => createOpenGroup(ec2, vpcId, name, permission);
    const securityGroups = {
      ollamaOpen: await openGroup('gpu-open', { IpProtocol: 'tcp', FromPort: 11434, ToPort: 11434, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
      jupyterRestricted: await openGroup('jupyter-office-only', { IpProtocol: 'tcp', FromPort: 8888, ToPort: 8888, IpRanges: [{ CidrIp: '203.0.113.7/32' }] }),
      allTraffic: await openGroup('wide-open', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
      jupyterOpen: await openGroup('jupyter-public', { IpProtocol: 'tcp', FromPort: 8888, ToPort: 8888, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
      ipv6Web: await openGroup('web-v6', { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }),
    };

    const launch = async (subnetId: string, groupId: string, nameTag?: string) => {
      const result = await ec2.send(
        new RunInstancesCommand({
          ImageId: MOTO_IMAGE_ID,
          InstanceType: 't3.micro',
          MinCount: 1,
          MaxCount: 1,
          SubnetId: subnetId,
          SecurityGroupIds: [groupId],
          ...(nameTag === undefined ? {} : { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: nameTag }] }] }),
        }),
      );
      const instance = required(result.Instances?.[0], 'instance');
      return { instanceId: required(instance.InstanceId, 'instance id'), publicIp: instance.PublicIpAddress };
    };
    const publicInstance = async (groupId: string, nameTag: string): Promise<SampleInstance> => {
      const { instanceId, publicIp } = await launch(publicA, groupId, nameTag);
      return { instanceId, publicIp: required(publicIp, `public IP of ${nameTag}`), nameTag };
    };
    const instances = {
      ollama: await publicInstance(securityGroups.ollamaOpen.groupId, 'prod-gpu'),
      restrictedJupyter: await publicInstance(securityGroups.jupyterRestricted.groupId, 'jupyter-office'),
      wideOpen: await publicInstance(securityGroups.allTraffic.groupId, 'scratch-box'),
      authJupyter: await publicInstance(securityGroups.jupyterOpen.groupId, 'jupyter-team'),
      privateOnly: { instanceId: (await launch(privateSubnet, securityGroups.allTraffic.groupId, 'batch-worker')).instanceId, nameTag: 'batch-worker' },
    };

    const hostOfSecondInterface = await launch(publicA, securityGroups.ipv6Web.groupId);
    const dualStack = await createInterfaceWithElasticIp(ec2, {
      SubnetId: publicA,
      Groups: [securityGroups.ipv6Web.groupId],
      Ipv6AddressCount: 1,
      TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'inference-dualstack' }] }],
    });
    await ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: dualStack.networkInterfaceId, InstanceId: hostOfSecondInterface.instanceId, DeviceIndex: 1 }));

    const lbLike = await createInterfaceWithElasticIp(ec2, {
      SubnetId: publicB,
      Groups: [securityGroups.allTraffic.groupId],
      Description: 'ELB app/public-alb/50dc6c495c0c9188',
    });
    await ec2.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: lbLike.networkInterfaceId, InstanceId: instances.wideOpen.instanceId, DeviceIndex: 1 }));

    const loadBalancers = {
      publicAlb: await createLoadBalancer(elbv2, vpcId, {
        name: 'public-alb',
        type: 'application',
        scheme: 'internet-facing',
        subnets: [publicA, publicB],
        securityGroups: [securityGroups.allTraffic.groupId],
        nameTag: 'web-entry',
        listeners: [
          ['HTTP', 80],
          ['HTTP', 8080],
        ],
      }),
      publicNlb: await createLoadBalancer(elbv2, vpcId, {
        name: 'public-nlb',
        type: 'network',
        scheme: 'internet-facing',
        subnets: [publicA],
        listeners: [
          ['TCP', 443],
          ['UDP', 53],
        ],
      }),
      internalAlb: await createLoadBalancer(elbv2, vpcId, {
        name: 'internal-alb',
        type: 'application',
        scheme: 'internal',
        subnets: [publicA, publicB],
        listeners: [['HTTP', 80]],
      }),
      classic: await createClassicLoadBalancer(elb, publicA),
    };

    const image = `${MOTO_ACCOUNT_ID}.dkr.ecr.${region}.amazonaws.com/my-llm:1.4.2`;
    const sagemakerFacts = { modelName: 'my-llm', endpointConfigName: 'my-llm-config', endpointName: 'my-llm-endpoint', image, instanceType: 'ml.g4dn.xlarge' };
    await sagemaker.send(
      new CreateModelCommand({
        ModelName: sagemakerFacts.modelName,
        PrimaryContainer: { Image: image },
        ExecutionRoleArn: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/sagemaker-execution`,
      }),
    );
    await sagemaker.send(
      new CreateEndpointConfigCommand({
        EndpointConfigName: sagemakerFacts.endpointConfigName,
        ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: sagemakerFacts.modelName, InitialInstanceCount: 1, InstanceType: 'ml.g4dn.xlarge' }],
      }),
    );
    const endpoint = await sagemaker.send(new CreateEndpointCommand({ EndpointName: sagemakerFacts.endpointName, EndpointConfigName: sagemakerFacts.endpointConfigName }));

    return {
      accountId: MOTO_ACCOUNT_ID,
      region,
      vpcId,
      subnetIds: [publicA, publicB],
      internetGatewayId: igw,
      securityGroups,
      instances,
      dualStackInterface: {
        networkInterfaceId: dualStack.networkInterfaceId,
        instanceId: hostOfSecondInterface.instanceId,
        nameTag: 'inference-dualstack',
        ipv6Address: required(dualStack.ipv6Address, 'IPv6 address'),
        elasticIp: dualStack.elasticIp,
      },
      loadBalancerLikeInterface: { networkInterfaceId: lbLike.networkInterfaceId, elasticIp: lbLike.elasticIp },
      loadBalancers,
      sagemaker: { ...sagemakerFacts, endpointArn: required(endpoint.EndpointArn, 'endpoint ARN') },
    };
  } finally {
    for (const client of [ec2, elbv2, elb, sagemaker]) client.destroy();
  }
}

/**
 * Security-group rules that open a port to the internet without naming 0.0.0.0/0, in a region of their own
 * (apart from the sample account): one instance behind one group, tcp 8000 from a list holding 0.0.0.0/0,
 * tcp 8501 from a list holding its two halves and tcp 7860 from the two halves themselves (all three
 * internet-open), and tcp 8888 from a list of one office range (not).
 */
export interface PrefixListScenario {
  readonly instance: SampleInstance;
  readonly group: { readonly groupId: string; readonly groupName: string };
  readonly wholeInternetList: string;
  readonly halvesList: string;
  readonly officeList: string;
}

export async function buildPrefixListScenario(settings: EmulatorSettings): Promise<PrefixListScenario> {
  const { ec2 } = clientsFor(settings);
  try {
    const vpcId = required((await ec2.send(new CreateVpcCommand({ CidrBlock: '10.40.0.0/16' }))).Vpc?.VpcId, 'VPC id');
    const subnet = await createSubnet(ec2, vpcId, '10.40.1.0/24', `${settings.region}a`);
    const prefixList = async (name: string, ...cidrs: string[]): Promise<string> =>
      required(
        (
          await ec2.send(
            new CreateManagedPrefixListCommand({ PrefixListName: name, AddressFamily: 'IPv4', MaxEntries: 5, Entries: cidrs.map((Cidr) => ({ Cidr })) }),
          )
        ).PrefixList?.PrefixListId,
        `prefix list ${name}`,
      );
    const wholeInternetList = await prefixList('allowed-sources', '0.0.0.0/0');
    const halvesList = await prefixList('partner-sources', '0.0.0.0/1', '128.0.0.0/1');
    const officeList = await prefixList('office', '198.51.100.0/24');
    const groupName = 'via-prefix-lists';
    const groupId = required((await ec2.send(new CreateSecurityGroupCommand({ GroupName: groupName, Description: groupName, VpcId: vpcId }))).GroupId, 'group id');
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, PrefixListIds: [{ PrefixListId: wholeInternetList }] },
          { IpProtocol: 'tcp', FromPort: 8501, ToPort: 8501, PrefixListIds: [{ PrefixListId: halvesList }] },
          { IpProtocol: 'tcp', FromPort: 7860, ToPort: 7860, IpRanges: [{ CidrIp: '0.0.0.0/1' }, { CidrIp: '128.0.0.0/1' }] },
          { IpProtocol: 'tcp', FromPort: 8888, ToPort: 8888, PrefixListIds: [{ PrefixListId: officeList }] },
        ],
      }),
    );
    const launched = await ec2.send(
      new RunInstancesCommand({
        ImageId: MOTO_IMAGE_ID,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnet,
        SecurityGroupIds: [groupId],
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'agent-demo' }] }],
      }),
    );
    const instance = required(launched.Instances?.[0], 'instance');
    return {
      instance: { instanceId: required(instance.InstanceId, 'instance id'), publicIp: required(instance.PublicIpAddress, 'public IP'), nameTag: 'agent-demo' },
      group: { groupId, groupName },
      wholeInternetList,
      halvesList,
      officeList,
    };
  } finally {
    ec2.destroy();
  }
}

/**
 * Lambda functions in a region of their own (apart from the sample account): `chat-proxy` has a URL
 * anyone may invoke (AuthType NONE), `internal-tool` one that demands IAM signatures, and
 * `nightly-report` no URL but an alias `live`. moto ignores a URL call's qualifier, so no function
 * with a URL gets an alias here: its alias would read as having the function's own URL.
 */
export interface FunctionUrlScenario {
  readonly openFunction: { readonly name: string; readonly arn: string; readonly url: string; readonly host: string };
  readonly iamFunction: { readonly name: string; readonly url: string };
  readonly plainFunction: { readonly name: string; readonly alias: string };
}

/** An empty zip archive (its end-of-central-directory record alone): moto stores a function's code but never runs it here. */
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

export async function buildFunctionUrlScenario(settings: EmulatorSettings): Promise<FunctionUrlScenario> {
  const config = { endpoint: settings.endpoint, credentials: settings.credentials, region: settings.region, maxAttempts: 1 };
  const iam = new IAMClient(config);
  const lambda = new LambdaClient(config);
  try {
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: `function-role-${settings.region}`,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const roleArn = required(role.Role?.Arn, 'role ARN');
    const createFunction = async (name: string) =>
      required(
        (await lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: 'python3.12', Handler: 'app.handler', Role: roleArn, Code: { ZipFile: EMPTY_ZIP } })))
          .FunctionArn,
        `ARN of function ${name}`,
      );
    const addUrl = async (name: string, authType: FunctionUrlAuthType) =>
      required((await lambda.send(new CreateFunctionUrlConfigCommand({ FunctionName: name, AuthType: authType, InvokeMode: 'BUFFERED' }))).FunctionUrl, `URL of function ${name}`);

    const openArn = await createFunction('chat-proxy');
    const openUrl = await addUrl('chat-proxy', 'NONE');
    await createFunction('internal-tool');
    const iamUrl = await addUrl('internal-tool', 'AWS_IAM');
    await createFunction('nightly-report');
    await lambda.send(new CreateAliasCommand({ FunctionName: 'nightly-report', Name: 'live', FunctionVersion: '$LATEST' }));
    return {
      openFunction: { name: 'chat-proxy', arn: openArn, url: openUrl, host: new URL(openUrl).hostname },
      iamFunction: { name: 'internal-tool', url: iamUrl },
      plainFunction: { name: 'nightly-report', alias: 'live' },
    };
  } finally {
    iam.destroy();
    lambda.destroy();
  }
}

/**
 * API Gateway APIs in a region of their own (apart from the sample account): a REGIONAL REST API with a
 * stage `prod` and a PRIVATE one with a stage `prod`; an HTTP API with stages `$default` and `beta`, one
 * whose execute-api endpoint is disabled (stage `$default`), and a WebSocket API. Two custom domains
 * (documentation names, never resolved): `api.example.com`, whose path `chat` maps the REST API's `prod`
 * (a REST base path mapping), and `llm.example.com`, whose root maps the disabled HTTP API's `$default`
 * (an API mapping): the one way to reach that API.
 */
export interface ApiGatewayScenario {
  readonly publicRest: { readonly id: string; readonly name: string };
  readonly privateRest: { readonly id: string };
  readonly publicHttp: { readonly id: string; readonly name: string; readonly host: string };
  readonly disabledHttp: { readonly id: string; readonly name: string };
  readonly websocket: { readonly id: string };
  readonly restDomain: string;
  readonly httpDomain: string;
}

export async function buildApiGatewayScenario(settings: EmulatorSettings): Promise<ApiGatewayScenario> {
  const config = { endpoint: settings.endpoint, credentials: settings.credentials, region: settings.region, maxAttempts: 1 };
  const rest = new APIGatewayClient(config);
  const http = new ApiGatewayV2Client(config);
  try {
    const restApi = async (name: string, type: 'REGIONAL' | 'PRIVATE') => {
      const id = required((await rest.send(new CreateRestApiCommand({ name, endpointConfiguration: { types: [type] } }))).id, `id of REST API ${name}`);
      // A deployment needs a method: GET / answered by a mock integration.
      const root = required((await rest.send(new GetResourcesCommand({ restApiId: id }))).items?.find((r) => r.path === '/')?.id, 'root resource');
      await rest.send(new PutMethodCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', authorizationType: 'NONE' }));
      await rest.send(new PutIntegrationCommand({ restApiId: id, resourceId: root, httpMethod: 'GET', type: 'MOCK' }));
      await rest.send(new CreateDeploymentCommand({ restApiId: id, stageName: 'prod' }));
      return id;
    };
    const httpApi = async (name: string, protocol: 'HTTP' | 'WEBSOCKET', stages: string[], disabled = false) => {
      const created = await http.send(
        new CreateApiCommand({ Name: name, ProtocolType: protocol, DisableExecuteApiEndpoint: disabled, ...(protocol === 'WEBSOCKET' ? { RouteSelectionExpression: '$request.body.action' } : {}) }),
      );
      const id = required(created.ApiId, `id of API ${name}`);
      for (const stage of stages) await http.send(new CreateStageCommand({ ApiId: id, StageName: stage }));
      return { id, endpoint: required(created.ApiEndpoint, `endpoint of API ${name}`) };
    };
    const publicRest = await restApi('chat-proxy', 'REGIONAL');
    const privateRest = await restApi('internal-rag', 'PRIVATE');
    const publicHttp = await httpApi('llm-gateway', 'HTTP', ['$default', 'beta']);
    const disabledHttp = await httpApi('behind-custom-domain', 'HTTP', ['$default'], true);
    const websocket = await httpApi('events', 'WEBSOCKET', ['live']);
    const restDomain = 'api.example.com';
    const certificateArn = `arn:aws:acm:${settings.region}:${MOTO_ACCOUNT_ID}:certificate/00000000-0000-0000-0000-000000000000`;
    await rest.send(new CreateRestDomainNameCommand({ domainName: restDomain, regionalCertificateArn: certificateArn, endpointConfiguration: { types: ['REGIONAL'] } }));
    await rest.send(new CreateBasePathMappingCommand({ domainName: restDomain, basePath: 'chat', restApiId: publicRest, stage: 'prod' }));
    const httpDomain = 'llm.example.com';
    await http.send(new CreateDomainNameCommand({ DomainName: httpDomain, DomainNameConfigurations: [{ CertificateArn: certificateArn, EndpointType: 'REGIONAL' }] }));
    await http.send(new CreateApiMappingCommand({ DomainName: httpDomain, ApiId: disabledHttp.id, Stage: '$default', ApiMappingKey: '' }));
    return {
      publicRest: { id: publicRest, name: 'chat-proxy' },
      privateRest: { id: privateRest },
      publicHttp: { id: publicHttp.id, name: 'llm-gateway', host: new URL(publicHttp.endpoint).hostname },
      disabledHttp: { id: disabledHttp.id, name: 'behind-custom-domain' },
      websocket: { id: websocket.id },
      restDomain,
      httpDomain,
    };
  } finally {
    rest.destroy();
    http.destroy();
  }
}

/**
 * OpenSearch Service domains in a region of their own: `rag-vectors`, public, whose access policy allows
 * anyone; `app-search`, public, named principals only, with fine-grained access control; `office-logs`,
 * public, an Elasticsearch engine allowing anyone from a documentation range, plain HTTP allowed and a
 * custom endpoint; and `private-kb`, in a VPC (no public endpoint).
 */
export interface OpenSearchScenario {
  readonly openDomain: { readonly name: string; readonly endpoint: string; readonly arn: string };
  readonly signedDomain: { readonly name: string; readonly endpoint: string };
  readonly officeDomain: { readonly name: string; readonly endpoint: string };
  readonly vpcDomain: { readonly name: string };
}

export async function buildOpenSearchScenario(settings: EmulatorSettings): Promise<OpenSearchScenario> {
  const opensearch = new OpenSearchClient({ endpoint: settings.endpoint, credentials: settings.credentials, region: settings.region, maxAttempts: 1 });
  const domainArn = (name: string) => `arn:aws:es:${settings.region}:${MOTO_ACCOUNT_ID}:domain/${name}/*`;
  const policy = (name: string, statement: Record<string, unknown>) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'es:*', Resource: domainArn(name), ...statement }] });
  try {
    const create = async (name: string, input: Omit<CreateDomainRequest, 'DomainName'>) => {
      const status = (await opensearch.send(new CreateOpenSearchDomainCommand({ DomainName: name, ...input }))).DomainStatus;
      return { name, endpoint: status?.Endpoint, arn: required(status?.ARN, `ARN of domain ${name}`) };
    };
    const openDomain = await create('rag-vectors', { EngineVersion: 'OpenSearch_2.19', AccessPolicies: policy('rag-vectors', { Principal: { AWS: '*' } }) });
    const signedDomain = await create('app-search', {
      EngineVersion: 'OpenSearch_2.19',
      AccessPolicies: policy('app-search', { Principal: { AWS: `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/search-app` } }),
      AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: true, MasterUserOptions: { MasterUserName: 'admin', MasterUserPassword: 'Not-a-real-secret-1' } },
    });
    const officeDomain = await create('office-logs', {
      EngineVersion: 'Elasticsearch_7.10',
      AccessPolicies: policy('office-logs', { Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] } } }),
      DomainEndpointOptions: { EnforceHTTPS: false, CustomEndpointEnabled: true, CustomEndpoint: 'search.example.com' },
    });
    const vpcDomain = await create('private-kb', {
      EngineVersion: 'OpenSearch_2.19',
      VPCOptions: { SubnetIds: ['subnet-0123456789abcdef0'], SecurityGroupIds: ['sg-0123456789abcdef0'] },
    });
    return {
      openDomain: { name: openDomain.name, endpoint: required(openDomain.endpoint, 'endpoint of rag-vectors'), arn: openDomain.arn },
      signedDomain: { name: signedDomain.name, endpoint: required(signedDomain.endpoint, 'endpoint of app-search') },
      officeDomain: { name: officeDomain.name, endpoint: required(officeDomain.endpoint, 'endpoint of office-logs') },
      vpcDomain: { name: vpcDomain.name },
    };
  } finally {
    opensearch.destroy();
  }
}

/**
 * CloudFront distributions (global: moto keeps them per account, whatever the region): `chat-ui` in front
 * of a load balancer (a custom origin) with an alias; `docs` of an S3 bucket and `legacy-site` of a bucket's
 * website endpoint, both files only; `old-proxy` in front of a custom origin, disabled.
 */
export interface CloudFrontScenario {
  readonly chatUi: { readonly id: string; readonly domainName: string; readonly arn: string; readonly originDomain: string; readonly alias: string };
  readonly bucketOnly: readonly string[];
  readonly disabled: { readonly id: string };
}

export async function buildCloudFrontScenario(settings: EmulatorSettings): Promise<CloudFrontScenario> {
  const cloudfront = new CloudFrontClient({ endpoint: settings.endpoint, credentials: settings.credentials, region: settings.region, maxAttempts: 1 });
  const customOrigin = (domainName: string): Origin => ({
    Id: 'app',
    DomainName: domainName,
    CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' },
  });
  try {
    const create = async (name: string, origin: Origin, options: { enabled?: boolean; alias?: string } = {}) => {
      const created = await cloudfront.send(
        new CreateDistributionCommand({
          DistributionConfig: {
            CallerReference: name,
            Comment: name,
            Enabled: options.enabled ?? true,
            Origins: { Quantity: 1, Items: [origin] },
            DefaultCacheBehavior: { TargetOriginId: origin.Id, ViewerProtocolPolicy: 'redirect-to-https' },
            ...(options.alias ? { Aliases: { Quantity: 1, Items: [options.alias] } } : {}),
          },
        }),
      );
      const distribution = created.Distribution;
      return {
        id: required(distribution?.Id, `id of distribution ${name}`),
        domainName: required(distribution?.DomainName, `domain of distribution ${name}`),
        arn: required(distribution?.ARN, `ARN of distribution ${name}`),
      };
    };
    const originDomain = 'chat-ui-alb-1234567890.us-east-1.elb.amazonaws.com';
    const chatUi = await create('chat-ui', customOrigin(originDomain), { alias: 'chat.example.com' });
    const docs = await create('docs', { Id: 'bucket', DomainName: 'docs-site.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } });
    const legacy = await create('legacy-site', customOrigin('legacy-site.s3-website-us-east-1.amazonaws.com'));
    const disabled = await create('old-proxy', customOrigin('old-proxy.example.com'), { enabled: false });
    return { chatUi: { ...chatUi, originDomain, alias: 'chat.example.com' }, bucketOnly: [docs.id, legacy.id], disabled: { id: disabled.id } };
  } finally {
    cloudfront.destroy();
  }
}

/**
 * AgentCore gateways (MCP) in a region of their own: `public-tools` with inbound authorization NONE, set to
 * speak MCP's stateless revision 2026-07-28 only, `partner-tools` with CUSTOM_JWT, and `internal-tools` with AWS_IAM.
 */
export interface AgentCoreScenario {
  readonly openGateway: { readonly id: string; readonly name: string; readonly host: string; readonly arn: string };
  readonly jwtGateway: { readonly id: string; readonly name: string; readonly host: string };
  readonly iamGateway: { readonly id: string };
}

export async function buildAgentCoreScenario(settings: EmulatorSettings): Promise<AgentCoreScenario> {
  const agentcore = new BedrockAgentCoreControlClient({ endpoint: settings.endpoint, credentials: settings.credentials, region: settings.region, maxAttempts: 1 });
  const roleArn = `arn:aws:iam::${MOTO_ACCOUNT_ID}:role/gateway-role`;
  try {
    const create = async (name: string, authorizerType: AuthorizerType) => {
      const created = await agentcore.send(
        new CreateGatewayCommand({
          name,
          roleArn,
          protocolType: 'MCP',
          authorizerType,
          ...(authorizerType === 'NONE' ? { protocolConfiguration: { mcp: { supportedVersions: ['2026-07-28'] } } } : {}),
          ...(authorizerType === 'CUSTOM_JWT'
            ? { authorizerConfiguration: { customJWTAuthorizer: { discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration', allowedAudience: ['tools'] } } }
            : {}),
        }),
      );
      return {
        id: required(created.gatewayId, `id of gateway ${name}`),
        name,
        host: new URL(required(created.gatewayUrl, `URL of gateway ${name}`)).hostname,
        arn: required(created.gatewayArn, `ARN of gateway ${name}`),
      };
    };
    const openGateway = await create('public-tools', 'NONE');
    const { arn: _jwtArn, ...jwtGateway } = await create('partner-tools', 'CUSTOM_JWT');
    const iamGateway = await create('internal-tools', 'AWS_IAM');
    return { openGateway, jwtGateway, iamGateway: { id: iamGateway.id } };
  } finally {
    agentcore.destroy();
  }
}

/** Revokes one rule by id, e.g. the 0.0.0.0/0 rule in front of the open Ollama. */
export async function revokeOpenRule(settings: EmulatorSettings, rule: OpenedRule): Promise<void> {
  const ec2 = new EC2Client({ endpoint: settings.endpoint, credentials: settings.credentials, region: settings.region, maxAttempts: 1 });
  try {
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: rule.groupId, SecurityGroupRuleIds: [rule.ruleId] }));
  } finally {
    ec2.destroy();
  }
}

async function createSubnet(ec2: EC2Client, vpcId: string, cidr: string, zone: string, ipv6Cidr?: string): Promise<string> {
  const subnet = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone, ...(ipv6Cidr === undefined ? {} : { Ipv6CidrBlock: ipv6Cidr }) }),
  );
  const subnetId = required(subnet.Subnet?.SubnetId, 'subnet id');
  await ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }));
  return subnetId;
}

/** One group with one ingress rule, authorized alone so moto reports that rule's id. */
async function createOpenGroup(ec2: EC2Client, vpcId: string, name: string, permission: IpPermission): Promise<OpenedRule> {
  const groupId = required((await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId }))).GroupId, 'group id');
  const authorized = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [permission] }));
  return { groupId, groupName: name, ruleId: required(authorized.SecurityGroupRules?.[0]?.SecurityGroupRuleId, `rule id of ${name}`) };
}

async function createInterfaceWithElasticIp(
  ec2: EC2Client,
  input: ConstructorParameters<typeof CreateNetworkInterfaceCommand>[0],
): Promise<{ networkInterfaceId: string; elasticIp: string; ipv6Address?: string }> {
  const created = await ec2.send(new CreateNetworkInterfaceCommand(input));
  const networkInterfaceId = required(created.NetworkInterface?.NetworkInterfaceId, 'network interface id');
  const address = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  await ec2.send(new AssociateAddressCommand({ AllocationId: address.AllocationId, NetworkInterfaceId: networkInterfaceId }));
  const ipv6Address = created.NetworkInterface?.Ipv6Addresses?.[0]?.Ipv6Address;
  return { networkInterfaceId, elasticIp: required(address.PublicIp, 'Elastic IP'), ...(ipv6Address === undefined ? {} : { ipv6Address }) };
}

interface LoadBalancerSpec {
  readonly name: string;
  readonly type: 'application' | 'network';
  readonly scheme: 'internet-facing' | 'internal';
  readonly subnets: readonly string[];
  readonly securityGroups?: readonly string[];
  readonly nameTag?: string;
  readonly listeners: readonly (readonly [ProtocolEnum, number])[];
}

async function createLoadBalancer(elbv2: ElasticLoadBalancingV2Client, vpcId: string, spec: LoadBalancerSpec): Promise<SampleLoadBalancer> {
  const created = await elbv2.send(
    new CreateLoadBalancerCommand({
      Name: spec.name,
      Type: spec.type,
      Scheme: spec.scheme,
      Subnets: [...spec.subnets],
      ...(spec.securityGroups === undefined ? {} : { SecurityGroups: [...spec.securityGroups] }),
      ...(spec.nameTag === undefined ? {} : { Tags: [{ Key: 'Name', Value: spec.nameTag }] }),
    }),
  );
  const lb = required(created.LoadBalancers?.[0], 'load balancer');
  const arn = required(lb.LoadBalancerArn, 'load balancer ARN');
  for (const [protocol, port] of spec.listeners) {
    const group = await elbv2.send(new CreateTargetGroupCommand({ Name: `${spec.name}-${port}`, Protocol: protocol, Port: port, VpcId: vpcId }));
    const targetGroupArn = required(group.TargetGroups?.[0]?.TargetGroupArn, 'target group ARN');
    await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: arn, Protocol: protocol, Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: targetGroupArn }] }));
  }
  return { name: spec.name, arn, dnsName: required(lb.DNSName, 'DNS name'), ...(spec.nameTag === undefined ? {} : { nameTag: spec.nameTag }) };
}

async function createClassicLoadBalancer(elb: ElasticLoadBalancingClient, subnetId: string): Promise<SampleAccount['loadBalancers']['classic']> {
  const name = 'legacy-elb';
  const nameTag = 'legacy-notebooks';
  const created = await elb.send(
    new CreateClassicLoadBalancerCommand({
      LoadBalancerName: name,
      Scheme: 'internet-facing',
      Subnets: [subnetId],
      Listeners: [
        { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 8080 },
        { Protocol: 'TCP', LoadBalancerPort: 8888, InstanceProtocol: 'TCP', InstancePort: 8888 },
      ],
      Tags: [{ Key: 'Name', Value: nameTag }],
    }),
  );
  return { name, dnsName: required(created.DNSName, 'classic ELB DNS name'), nameTag };
}
