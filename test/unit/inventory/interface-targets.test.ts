import type { NetworkInterface, SecurityGroup } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { IncompleteListingError } from '../../../lambdas/inventory/errors.js';
import {
  interfaceOwner,
  interfaceTargets,
  publicAddressesOf,
  publicInterfaceOf,
  type InterfaceOwner,
} from '../../../lambdas/inventory/interface-targets.js';

const scope = { accountId: '123456789012', region: 'eu-west-1' };
const attached = { Status: 'in-use' as const };

describe('Function: interfaceOwner', () => {
  it.each<[string, NetworkInterface, InterfaceOwner]>([
    ['an instance interface', { ...attached, InterfaceType: 'interface', Attachment: { InstanceId: 'i-1' } }, { kind: 'ec2-instance', instanceId: 'i-1' }],
    [
      'an ALB interface (RequesterId amazon-elb)',
      { ...attached, InterfaceType: 'interface', RequesterId: 'amazon-elb', Description: 'ELB app/web/50dc6c495c0c9188' },
      { kind: 'skip', why: 'load balancer' },
    ],
    ['an NLB interface', { ...attached, InterfaceType: 'network_load_balancer', Description: 'ELB net/api/1' }, { kind: 'skip', why: 'load balancer' }],
    ['a classic ELB interface by description', { ...attached, Description: 'ELB classic-web' }, { kind: 'skip', why: 'load balancer' }],
    ['a NAT gateway interface (natGateway)', { ...attached, InterfaceType: 'natGateway' }, { kind: 'skip', why: 'NAT gateway' }],
    ['a NAT gateway interface by description', { ...attached, Description: 'Interface for NAT Gateway nat-0abc' }, { kind: 'skip', why: 'NAT gateway' }],
    ['a detached interface', { Status: 'available', InterfaceType: 'interface' }, { kind: 'skip', why: 'not attached' }],
    [
      'a Fargate task interface',
      { ...attached, InterfaceType: 'interface', Description: 'arn:aws:ecs:eu-west-1:123456789012:attachment/3a1b-77', RequesterId: '578734482556' },
      { kind: 'ecs-task', attachmentArn: 'arn:aws:ecs:eu-west-1:123456789012:attachment/3a1b-77' },
    ],
    ['an ECS-managed interface by operator', { ...attached, Operator: { Managed: true, Principal: 'ecs.amazonaws.com' } }, { kind: 'ecs-task' }],
    ['an interface nobody owns', { ...attached, InterfaceType: 'interface' }, { kind: 'network-interface' }],
  ])('%s', (_name, eni, expected) => {
    expect(interfaceOwner(eni)).toEqual(expected);
  });
});

describe('Function: publicAddressesOf', () => {
  it('collects the primary and secondary associations and IPv6 addresses, once each', () => {
    // Prepare
    const eni: NetworkInterface = {
      Association: { PublicIp: '198.51.100.1' },
      PrivateIpAddresses: [
        { PrivateIpAddress: '10.0.0.1', Association: { PublicIp: '198.51.100.1' } },
        { PrivateIpAddress: '10.0.0.2', Association: { PublicIp: '198.51.100.2' } },
        { PrivateIpAddress: '10.0.0.3' },
      ],
      Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }],
    };
    // Act + Assess
    expect(publicAddressesOf(eni)).toEqual({ ipv4: ['198.51.100.1', '198.51.100.2'], ipv6: ['2001:db8::1'] });
  });

  it('drops IPv6 addresses the internet gateway is told to deny', () => {
    expect(publicAddressesOf({ Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }], DenyAllIgwTraffic: true })).toEqual({ ipv4: [], ipv6: [] });
  });

  it('finds nothing on a private-only interface', () => {
    expect(publicInterfaceOf({ ...attached, PrivateIpAddresses: [{ PrivateIpAddress: '10.0.0.1' }] })).toBeUndefined();
  });
});

