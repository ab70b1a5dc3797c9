/**
 * From EC2 network interfaces to probe targets (pure): who owns each interface, which public
 * addresses it has, and which ports its security groups open to the internet.
 */
import type { NetworkInterface, SecurityGroup, Tag } from '@aws-sdk/client-ec2';
import { targetIdOf, type ProbeTarget, type ResourceType, type Scope } from '../shared/model.js';
import { arnOf } from './arn.js';
import { IncompleteListingError } from './errors.js';
import { internetOpenTcpRanges, portsToProbe, type InternetOpenRange, type PrefixListEntries } from './sg-exposure.js';

export type InterfaceOwner =
  | { readonly kind: 'ec2-instance'; readonly instanceId: string }
  | { readonly kind: 'ecs-task'; readonly attachmentArn?: string }
  | { readonly kind: 'network-interface' }
  /** Load balancers are targets themselves (by DNS name); NAT gateways accept no inbound connections. */
  | { readonly kind: 'skip'; readonly why: 'load balancer' | 'NAT gateway' | 'not attached' };

const LOAD_BALANCER_INTERFACE_TYPES = new Set<string>(['load_balancer', 'network_load_balancer', 'gateway_load_balancer']);
// The API says `natGateway`; some documentation and older responses say `nat_gateway`.
const NAT_GATEWAY_INTERFACE_TYPES = new Set<string>(['natGateway', 'nat_gateway']);
const ECS_ATTACHMENT = /^arn:aws[a-z-]*:ecs:[^:]*:\d*:attachment\//;

/** What owns an interface, read from InterfaceType, Attachment, Description and RequesterId as AWS fills them in. */
export function interfaceOwner(eni: NetworkInterface): InterfaceOwner {
  const description = eni.Description ?? '';
  if (
    LOAD_BALANCER_INTERFACE_TYPES.has(eni.InterfaceType ?? '') ||
    eni.RequesterId === 'amazon-elb' ||
    description.startsWith('ELB ')
  ) {
    return { kind: 'skip', why: 'load balancer' };
  }
  if (NAT_GATEWAY_INTERFACE_TYPES.has(eni.InterfaceType ?? '') || description.startsWith('Interface for NAT Gateway')) {
    return { kind: 'skip', why: 'NAT gateway' };
  }
  // A detached interface has no host behind it: its address (an Elastic IP) answers nothing.
  if (eni.Status === 'available') return { kind: 'skip', why: 'not attached' };
  if (ECS_ATTACHMENT.test(description)) return { kind: 'ecs-task', attachmentArn: description };
  if (eni.Operator?.Principal === 'ecs.amazonaws.com') return { kind: 'ecs-task' };
  const instanceId = eni.Attachment?.InstanceId;
  if (instanceId !== undefined && instanceId !== '') return { kind: 'ec2-instance', instanceId };
  return { kind: 'network-interface' };
}

/** Public IPv4 addresses (the primary and any secondary association) and IPv6 addresses that the internet gateway serves. */
export function publicAddressesOf(eni: NetworkInterface): { ipv4: string[]; ipv6: string[] } {
  const ipv4 = new Set<string>();
  if (eni.Association?.PublicIp) ipv4.add(eni.Association.PublicIp);
  for (const privateAddress of eni.PrivateIpAddresses ?? []) {
    if (privateAddress.Association?.PublicIp) ipv4.add(privateAddress.Association.PublicIp);
  }
  const ipv6 = new Set<string>();
  if (eni.DenyAllIgwTraffic !== true) {
    for (const address of eni.Ipv6Addresses ?? []) if (address.Ipv6Address) ipv6.add(address.Ipv6Address);
  }
  return { ipv4: [...ipv4], ipv6: [...ipv6] };
}

export const nameTagOf = (tags: readonly Tag[] | undefined): string | undefined => tags?.find((tag) => tag.Key === 'Name')?.Value || undefined;

/** An interface with at least one public address whose owner can be a target. */
/** The `resourceKeyOf` an attached interface's targets carry, public address or not; undefined for skipped owners. */
export function listedResourceOf(eni: NetworkInterface): string | undefined {
  const owner = interfaceOwner(eni);
  if (owner.kind === 'skip') return undefined;
  return owner.kind === 'ec2-instance' ? `ec2-instance/${owner.instanceId}` : `${owner.kind}/${eni.NetworkInterfaceId ?? ''}`;
}

export interface PublicInterface {
  readonly eni: NetworkInterface;
  readonly owner: Exclude<InterfaceOwner, { kind: 'skip' }>;
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
}

