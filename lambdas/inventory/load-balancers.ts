/**
 * Internet-facing load balancers as targets: one per (DNS name, TCP listener port). Internal
 * ones are skipped; the interfaces a load balancer owns are skipped in the interface listing.
 */
import {
  DescribeTagsCommand as DescribeClassicTagsCommand,
  paginateDescribeLoadBalancers as paginateDescribeClassicLoadBalancers,
  type ElasticLoadBalancingClient,
  type LoadBalancerDescription,
} from '@aws-sdk/client-elastic-load-balancing';
import {
  DescribeTagsCommand,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  type ElasticLoadBalancingV2Client,
  type Listener,
  type LoadBalancer,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { resourceKeyOf, targetIdOf, type ProbeTarget, type Scope } from '../shared/model.js';
import { arnOf } from './arn.js';
import { awsCall } from './errors.js';
import { chunks, collect, mapConcurrently } from './paging.js';

/** DescribeTags takes at most 20 load balancers per call (both APIs). */
const TAG_BATCH = 20;
const LISTENER_CALLS_IN_FLIGHT = 4;
/** Listener protocols that carry TCP; UDP, GENEVE and QUIC listeners cannot be probed over TCP. */
const TCP_LISTENER_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TCP', 'TLS', 'TCP_UDP', 'TCP_QUIC', 'SSL']);
/** Listener protocols where the load balancer itself answers with TLS (ALB HTTPS, NLB TLS, classic HTTPS/SSL). */
const TLS_LISTENER_PROTOCOLS = new Set(['HTTPS', 'TLS', 'SSL']);

interface LoadBalancerTargetInput {
  readonly scope: Scope;
  readonly resourceType: 'elbv2' | 'elb-classic';
  readonly name: string;
  readonly arn: string;
  readonly dnsName: string;
  readonly nameTag: string | undefined;
  readonly listeners: readonly { readonly protocol: string; readonly port: number }[];
  readonly context: Readonly<Record<string, string>>;
}

/** What a listing returns: targets, plus every resource listed (see ScopeInventory.resources). */
export interface ListedTargets {
  readonly targets: ProbeTarget[];
  readonly resources: string[];
}

/** One target per TCP listener port of an internet-facing load balancer (pure). */
export function loadBalancerTargets(input: LoadBalancerTargetInput): ProbeTarget[] {
  const byPort = new Map<number, string>();
  for (const { protocol, port } of input.listeners) {
    if (TCP_LISTENER_PROTOCOLS.has(protocol.toUpperCase()) && !byPort.has(port)) byPort.set(port, protocol.toUpperCase());
  }
  return [...byPort]
    .sort(([a], [b]) => a - b)
    .map(([port, protocol]) => {
      const base = {
        accountId: input.scope.accountId,
        region: input.scope.region,
        resourceType: input.resourceType,
        resourceId: input.name,
        address: input.dnsName,
        port,
      };
      return {
        targetId: targetIdOf(base),
        ...base,
        resourceArn: input.arn,
        ...(input.nameTag === undefined ? {} : { nameTag: input.nameTag }),
        reason: `listener ${protocol}:${port}`,
        context: { ...input.context, listenerProtocol: protocol },
        ...(TLS_LISTENER_PROTOCOLS.has(protocol) ? { tlsExpected: true as const } : {}),
      };
    });
}

/** Targets of internet-facing ALBs/NLBs, and every such load balancer as a listed resource (listeners or not). */
export async function listElbv2Targets(scope: Scope, elbv2: ElasticLoadBalancingV2Client): Promise<ListedTargets> {
  const loadBalancers = await awsCall('elbv2', 'DescribeLoadBalancers', () =>
    collect(paginateDescribeLoadBalancers({ client: elbv2, pageSize: 400 }, {}), (page) => page.LoadBalancers),
  );
  const internetFacing = loadBalancers.filter(
    (lb): lb is LoadBalancer & { LoadBalancerArn: string; LoadBalancerName: string; DNSName: string } =>
      lb.Scheme === 'internet-facing' && lb.Type !== 'gateway' && !!lb.LoadBalancerArn && !!lb.LoadBalancerName && !!lb.DNSName,
  );
  if (internetFacing.length === 0) return { targets: [], resources: [] };
  const arns = internetFacing.map((lb) => lb.LoadBalancerArn);
  const [listenersByLb, nameTags] = await Promise.all([
    mapConcurrently(arns, LISTENER_CALLS_IN_FLIGHT, (arn) =>
      awsCall('elbv2', 'DescribeListeners', () =>
        collect(paginateDescribeListeners({ client: elbv2, pageSize: 400 }, { LoadBalancerArn: arn }), (page) => page.Listeners),
      ),
    ),
    awsCall('elbv2', 'DescribeTags', async () => {
      const pages = await Promise.all(chunks(arns, TAG_BATCH).map((batch) => elbv2.send(new DescribeTagsCommand({ ResourceArns: batch }))));
      return new Map(
        pages.flatMap((page) => page.TagDescriptions ?? []).flatMap((d) => {
          const name = d.Tags?.find((tag) => tag.Key === 'Name')?.Value;
          return d.ResourceArn && name ? [[d.ResourceArn, name] as const] : [];
        }),
      );
    }),
  ]);
  const resources = internetFacing.map((lb) => resourceKeyOf({ resourceType: 'elbv2', resourceId: lb.LoadBalancerName }));
  const targets = internetFacing.flatMap((lb, index) =>
    loadBalancerTargets({
      scope,
      resourceType: 'elbv2',
      name: lb.LoadBalancerName,
      arn: lb.LoadBalancerArn,
      dnsName: lb.DNSName,
      nameTag: nameTags.get(lb.LoadBalancerArn),
      listeners: listenersOf(listenersByLb[index] ?? []),
      context: {
        loadBalancerType: lb.Type ?? 'application',
        ...(lb.IpAddressType ? { ipAddressType: lb.IpAddressType } : {}),
        ...(lb.SecurityGroups?.length ? { securityGroups: lb.SecurityGroups.join(', ') } : {}),
      },
    }),
  );
  return { targets, resources };
}

const listenersOf = (listeners: readonly Listener[]) =>
  listeners.flatMap((l) => (l.Protocol !== undefined && l.Port !== undefined ? [{ protocol: l.Protocol, port: l.Port }] : []));

/** Targets of internet-facing Classic Load Balancers, and every such load balancer as a listed resource. */
export async function listClassicElbTargets(scope: Scope, elb: ElasticLoadBalancingClient): Promise<ListedTargets> {
  const descriptions = await awsCall('elb', 'DescribeLoadBalancers', () =>
    collect(paginateDescribeClassicLoadBalancers({ client: elb, pageSize: 400 }, {}), (page) => page.LoadBalancerDescriptions),
  );
  const internetFacing = descriptions.filter(
    (lb): lb is LoadBalancerDescription & { LoadBalancerName: string; DNSName: string } =>
      lb.Scheme === 'internet-facing' && !!lb.LoadBalancerName && !!lb.DNSName,
  );
  if (internetFacing.length === 0) return { targets: [], resources: [] };
  const nameTags = await awsCall('elb', 'DescribeTags', async () => {
    const batches = chunks(internetFacing.map((lb) => lb.LoadBalancerName), TAG_BATCH);
    const pages = await Promise.all(batches.map((names) => elb.send(new DescribeClassicTagsCommand({ LoadBalancerNames: names }))));
    return new Map(
      pages.flatMap((page) => page.TagDescriptions ?? []).flatMap((d) => {
        const name = d.Tags?.find((tag) => tag.Key === 'Name')?.Value;
        return d.LoadBalancerName && name ? [[d.LoadBalancerName, name] as const] : [];
      }),
    );
  });
  const resources = internetFacing.map((lb) => resourceKeyOf({ resourceType: 'elb-classic', resourceId: lb.LoadBalancerName }));
  const targets = internetFacing.flatMap((lb) =>
    loadBalancerTargets({
      scope,
      resourceType: 'elb-classic',
      name: lb.LoadBalancerName,
      arn: arnOf(scope, 'elasticloadbalancing', `loadbalancer/${lb.LoadBalancerName}`),
      dnsName: lb.DNSName,
      nameTag: nameTags.get(lb.LoadBalancerName),
      listeners: (lb.ListenerDescriptions ?? []).flatMap(({ Listener: l }) =>
        l?.Protocol !== undefined && l.LoadBalancerPort !== undefined ? [{ protocol: l.Protocol, port: l.LoadBalancerPort }] : [],
      ),
      context: {
        loadBalancerType: 'classic',
        ...(lb.SecurityGroups?.length ? { securityGroups: lb.SecurityGroups.join(', ') } : {}),
      },
    }),
  );
  return { targets, resources };
}
