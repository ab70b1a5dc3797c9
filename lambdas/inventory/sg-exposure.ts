/**
 * Security-group analysis (pure): which TCP ports of an interface the internet can reach,
 * and which rule opened each one (the evidence an alert quotes).
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import ipaddr from 'ipaddr.js';

export interface InternetOpenRange {
  fromPort: number;
  toPort: number;
  groupId: string;
  groupName?: string;
  /** The rule as a person reads it, e.g. "tcp 11434 from 0.0.0.0/0" or "all traffic from ::/0". */
  rule: string;
  /** True when the source is `::/0` (reaches IPv6 addresses), false for `0.0.0.0/0` (IPv4). */
  ipv6: boolean;
}

interface TcpPortRange {
  fromPort: number;
  toPort: number;
  label: string;
}

const LOWEST_PORT = 0;
const HIGHEST_PORT = 65_535;

/** The TCP ports a permission covers, or undefined when it covers no TCP (udp, icmp, …). */
function tcpPortRange(permission: IpPermission): TcpPortRange | undefined {
  const protocol = permission.IpProtocol?.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return { fromPort: LOWEST_PORT, toPort: HIGHEST_PORT, label: 'all traffic' };
  if (protocol !== 'tcp' && protocol !== '6') return undefined;
  const { FromPort: from, ToPort: to } = permission;
  // AWS always sets ports on tcp rules; if one is missing, assume the widest reading rather than miss an exposure.
  if (from === undefined || to === undefined || from < LOWEST_PORT || to < LOWEST_PORT || from > to) {
    return { fromPort: LOWEST_PORT, toPort: HIGHEST_PORT, label: `tcp ${LOWEST_PORT}-${HIGHEST_PORT}` };
  }
  return { fromPort: from, toPort: Math.min(to, HIGHEST_PORT), label: from === to ? `tcp ${from}` : `tcp ${from}-${to}` };
}

/**
 * "The whole internet" is a CIDR with prefix length 0 of the matching family (0.0.0.0/0, ::/0), given in
 * a rule or held by a managed prefix list the rule names. Narrower sources and security-group references
 * are not the internet.
 */
function isWholeInternet(cidr: string | undefined, family: 'ipv4' | 'ipv6'): boolean {
  if (cidr === undefined || !ipaddr.isValidCIDR(cidr)) return false;
  const [address, prefixLength] = ipaddr.parseCIDR(cidr);
  return prefixLength === 0 && address.kind() === family;
}

/** The whole-internet entry a managed prefix list holds (`0.0.0.0/0` or `::/0`), if any, from its entries' CIDRs. */
export function wholeInternetEntryOf(cidrs: readonly (string | undefined)[]): { readonly cidr: string; readonly ipv6: boolean } | undefined {
  for (const cidr of cidrs) {
    if (isWholeInternet(cidr, 'ipv4')) return { cidr: cidr!, ipv6: false };
    if (isWholeInternet(cidr, 'ipv6')) return { cidr: cidr!, ipv6: true };
  }
  return undefined;
}

/** Managed prefix lists that hold the whole internet, by id, with that entry: a rule naming one is open to it. */
export type WideOpenPrefixLists = ReadonlyMap<string, { readonly cidr: string; readonly ipv6: boolean }>;

/** The managed prefix lists the TCP ingress rules of `groups` name: what `WideOpenPrefixLists` must be read for. */
export function prefixListsNamed(groups: readonly SecurityGroup[]): string[] {
  const ids = new Set<string>();
  for (const group of groups) {
    for (const permission of group.IpPermissions ?? []) {
      if (tcpPortRange(permission) === undefined) continue;
      for (const { PrefixListId } of permission.PrefixListIds ?? []) if (PrefixListId !== undefined) ids.add(PrefixListId);
    }
  }
  return [...ids].sort();
}

/** Every ingress rule of `groups` that lets the internet reach TCP ports, once per (group, ports, source). */
export function internetOpenTcpRanges(groups: readonly SecurityGroup[], wideOpenPrefixLists: WideOpenPrefixLists = new Map()): InternetOpenRange[] {
  const ranges = new Map<string, InternetOpenRange>();
  for (const group of groups) {
    if (group.GroupId === undefined) continue;
    for (const permission of group.IpPermissions ?? []) {
      const ports = tcpPortRange(permission);
      if (ports === undefined) continue;
      const sources = [
        ...(permission.IpRanges ?? []).filter((r) => isWholeInternet(r.CidrIp, 'ipv4')).map((r) => ({ cidr: r.CidrIp!, ipv6: false })),
        ...(permission.Ipv6Ranges ?? []).filter((r) => isWholeInternet(r.CidrIpv6, 'ipv6')).map((r) => ({ cidr: r.CidrIpv6!, ipv6: true })),
        ...(permission.PrefixListIds ?? []).flatMap(({ PrefixListId: id }) => {
          const entry = id === undefined ? undefined : wideOpenPrefixLists.get(id);
          return entry === undefined ? [] : [{ cidr: `${id} (holds ${entry.cidr})`, ipv6: entry.ipv6 }];
        }),
      ];
      for (const source of sources) {
        const range: InternetOpenRange = {
          fromPort: ports.fromPort,
          toPort: ports.toPort,
          groupId: group.GroupId,
          ...(group.GroupName === undefined ? {} : { groupName: group.GroupName }),
          rule: `${ports.label} from ${source.cidr}`,
          ipv6: source.ipv6,
        };
        ranges.set(`${range.groupId}|${range.fromPort}|${range.toPort}|${range.rule}|${range.ipv6}`, range);
      }
    }
  }
  return [...ranges.values()];
}

/**
 * A rule that opens one port or a small range (≤ 32 ports) says "something listens here", so every
 * port in it is probed. A wider range (up to all traffic) says nothing about what listens, and
 * probing 65,535 ports per address would be a port scan of the user's own estate (slow, noisy,
 * alarming to their IDS); there only the ports AI services use by default, plus the user's extra
 * ports (`candidatePorts`), are probed.
 */
export const SMALL_RANGE_MAX_PORTS = 32;

/**
 * The ports to probe, each with the rule that opened it. When several rules open a port, the
 * narrowest one is kept as evidence (a single-port rule is what a person would revoke).
 * The map iterates in ascending port order.
 */
export function portsToProbe(ranges: readonly InternetOpenRange[], candidatePorts: readonly number[]): Map<number, InternetOpenRange> {
  const evidence = new Map<number, InternetOpenRange>();
  for (const range of ranges) {
    const width = range.toPort - range.fromPort + 1;
    const ports =
      width <= SMALL_RANGE_MAX_PORTS
        ? Array.from({ length: width }, (_, offset) => range.fromPort + offset)
        : candidatePorts.filter((port) => port >= range.fromPort && port <= range.toPort);
    for (const port of ports) {
      if (!Number.isInteger(port) || port < 1 || port > HIGHEST_PORT) continue;
      const current = evidence.get(port);
      if (current === undefined || isBetterEvidence(range, current)) evidence.set(port, range);
    }
  }
  return new Map([...evidence].sort(([a], [b]) => a - b));
}

/** Narrower rule first; ties broken by group id and rule text so the result does not depend on input order. */
function isBetterEvidence(candidate: InternetOpenRange, current: InternetOpenRange): boolean {
  const byWidth = candidate.toPort - candidate.fromPort - (current.toPort - current.fromPort);
  if (byWidth !== 0) return byWidth < 0;
  if (candidate.groupId !== current.groupId) return candidate.groupId < current.groupId;
  return candidate.rule < current.rule;
}
