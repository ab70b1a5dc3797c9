/** Lists a region's network interfaces, their security groups and owning instances, and turns them into targets. */
import {
  paginateDescribeInstances,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSecurityGroups,
  paginateGetManagedPrefixListEntries,
  type EC2Client,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { ProbeTarget, Scope } from '../shared/model.js';
import { awsCall } from './errors.js';
import type { ListedTargets } from './load-balancers.js';
import { chunks, collect, mapConcurrently } from './paging.js';
import { prefixListsNamed, type InternetOpenRange, type PrefixListEntries } from './sg-exposure.js';
import { interfaceTargets, listedResourceOf, nameTagOf, publicInterfaceOf } from './interface-targets.js';

/** EC2 accepts up to 200 values per filter. */
const FILTER_VALUES_PER_CALL = 200;

export async function listInterfaceTargets(
  scope: Scope,
  ec2: EC2Client,
  candidatePorts: readonly number[],
): Promise<ListedTargets> {
  const interfaces = await awsCall('ec2', 'DescribeNetworkInterfaces', () =>
    collect(paginateDescribeNetworkInterfaces({ client: ec2, pageSize: 1000 }, {}), (page) => page.NetworkInterfaces),
  );
  const resources = interfaces.flatMap((eni) => listedResourceOf(eni) ?? []);
  const publicInterfaces = interfaces.flatMap((eni) => publicInterfaceOf(eni) ?? []);
  if (publicInterfaces.length === 0) return { targets: [], resources };

  const groupIds = unique(publicInterfaces.flatMap(({ eni }) => (eni.Groups ?? []).flatMap((g) => g.GroupId ?? [])));
  const instanceIds = unique(publicInterfaces.flatMap(({ owner }) => (owner.kind === 'ec2-instance' ? [owner.instanceId] : [])));
  const [groupsById, instanceNames] = await Promise.all([securityGroupsById(ec2, groupIds), instanceNameTags(ec2, instanceIds)]);
  const prefixLists = await prefixListEntries(ec2, prefixListsNamed([...groupsById.values()]));

  const rangesByGroups = new Map<string, readonly InternetOpenRange[]>();
  const targets = publicInterfaces.flatMap((publicInterface) =>
    interfaceTargets({ scope, publicInterface, groupsById, prefixLists, instanceNames, candidatePorts, rangesByGroups }),
  );
  return { targets, resources };
}

/**
 * The entries of the named managed prefix lists, read whole: a rule "from pl-…" is as open as one from
 * 0.0.0.0/0 when the list holds it (an "allowed sources" list someone widened for a test), or holds
 * pieces that together make it.
 */
async function prefixListEntries(ec2: EC2Client, ids: readonly string[]): Promise<PrefixListEntries> {
  const entries = await mapConcurrently(ids, PREFIX_LIST_CALLS_IN_FLIGHT, (id) =>
    awsCall('ec2', 'GetManagedPrefixListEntries', () =>
      collect(paginateGetManagedPrefixListEntries({ client: ec2, pageSize: 100 }, { PrefixListId: id }), (page) => page.Entries),
    ),
  );
  return new Map(ids.map((id, index) => [id, (entries[index] ?? []).flatMap((entry) => (entry.Cidr === undefined ? [] : [entry.Cidr]))]));
}

const PREFIX_LIST_CALLS_IN_FLIGHT = 4;

async function securityGroupsById(ec2: EC2Client, groupIds: readonly string[]): Promise<Map<string, SecurityGroup>> {
  const groups = await awsCall('ec2', 'DescribeSecurityGroups', async () => {
    const pages = chunks(groupIds, FILTER_VALUES_PER_CALL).map((ids) =>
      collect(paginateDescribeSecurityGroups({ client: ec2 }, { Filters: [{ Name: 'group-id', Values: ids }] }), (page) => page.SecurityGroups),
    );
    return (await Promise.all(pages)).flat();
  });
  return new Map(groups.flatMap((group) => (group.GroupId === undefined ? [] : [[group.GroupId, group] as const])));
}

/**
 * Name tags of the owning instances. A filter (not InstanceIds) is used so that an instance
 * terminated since the interface listing is simply absent instead of failing the call.
 */
async function instanceNameTags(ec2: EC2Client, instanceIds: readonly string[]): Promise<Map<string, string>> {
  const reservations = await awsCall('ec2', 'DescribeInstances', async () => {
    const pages = chunks(instanceIds, FILTER_VALUES_PER_CALL).map((ids) =>
      collect(paginateDescribeInstances({ client: ec2 }, { Filters: [{ Name: 'instance-id', Values: ids }] }), (page) => page.Reservations),
    );
    return (await Promise.all(pages)).flat();
  });
  const names = new Map<string, string>();
  for (const instance of reservations.flatMap((r) => r.Instances ?? [])) {
    const name = nameTagOf(instance.Tags);
    if (instance.InstanceId !== undefined && name !== undefined) names.set(instance.InstanceId, name);
  }
  return names;
}

const unique = (values: readonly string[]): string[] => [...new Set(values)];
