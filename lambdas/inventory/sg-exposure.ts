/**
 * Security-group analysis (pure): which TCP ports of an interface the internet can reach,
 * and which rule opened each one (the evidence an alert quotes).
 */
import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import ipaddr from 'ipaddr.js';

export interface InternetOpenRange {
  fromPort: number;
  toPort: number;
  /** The group whose rule opens the range; for sources that only together hold the internet, their groups joined by " + ". */
  groupId: string;
  groupName?: string;
  /**
   * The rule as a person reads it, e.g. "tcp 11434 from 0.0.0.0/0", "all traffic from ::/0", or for rules
   * whose sources only together hold the whole internet "tcp 8000 from 0.0.0.0/1 + 128.0.0.0/1 (together 0.0.0.0/0)".
   */
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
  return { fromPort: from, toPort: Math.min(to, HIGHEST_PORT), label: tcpPortsLabel(from, to) };
}

const tcpPortsLabel = (from: number, to: number): string => (from === to ? `tcp ${from}` : `tcp ${from}-${to}`);

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

/** The CIDR entries of the managed prefix lists the rules name, by list id. */
export type PrefixListEntries = ReadonlyMap<string, readonly string[]>;

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

/**
 * Every way the ingress rules of `groups` let the whole internet reach TCP ports: each rule from
 * 0.0.0.0/0 or ::/0 (itself or through a prefix list that holds it), once per (group, ports, source),
 * and each port range whose narrower sources only together hold the whole internet (two /1s: a way
 * round checks and policies that look for 0.0.0.0/0 alone).
 */
export function internetOpenTcpRanges(groups: readonly SecurityGroup[], prefixLists: PrefixListEntries = new Map()): InternetOpenRange[] {
  const whole = singleSourceRanges(groups, prefixLists);
  return [...whole, ...combinedSourceRanges(groups, prefixLists, whole, 'ipv4'), ...combinedSourceRanges(groups, prefixLists, whole, 'ipv6')];
}

