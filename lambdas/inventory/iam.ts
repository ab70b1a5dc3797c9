/**
 * Every IAM action the inventory calls: `inventoryScope` (per scope) and `listEnabledRegions`
 * (when planning a scan). The CDK stack grants exactly these, read-only; the integration test
 * fails if the code calls anything not listed here.
 */
export const INVENTORY_IAM_ACTIONS = [
  'ec2:DescribeRegions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeInstances',
  'ec2:GetManagedPrefixListEntries',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeTags',
  'lambda:ListFunctions',
  'lambda:ListAliases',
  'lambda:GetFunctionUrlConfig',
  // API Gateway's IAM has one action per HTTP verb: its listings (GetRestApis, GetApis, GetStages) are all GET.
  'apigateway:GET',
  // OpenSearch Service keeps the IAM prefix of its Elasticsearch days.
  'es:ListDomainNames',
  'es:DescribeDomains',
  'cloudfront:ListDistributions',
  'bedrock-agentcore:ListGateways',
  'bedrock-agentcore:GetGateway',
  'sagemaker:ListEndpoints',
  'sagemaker:DescribeEndpoint',
  'sagemaker:DescribeEndpointConfig',
  'sagemaker:DescribeModel',
] as const;
