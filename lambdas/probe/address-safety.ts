/**
 * Which destinations the prober may connect to. Pure.
 *
 * Only globally routable unicast addresses are someone's internet-facing resource; everything
 * else (private, loopback, link-local with the instance metadata service, CGNAT, multicast,
 * reserved, documentation, and IPv6 forms that embed a refused IPv4) is refused, so a poisoned
 * inventory or DNS answer can never turn the prober against the VPC or the Lambda itself.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export type AddressCheck =
  | { readonly ok: true; readonly ip: string; readonly family: 4 | 6 }
  | { readonly ok: false; readonly reason: string };

export interface AddressPolicy {
  /** Lab use: also permit RFC 1918, loopback, CGNAT and IPv6 unique-local destinations. */
  readonly allowPrivate: boolean;
  /**
   * Permit documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32,
   * 3fff::/20). Only for logical addresses that an address map sends to loopback: they are what
   * samples and demos should use, and no packet ever goes to them.
   */
  readonly allowDocumentation?: boolean;
}

/** RFC 5737, RFC 3849, RFC 9637. */
const DOCUMENTATION_RANGES = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'].map((cidr) => ipaddr.parseCIDR(cidr));

function isDocumentation(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  return DOCUMENTATION_RANGES.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/** Ranges that are "someone's own network": refused unless the policy allows private destinations. */
const PRIVATE_RANGES: Readonly<Record<string, string>> = {
  private: 'a private address (RFC 1918)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  uniqueLocal: 'an IPv6 unique-local address (fc00::/7)',
};

/** Ranges that are never a probe target, whatever the policy. */
const NEVER_RANGES: Readonly<Record<string, string>> = {
  unspecified: 'the unspecified address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (includes the instance metadata service 169.254.169.254)',
  reserved: 'a reserved address',
  benchmarking: 'a benchmarking address',
  as112: 'an AS112 address',
  as112v6: 'an AS112 address',
  amt: 'an AMT relay address',
  deprecatedSiteLocal: 'a deprecated IPv6 site-local address',
  discard: 'an IPv6 discard-only address',
  teredo: 'a Teredo tunnel address',
  deprecatedOrchid: 'an ORCHID address',
  orchid2: 'an ORCHID address',
  droneRemoteIdProtocolEntityTags: 'a DRIP entity tag',
  segmentRouting: 'an SRv6 segment identifier',
};

/** 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is local-use (RFC 8215) and never public. */
const WELL_KNOWN_NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');
/** ::/96 holds the deprecated IPv4-compatible form (::a.b.c.d), which some stacks route oddly. */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR('::/96');

const refuse = (ip: string, what: string): AddressCheck => ({ ok: false, reason: `${ip} is ${what}` });

/**
 * Checks one IP literal. Only dotted-quad IPv4 and standard IPv6 are accepted: shorthand such
 * as `127.1` or `2130706433` is refused rather than interpreted, because resolvers disagree on it.
 */
export function checkIpAddress(ip: string, policy: AddressPolicy): AddressCheck {
  const family = isIP(ip);
  return family === 0 || ip.includes('%') ? notPlainIp(ip) : checkParsed(parseIp(ip, family), ip, policy);
}

/**
 * An IP literal `isIP` accepted, parsed once: `ipaddr.parse` would check it (a whole parse) before parsing
 * it again, and this runs for every target.
 */
const parseIp = (ip: string, family: number): ipaddr.IPv4 | ipaddr.IPv6 => (family === 4 ? ipaddr.IPv4.parse(ip) : ipaddr.IPv6.parse(ip));

const notPlainIp = (ip: string): AddressCheck => ({ ok: false, reason: `${JSON.stringify(ip)} is not a plain IP address` });

function checkParsed(parsed: ipaddr.IPv4 | ipaddr.IPv6, shown: string, policy: AddressPolicy): AddressCheck {
  return parsed.kind() === 'ipv4' ? checkIpv4(parsed as ipaddr.IPv4, shown, policy) : checkIpv6(parsed as ipaddr.IPv6, shown, policy);
}

function checkIpv4(address: ipaddr.IPv4, shown: string, policy: AddressPolicy): AddressCheck {
  const range = address.range();
  if (range === 'unicast') return { ok: true, ip: address.toString(), family: 4 };
  if (isDocumentation(address)) return policy.allowDocumentation ? { ok: true, ip: address.toString(), family: 4 } : refuse(shown, 'a documentation address');
  const privateWhat = PRIVATE_RANGES[range];
  if (privateWhat !== undefined) return policy.allowPrivate ? { ok: true, ip: address.toString(), family: 4 } : refuse(shown, privateWhat);
  return refuse(shown, NEVER_RANGES[range] ?? `in the special range "${range}"`);
}

function checkIpv6(address: ipaddr.IPv6, shown: string, policy: AddressPolicy): AddressCheck {
  const range = address.range();
  const embedded = embeddedIpv4(address, range);
  if (embedded !== undefined) {
    const inner = checkIpv4(embedded.ipv4, embedded.ipv4.toString(), policy);
    if (!inner.ok) return refuse(shown, `${embedded.form} of a refused IPv4 address (${inner.reason})`);
    return { ok: true, ip: address.toString(), family: 6 };
  }
  if (isDocumentation(address)) return policy.allowDocumentation ? { ok: true, ip: address.toString(), family: 6 } : refuse(shown, 'a documentation address');
  if (range === 'unicast') {
    if (address.match(IPV4_COMPATIBLE)) return refuse(shown, 'a deprecated IPv4-compatible IPv6 address');
    return { ok: true, ip: address.toString(), family: 6 };
  }
  if (range === 'rfc6052') return refuse(shown, 'a local-use NAT64 address (64:ff9b:1::/48)');
  const privateWhat = PRIVATE_RANGES[range];
  if (privateWhat !== undefined) return policy.allowPrivate ? { ok: true, ip: address.toString(), family: 6 } : refuse(shown, privateWhat);
  return refuse(shown, NEVER_RANGES[range] ?? `in the special range "${range}"`);
}

/** IPv6 forms that carry an IPv4 address the packet may end up at. */
function embeddedIpv4(address: ipaddr.IPv6, range: string): { readonly ipv4: ipaddr.IPv4; readonly form: string } | undefined {
  const bytes = (from: number): ipaddr.IPv4 => new ipaddr.IPv4(address.toByteArray().slice(from, from + 4));
  if (range === 'ipv4Mapped') return { ipv4: bytes(12), form: 'an IPv4-mapped IPv6 address' };
  if (range === 'rfc6145') return { ipv4: bytes(12), form: 'an IPv4-translated IPv6 address' };
  if (range === 'rfc6052' && address.match(WELL_KNOWN_NAT64)) return { ipv4: bytes(12), form: 'a NAT64 address' };
  if (range === '6to4') return { ipv4: bytes(2), form: 'a 6to4 address' };
  return undefined;
}

/** True only for 127.0.0.0/8 and ::1: where the test/lab address map may point. */
export function isLoopbackAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return false;
  return parseIp(ip, family).range() === 'loopback';
}

