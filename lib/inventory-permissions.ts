/**
 * The read-only AWS calls the inventory makes (lambdas/inventory/*), shared by
 * the monitor's inventory role and the target-account role so both grant the
 * same list and nothing more. None of these actions supports resource-level
 * permissions, hence `*` resources wherever they are granted.
 */
export const INVENTORY_READ_ACTIONS = [
  'ec2:DescribeRegions',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeInstances',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeTags',
  'sagemaker:ListEndpoints',
  'sagemaker:DescribeEndpoint',
  'sagemaker:DescribeEndpointConfig',
  'sagemaker:DescribeModel',
] as const;

/** The fixed name of the monitor's inventory role, which target accounts trust. */
export const INVENTORY_ROLE_NAME = 'ai-exposure-monitor-inventory';