export function publicInterfaceOf(eni: NetworkInterface): PublicInterface | undefined {
  const { ipv4, ipv6 } = publicAddressesOf(eni);
  if (ipv4.length === 0 && ipv6.length === 0) return undefined;
  const owner = interfaceOwner(eni);
  return owner.kind === 'skip' ? undefined : { eni, owner, ipv4, ipv6 };
}

export interface InterfaceTargetInput {
  readonly scope: Scope;
  readonly publicInterface: PublicInterface;
  /** Every security group the interface names, by id. */
  readonly groupsById: ReadonlyMap<string, SecurityGroup>;
  /** The entries of the managed prefix lists those groups' rules name. @default none */
  readonly prefixLists?: PrefixListEntries;
  /** Name tags of the owning instances, by instance id. */
  readonly instanceNames: ReadonlyMap<string, string>;
  readonly candidatePorts: readonly number[];
  /**
   * The open ranges already worked out for a list of groups (ids joined by ","), filled as it goes: the
   * interfaces of a scope mostly share a few lists, and reading them costs up to tens of ms for big groups.
   */
  readonly rangesByGroups?: Map<string, readonly InternetOpenRange[]>;
}

/** One target per (public address, port open to that address family). Throws `IncompleteListingError` for an unlisted group. */
export function interfaceTargets(input: InterfaceTargetInput): ProbeTarget[] {
  const { scope, publicInterface, groupsById, prefixLists, instanceNames, candidatePorts } = input;
  const { eni, owner } = publicInterface;
  const interfaceId = eni.NetworkInterfaceId ?? '';
  const groups = (eni.Groups ?? []).map(({ GroupId }) => {
    const group = GroupId === undefined ? undefined : groupsById.get(GroupId);
    if (group === undefined) {
      throw new IncompleteListingError(`ec2:DescribeSecurityGroups did not return ${GroupId ?? 'a group'} attached to ${interfaceId}`);
    }
    return group;
  });
  const groupsKey = groups.map((group) => group.GroupId).join(',');
  const ranges = input.rangesByGroups?.get(groupsKey) ?? internetOpenTcpRanges(groups, prefixLists);
  input.rangesByGroups?.set(groupsKey, ranges);
  const resource = resourceOf(scope, publicInterface, instanceNames);
  const context: Record<string, string> = {
    networkInterfaceId: interfaceId,
    securityGroups: groups.map((g) => (g.GroupName ? `${g.GroupId} (${g.GroupName})` : g.GroupId!)).join(', '),
    ...(eni.VpcId ? { vpcId: eni.VpcId } : {}),
    ...(eni.SubnetId ? { subnetId: eni.SubnetId } : {}),
    ...(owner.kind === 'ec2-instance' ? { instanceId: owner.instanceId } : {}),
    ...(owner.kind === 'ecs-task' && owner.attachmentArn ? { ecsAttachment: owner.attachmentArn } : {}),
  };
  const targetsFor = (addresses: readonly string[], familyRanges: InternetOpenRange[]): ProbeTarget[] => {
    const ports = portsToProbe(familyRanges, candidatePorts);
    return addresses.flatMap((address) =>
      [...ports].map(([port, range]) => {
        const base = { accountId: scope.accountId, region: scope.region, ...resource, address, port };
        return { targetId: targetIdOf(base), ...base, reason: `${describeGroup(range)} ${range.rule}`, context };
      }),
    );
  };
  return [
    ...targetsFor(publicInterface.ipv4, ranges.filter((r) => !r.ipv6)),
    ...targetsFor(publicInterface.ipv6, ranges.filter((r) => r.ipv6)),
  ];
}

const describeGroup = (range: InternetOpenRange): string => (range.groupName ? `${range.groupId} (${range.groupName})` : range.groupId);

function resourceOf(
  scope: Scope,
  { eni, owner }: PublicInterface,
  instanceNames: ReadonlyMap<string, string>,
): { resourceType: ResourceType; resourceId: string; resourceArn: string; nameTag?: string } {
  const interfaceId = eni.NetworkInterfaceId ?? '';
  const interfaceName = nameTagOf(eni.TagSet);
  if (owner.kind === 'ec2-instance') {
    const nameTag = instanceNames.get(owner.instanceId) ?? interfaceName;
    return {
      resourceType: 'ec2-instance',
      resourceId: owner.instanceId,
      resourceArn: arnOf(scope, 'ec2', `instance/${owner.instanceId}`),
      ...(nameTag === undefined ? {} : { nameTag }),
    };
  }
  // An ECS task is found in the console by its interface id (task → Networking); the task ARN is not on the interface.
  return {
    resourceType: owner.kind,
    resourceId: interfaceId,
    resourceArn: arnOf(scope, 'ec2', `network-interface/${interfaceId}`),
    ...(interfaceName === undefined ? {} : { nameTag: interfaceName }),
  };
}