/** Letters, digits and hyphens in dot-separated labels, with a non-numeric last label (so never an IP in disguise). */
const HOSTNAME = /^(?=.{1,253}\.?$)(?:(?!-)[a-z0-9-]{1,63}(?<!-)\.)*(?!-)(?=[a-z0-9-]*[a-z])[a-z0-9-]{1,63}(?<!-)\.?$/i;

/**
 * A probe target's address, worked out once per target (parsing an IPv6 literal costs tens of
 * microseconds, and the engine needs the verdict of the check, the limit key and the kind at three places).
 * `key` is one spelling per destination, for per-address limits: IPv6 in full form, names lower-cased
 * without the root dot.
 */
export type TargetAddress =
  /** A DNS name: each address it resolves to is checked when the target is probed. */
  | { readonly kind: 'name'; readonly name: string; readonly key: string }
  /** An IP literal the policy accepts, in the form to connect to. */
  | { readonly kind: 'ip'; readonly ip: string; readonly key: string }
  /** An IP literal the policy refuses, or neither an IP literal nor a name (`checkIpAddress`'s reason). */
  | { readonly kind: 'refused'; readonly reason: string; readonly key: string };

export function inspectTargetAddress(address: string, policy: AddressPolicy): TargetAddress {
  const family = isIP(address);
  if (family === 0 && HOSTNAME.test(address)) return { kind: 'name', name: address.replace(/\.$/, ''), key: address.toLowerCase().replace(/\.$/, '') };
  const parsed = family === 0 || address.includes('%') ? undefined : parseIp(address, family);
  const check = parsed === undefined ? notPlainIp(address) : checkParsed(parsed, address, policy);
  const key = parsed === undefined ? address : parsed.toNormalizedString();
  return check.ok ? { kind: 'ip', ip: check.ip, key } : { kind: 'refused', reason: check.reason, key };
}
