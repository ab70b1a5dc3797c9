/** The AWS clients one scope's inventory needs, built for one region. */
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { OpenSearchClient } from '@aws-sdk/client-opensearch';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { GLOBAL_RESOURCES_REGION } from './regions.js';

export interface ScopeClients {
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
  elb: ElasticLoadBalancingClient;
  sagemaker: SageMakerClient;
  lambda: LambdaClient;
  apigateway: APIGatewayClient;
  apigatewayv2: ApiGatewayV2Client;
  opensearch: OpenSearchClient;
  /** Global: its control plane is in `GLOBAL_RESOURCES_REGION` whatever the scope's region. */
  cloudfront: CloudFrontClient;
  agentcore: BedrockAgentCoreControlClient;
}

export interface ClientSettings {
  /** One endpoint for every service (an emulator such as moto). @default the real AWS endpoints */
  endpoint?: string;
  /** @default the SDK's default credential chain */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call, first try included. @default 8 */
  maxAttempts?: number;
}

/**
 * Describe calls are throttled per account, and a scan lists every region at once, so the
 * adaptive retry mode (client-side rate limiting on throttling) with generous attempts is the
 * default. The timeouts keep an unreachable endpoint from holding a scope until the Lambda dies.
 */
export function createScopeClients(region: string, settings: ClientSettings = {}): ScopeClients {
  const config = {
    region,
    maxAttempts: settings.maxAttempts ?? 8,
    retryMode: 'adaptive',
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
  };
  return {
    ec2: new EC2Client(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    elb: new ElasticLoadBalancingClient(config),
    sagemaker: new SageMakerClient(config),
    lambda: new LambdaClient(config),
    apigateway: new APIGatewayClient(config),
    apigatewayv2: new ApiGatewayV2Client(config),
    opensearch: new OpenSearchClient(config),
    cloudfront: new CloudFrontClient({ ...config, region: GLOBAL_RESOURCES_REGION }),
    agentcore: new BedrockAgentCoreControlClient(config),
  };
}