function singleSourceRanges(groups: readonly SecurityGroup[], prefixLists: PrefixListEntries): InternetOpenRange[] {
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
          const entry = id === undefined ? undefined : wholeInternetEntryOf(prefixLists.get(id) ?? []);
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

/** One source of one TCP rule: its ports, its group, how it reads and the addresses it holds. */
interface SourcePiece {
  readonly fromPort: number;
  readonly toPort: number;
  readonly groupId: string;
  readonly groupName: string | undefined;
  readonly label: string;
  readonly span: AddressSpan;
}

/** Addresses `first`..`last` of one family, as integers. */
interface AddressSpan {
  readonly first: bigint;
  readonly last: bigint;
}

const FAMILY_BITS = { ipv4: 32n, ipv6: 128n } as const;
const WHOLE_FAMILY = { ipv4: '0.0.0.0/0', ipv6: '::/0' } as const;
/** Sources quoted in a combined rule's evidence; the rest are counted. */
const SOURCES_QUOTED = 4;

function spanOf(cidr: string | undefined, family: 'ipv4' | 'ipv6'): AddressSpan | undefined {
  if (cidr === undefined || !ipaddr.isValidCIDR(cidr)) return undefined;
  const [address, prefixLength] = ipaddr.parseCIDR(cidr);
  if (address.kind() !== family) return undefined;
  const value = address.toByteArray().reduce((sum, byte) => (sum << 8n) | BigInt(byte), 0n);
  const size = 1n << (FAMILY_BITS[family] - BigInt(prefixLength));
  const first = value - (value % size);
  return { first, last: first + size - 1n };
}

/**
 * The fewest of `pieces` that together hold every address of the family (the greedy interval cover, which is
 * minimal), in address order; undefined when all of them together do not.
 */
function wholeFamilyCover<P extends { readonly span: AddressSpan }>(pieces: readonly P[], family: 'ipv4' | 'ipv6'): P[] | undefined {
  const end = 1n << FAMILY_BITS[family];
  const byStart = [...pieces].sort((a, b) => (a.span.first < b.span.first ? -1 : a.span.first > b.span.first ? 1 : 0));
  const cover: P[] = [];
  let next = 0n;
  let index = 0;
  while (next < end) {
    let reach: P | undefined;
    for (; index < byStart.length && byStart[index]!.span.first <= next; index += 1) {
      if (reach === undefined || byStart[index]!.span.last > reach.span.last) reach = byStart[index];
    }
    if (reach === undefined || reach.span.last < next) return undefined;
    cover.push(reach);
    next = reach.span.last + 1n;
  }
  return cover;
}

/** Every narrower source of the TCP rules of one family (CIDRs, and the entries of the prefix lists they name). */
function sourcePieces(groups: readonly SecurityGroup[], prefixLists: PrefixListEntries, family: 'ipv4' | 'ipv6'): SourcePiece[] {
  const pieces: SourcePiece[] = [];
  for (const group of groups) {
    if (group.GroupId === undefined) continue;
    for (const permission of group.IpPermissions ?? []) {
      const ports = tcpPortRange(permission);
      if (ports === undefined) continue;
      const cidrs = family === 'ipv4' ? (permission.IpRanges ?? []).map((r) => r.CidrIp) : (permission.Ipv6Ranges ?? []).map((r) => r.CidrIpv6);
      const labelled = [
        ...cidrs.map((cidr) => ({ cidr, label: cidr })),
        ...(permission.PrefixListIds ?? []).flatMap(({ PrefixListId: id }) => (prefixLists.get(id ?? '') ?? []).map((cidr) => ({ cidr, label: `${id} (${cidr})` }))),
      ];
      for (const { cidr, label } of labelled) {
        const span = spanOf(cidr, family);
        // A /0 is a single-source range (singleSourceRanges).
        if (span === undefined || (span.first === 0n && span.last === (1n << FAMILY_BITS[family]) - 1n)) continue;
        pieces.push({ fromPort: ports.fromPort, toPort: ports.toPort, groupId: group.GroupId, groupName: group.GroupName, label: label ?? '', span });
      }
    }
  }
  return pieces;
}

/**
 * The port ranges no single whole-internet source opens but whose narrower sources together hold every
 * address of the family. The ports are cut where any rule's range starts or ends, so each piece of the
 * cut is open to one fixed set of sources, and is either opened by a whole-internet rule or not at all.
 */
function combinedSourceRanges(
  groups: readonly SecurityGroup[],
  prefixLists: PrefixListEntries,
  whole: readonly InternetOpenRange[],
  family: 'ipv4' | 'ipv6',
): InternetOpenRange[] {
  const pieces = sourcePieces(groups, prefixLists, family);
  // Nearly always the sources, all ports together, hold nowhere near the whole family: nothing to cut.
  if (pieces.length < 2 || wholeFamilyCover(pieces, family) === undefined) return [];
  const opened = whole.filter((r) => r.ipv6 === (family === 'ipv6'));
  const cuts = [...new Set([...pieces, ...opened].flatMap((p) => [p.fromPort, p.toPort + 1]))].sort((a, b) => a - b);
  const ranges: InternetOpenRange[] = [];
  for (let index = 0; index + 1 < cuts.length; index += 1) {
    const fromPort = cuts[index]!;
    const toPort = cuts[index + 1]! - 1;
    const alreadyOpen = opened.some((r) => r.fromPort <= fromPort && r.toPort >= toPort);
    // The evidence names only the sources that make up the whole: an office /24 beside two /1s adds nothing.
    const sources = alreadyOpen ? undefined : wholeFamilyCover(pieces.filter((p) => p.fromPort <= fromPort && p.toPort >= toPort), family);
    if (sources === undefined) continue;
    const groupIds = [...new Set(sources.map((p) => p.groupId))].sort();
    const labels = [...new Set(sources.map((p) => p.label))];
    const quoted = labels.length > SOURCES_QUOTED ? [...labels.slice(0, SOURCES_QUOTED), `${labels.length - SOURCES_QUOTED} more`] : labels;
    const portsLabel = fromPort === LOWEST_PORT && toPort === HIGHEST_PORT ? 'all tcp' : tcpPortsLabel(fromPort, toPort);
    const groupName = groupIds.length === 1 ? sources[0]!.groupName : undefined;
    ranges.push({
      fromPort,
      toPort,
      groupId: groupIds.join(' + '),
      ...(groupName === undefined ? {} : { groupName }),
      rule: `${portsLabel} from ${quoted.join(' + ')} (together ${WHOLE_FAMILY[family]})`,
      ipv6: family === 'ipv6',
    });
  }
  return ranges;
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