describe('Function: interfaceTargets', () => {
  const openOllama: SecurityGroup = {
    GroupId: 'sg-0abc',
    GroupName: 'gpu-open',
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: 11434, ToPort: 11434, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
  };
  const openV6Only: SecurityGroup = {
    GroupId: 'sg-0v6',
    GroupName: 'v6-web',
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, Ipv6Ranges: [{ CidrIpv6: '::/0' }] }],
  };
  const groupsById = new Map([
    ['sg-0abc', openOllama],
    ['sg-0v6', openV6Only],
  ]);
  const eni: NetworkInterface = {
    ...attached,
    NetworkInterfaceId: 'eni-1',
    InterfaceType: 'interface',
    Attachment: { InstanceId: 'i-0gpu' },
    Association: { PublicIp: '198.51.100.7' },
    Ipv6Addresses: [{ Ipv6Address: '2001:db8::7' }],
    Groups: [{ GroupId: 'sg-0abc', GroupName: 'gpu-open' }, { GroupId: 'sg-0v6' }],
    TagSet: [{ Key: 'Name', Value: 'eni-own-name' }],
    VpcId: 'vpc-1',
    SubnetId: 'subnet-1',
  };

  it('gives IPv4 addresses only 0.0.0.0/0 ports and IPv6 addresses only ::/0 ports, named after the instance', () => {
    // Prepare
    const publicInterface = publicInterfaceOf(eni)!;
    // Act
    const targets = interfaceTargets({ scope, publicInterface, groupsById, instanceNames: new Map([['i-0gpu', 'prod-gpu']]), candidatePorts: [] });
    // Assess
    const context = {
      networkInterfaceId: 'eni-1',
      securityGroups: 'sg-0abc (gpu-open), sg-0v6 (v6-web)',
      vpcId: 'vpc-1',
      subnetId: 'subnet-1',
      instanceId: 'i-0gpu',
    };
    expect(targets).toEqual([
      {
        targetId: '123456789012/eu-west-1/ec2-instance/i-0gpu/198.51.100.7/11434',
        accountId: '123456789012',
        region: 'eu-west-1',
        resourceType: 'ec2-instance',
        resourceId: 'i-0gpu',
        resourceArn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0gpu',
        nameTag: 'prod-gpu',
        address: '198.51.100.7',
        port: 11434,
        reason: 'sg-0abc (gpu-open) tcp 11434 from 0.0.0.0/0',
        context,
      },
      {
        targetId: '123456789012/eu-west-1/ec2-instance/i-0gpu/2001:db8::7/8080',
        accountId: '123456789012',
        region: 'eu-west-1',
        resourceType: 'ec2-instance',
        resourceId: 'i-0gpu',
        resourceArn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0gpu',
        nameTag: 'prod-gpu',
        address: '2001:db8::7',
        port: 8080,
        reason: 'sg-0v6 (v6-web) tcp 8080 from ::/0',
        context,
      },
    ]);
  });

  it("falls back to the interface's own Name tag when the instance has none", () => {
    const targets = interfaceTargets({ scope, publicInterface: publicInterfaceOf(eni)!, groupsById, instanceNames: new Map(), candidatePorts: [] });
    expect(targets.map((t) => t.nameTag)).toEqual(['eni-own-name', 'eni-own-name']);
  });

  it('names an unowned interface by its id and ARN', () => {
    // Prepare
    const loose = publicInterfaceOf({ ...eni, Attachment: {}, Ipv6Addresses: [] })!;
    // Act
    const [target] = interfaceTargets({ scope, publicInterface: loose, groupsById, instanceNames: new Map(), candidatePorts: [] });
    // Assess
    expect(target).toMatchObject({
      resourceType: 'network-interface',
      resourceId: 'eni-1',
      resourceArn: 'arn:aws:ec2:eu-west-1:123456789012:network-interface/eni-1',
      nameTag: 'eni-own-name',
    });
  });

  it('uses the partition of the region in ARNs', () => {
    const [target] = interfaceTargets({
      scope: { accountId: '123456789012', region: 'cn-north-1' },
      publicInterface: publicInterfaceOf({ ...eni, Ipv6Addresses: [] })!,
      groupsById,
      instanceNames: new Map(),
      candidatePorts: [],
    });
    expect(target?.resourceArn).toBe('arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-0gpu');
  });

  it('refuses to guess when a group of the interface was not listed', () => {
    expect(() =>
      interfaceTargets({ scope, publicInterface: publicInterfaceOf(eni)!, groupsById: new Map([['sg-0abc', openOllama]]), instanceNames: new Map(), candidatePorts: [] }),
    ).toThrow(IncompleteListingError);
  });
});
