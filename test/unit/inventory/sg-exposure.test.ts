import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { internetOpenTcpRanges, portsToProbe, prefixListsNamed, SMALL_RANGE_MAX_PORTS, wholeInternetEntryOf, type InternetOpenRange } from '../../../lambdas/inventory/sg-exposure.js';

/** `groupName: null` builds a group without a name. */
const group = (groupId: string, permissions: IpPermission[], groupName: string | null = 'web'): SecurityGroup => ({
  GroupId: groupId,
  ...(groupName === null ? {} : { GroupName: groupName }),
  IpPermissions: permissions,
});
const tcp = (from: number, to: number, extra: Partial<IpPermission>): IpPermission => ({ IpProtocol: 'tcp', FromPort: from, ToPort: to, ...extra });
const v4 = (...cidrs: string[]) => ({ IpRanges: cidrs.map((CidrIp) => ({ CidrIp })) });
const v6 = (...cidrs: string[]) => ({ Ipv6Ranges: cidrs.map((CidrIpv6) => ({ CidrIpv6 })) });
const summary = (ranges: InternetOpenRange[]) => ranges.map((r) => `${r.groupId} ${r.fromPort}-${r.toPort} ${r.ipv6 ? 'v6' : 'v4'} ${r.rule}`);

describe('Function: internetOpenTcpRanges', () => {
  it.each<[string, IpPermission[], string[]]>([
    ['a single tcp port from 0.0.0.0/0', [tcp(11434, 11434, v4('0.0.0.0/0'))], ['sg-1 11434-11434 v4 tcp 11434 from 0.0.0.0/0']],
    ['protocol number 6 as tcp', [{ IpProtocol: '6', FromPort: 8888, ToPort: 8888, ...v4('0.0.0.0/0') }], ['sg-1 8888-8888 v4 tcp 8888 from 0.0.0.0/0']],
    ['upper-case TCP', [{ IpProtocol: 'TCP', FromPort: 80, ToPort: 80, ...v4('0.0.0.0/0') }], ['sg-1 80-80 v4 tcp 80 from 0.0.0.0/0']],
    ['a tcp port range', [tcp(8000, 8999, v4('0.0.0.0/0'))], ['sg-1 8000-8999 v4 tcp 8000-8999 from 0.0.0.0/0']],
    ['all traffic (-1) without ports', [{ IpProtocol: '-1', ...v4('0.0.0.0/0') }], ['sg-1 0-65535 v4 all traffic from 0.0.0.0/0']],
    ['all traffic (-1) with -1 ports', [{ IpProtocol: '-1', FromPort: -1, ToPort: -1, ...v4('0.0.0.0/0') }], ['sg-1 0-65535 v4 all traffic from 0.0.0.0/0']],
    ['tcp without ports, read as all ports', [{ IpProtocol: 'tcp', ...v4('0.0.0.0/0') }], ['sg-1 0-65535 v4 tcp 0-65535 from 0.0.0.0/0']],
    ['::/0 as IPv6', [tcp(443, 443, v6('::/0'))], ['sg-1 443-443 v6 tcp 443 from ::/0']],
    [
      'both families in one permission',
      [tcp(22, 22, { ...v4('0.0.0.0/0'), ...v6('::/0') })],
      ['sg-1 22-22 v4 tcp 22 from 0.0.0.0/0', 'sg-1 22-22 v6 tcp 22 from ::/0'],
    ],
    ['udp is ignored', [{ IpProtocol: 'udp', FromPort: 53, ToPort: 53, ...v4('0.0.0.0/0') }], []],
    ['protocol 17 (udp) is ignored', [{ IpProtocol: '17', FromPort: 53, ToPort: 53, ...v4('0.0.0.0/0') }], []],
    ['icmp is ignored', [{ IpProtocol: 'icmp', FromPort: -1, ToPort: -1, ...v4('0.0.0.0/0') }], []],
    ['a /32 is not the internet', [tcp(8888, 8888, v4('203.0.113.7/32'))], []],
    ['a /8 is not the internet', [tcp(8888, 8888, v4('10.0.0.0/8'))], []],
    ['an IPv6 /64 is not the internet', [tcp(8888, 8888, v6('2001:db8::/64'))], []],
    ['0.0.0.0/0 listed under Ipv6Ranges is not IPv6 internet', [tcp(80, 80, v6('0.0.0.0/0'))], []],
    ['an unparseable CIDR is ignored', [tcp(80, 80, v4('nonsense'))], []],
    ['a prefix list that holds no /0 is not the internet', [tcp(11434, 11434, { PrefixListIds: [{ PrefixListId: 'pl-123' }] })], []],
    ['a security-group reference is not the internet', [tcp(11434, 11434, { UserIdGroupPairs: [{ GroupId: 'sg-2' }] })], []],
    [
      'only the internet source of a mixed permission',
      [tcp(9000, 9000, { ...v4('10.0.0.0/8', '0.0.0.0/0'), UserIdGroupPairs: [{ GroupId: 'sg-2' }] })],
      ['sg-1 9000-9000 v4 tcp 9000 from 0.0.0.0/0'],
    ],
    ['duplicate rules count once', [tcp(80, 80, v4('0.0.0.0/0')), tcp(80, 80, v4('0.0.0.0/0'))], ['sg-1 80-80 v4 tcp 80 from 0.0.0.0/0']],
  ])('%s', (_name, permissions, expected) => {
    // Act
    const ranges = internetOpenTcpRanges([group('sg-1', permissions)]);
    // Assess
    expect(summary(ranges)).toEqual(expected);
  });

  it('unions the rules of all attached groups and keeps group names as evidence', () => {
    // Prepare
    const groups = [group('sg-a', [tcp(11434, 11434, v4('0.0.0.0/0'))], 'gpu-open'), group('sg-b', [tcp(8888, 8888, v4('0.0.0.0/0'))], null)];
    // Act
    const ranges = internetOpenTcpRanges(groups);
    // Assess
    expect(ranges).toEqual([
      { fromPort: 11434, toPort: 11434, groupId: 'sg-a', groupName: 'gpu-open', rule: 'tcp 11434 from 0.0.0.0/0', ipv6: false },
      { fromPort: 8888, toPort: 8888, groupId: 'sg-b', rule: 'tcp 8888 from 0.0.0.0/0', ipv6: false },
    ]);
  });

  it('counts a group attached twice once', () => {
    const sg = group('sg-a', [tcp(80, 80, v4('0.0.0.0/0'))]);
    expect(internetOpenTcpRanges([sg, sg])).toHaveLength(1);
  });

  it('counts a rule from a managed prefix list that holds the whole internet, in the family of that entry', () => {
    // Prepare
    const lists = new Map([
      ['pl-open4', ['198.51.100.0/24', '0.0.0.0/0']],
      ['pl-open6', ['::/0']],
      ['pl-office', ['203.0.113.0/24']],
    ]);
    const sg = group('sg-1', [
      tcp(8000, 8000, { PrefixListIds: [{ PrefixListId: 'pl-open4' }, { PrefixListId: 'pl-office' }] }),
      tcp(8888, 8888, { PrefixListIds: [{ PrefixListId: 'pl-open6' }] }),
      { IpProtocol: 'udp', FromPort: 53, ToPort: 53, PrefixListIds: [{ PrefixListId: 'pl-open4' }] },
    ]);
    // Act
    const ranges = internetOpenTcpRanges([sg], lists);
    // Assess
    expect(summary(ranges)).toEqual(['sg-1 8000-8000 v4 tcp 8000 from pl-open4 (holds 0.0.0.0/0)', 'sg-1 8888-8888 v6 tcp 8888 from pl-open6 (holds ::/0)']);
  });

  it('names the prefix lists the TCP rules read, once each, for their entries to be read', () => {
    const sg = group('sg-1', [
      tcp(8000, 8000, { PrefixListIds: [{ PrefixListId: 'pl-b' }, { PrefixListId: 'pl-a' }] }),
      { IpProtocol: '-1', PrefixListIds: [{ PrefixListId: 'pl-a' }] },
      { IpProtocol: 'udp', FromPort: 53, ToPort: 53, PrefixListIds: [{ PrefixListId: 'pl-udp' }] },
    ]);
    expect(prefixListsNamed([sg])).toEqual(['pl-a', 'pl-b']);
  });

  it.each([
    [['198.51.100.0/24', '0.0.0.0/0'], { cidr: '0.0.0.0/0', ipv6: false }],
    [['::/0'], { cidr: '::/0', ipv6: true }],
    [['0.0.0.0/1', '128.0.0.0/1'], undefined],
    [[undefined, 'nonsense'], undefined],
  ] as const)('finds the whole-internet entry of a prefix list holding %j', (cidrs, expected) => {
    expect(wholeInternetEntryOf(cidrs)).toEqual(expected);
  });

  it.each<[string, SecurityGroup[], Map<string, string[]>, string[]]>([
    ['two /1 rules of one group', [group('sg-1', [tcp(8000, 8000, v4('0.0.0.0/1', '128.0.0.0/1'))])], new Map(), ['sg-1 8000-8000 v4 tcp 8000 from 0.0.0.0/1 + 128.0.0.0/1 (together 0.0.0.0/0)']],
    [
      'halves in two groups, on the ports both open',
      [group('sg-a', [tcp(8000, 8010, v4('0.0.0.0/1'))]), group('sg-b', [tcp(8005, 8020, v4('128.0.0.0/1'))])],
      new Map(),
      ['sg-a + sg-b 8005-8010 v4 tcp 8005-8010 from 0.0.0.0/1 + 128.0.0.0/1 (together 0.0.0.0/0)'],
    ],
    ['IPv6 halves', [group('sg-1', [{ IpProtocol: '-1', ...v6('::/1', '8000::/1') }])], new Map(), ['sg-1 0-65535 v6 all tcp from ::/1 + 8000::/1 (together ::/0)']],
    [
      'the entries of a prefix list',
      [group('sg-1', [tcp(11434, 11434, { PrefixListIds: [{ PrefixListId: 'pl-split' }] })])],
      new Map([['pl-split', ['0.0.0.0/1', '128.0.0.0/1']]]),
      ['sg-1 11434-11434 v4 tcp 11434 from pl-split (0.0.0.0/1) + pl-split (128.0.0.0/1) (together 0.0.0.0/0)'],
    ],
    [
      'only the ports no 0.0.0.0/0 rule opens already',
      [group('sg-1', [tcp(8000, 8000, v4('0.0.0.0/0')), tcp(8000, 8003, v4('0.0.0.0/1', '128.0.0.0/1'))])],
      new Map(),
      ['sg-1 8000-8000 v4 tcp 8000 from 0.0.0.0/0', 'sg-1 8001-8003 v4 tcp 8001-8003 from 0.0.0.0/1 + 128.0.0.0/1 (together 0.0.0.0/0)'],
    ],
    ['halves that leave a gap', [group('sg-1', [tcp(8000, 8000, v4('0.0.0.0/1', '128.0.0.0/2', '203.0.113.0/24'))])], new Map(), []],
    ['halves of different families', [group('sg-1', [tcp(8000, 8000, { ...v4('0.0.0.0/1'), ...v6('8000::/1') })])], new Map(), []],
    [
      'many pieces, quoted in part',
      [group('sg-1', [tcp(443, 443, v4(...Array.from({ length: 256 }, (_, i) => `${i}.0.0.0/8`)))])],
      new Map(),
      ['sg-1 443-443 v4 tcp 443 from 0.0.0.0/8 + 1.0.0.0/8 + 2.0.0.0/8 + 3.0.0.0/8 + 252 more (together 0.0.0.0/0)'],
    ],
  ])('counts sources that only together hold the whole internet: %s', (_name, groups, lists, expected) => {
    expect(summary(internetOpenTcpRanges(groups, lists))).toEqual(expected);
  });

  it('finds any partition of the internet into CIDR blocks across rules, and no partition missing a block', () => {
    // A partition: 0.0.0.0/0 split again and again into halves; each block becomes a source of one of three rules.
    const partition = fc
      .array(fc.nat(), { maxLength: 40 })
      .map((choices) => {
        const blocks: [number, number][] = [[0, 0]];
        for (const choice of choices) {
          const [base, prefix] = blocks.splice(choice % blocks.length, 1)[0]!;
          if (prefix === 24) blocks.push([base, prefix]);
          else blocks.push([base, prefix + 1], [base + 2 ** (31 - prefix), prefix + 1]);
        }
        return blocks.map(([base, prefix]) => `${[24, 16, 8, 0].map((shift) => Math.floor(base / 2 ** shift) % 256).join('.')}/${prefix}`);
      })
      .filter((cidrs) => cidrs.length >= 2);
    fc.assert(
      fc.property(partition, fc.nat(), fc.boolean(), (cidrs, seed, dropOne) => {
        const sources = dropOne ? cidrs.filter((_, i) => i !== seed % cidrs.length) : cidrs;
        const rules = [0, 1, 2].map((r) => tcp(9000, 9000, v4(...sources.filter((_, i) => (i + seed) % 3 === r)))).filter((rule) => rule.IpRanges!.length > 0);
        const found = internetOpenTcpRanges([group('sg-1', rules)]);
        expect(found.map((r) => [r.fromPort, r.toPort, r.ipv6])).toEqual(dropOne ? [] : [[9000, 9000, false]]);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('ignores egress rules', () => {
    const sg: SecurityGroup = { GroupId: 'sg-a', IpPermissions: [], IpPermissionsEgress: [{ IpProtocol: '-1', ...v4('0.0.0.0/0') }] };
    expect(internetOpenTcpRanges([sg])).toEqual([]);
  });
});

const range = (fromPort: number, toPort: number, extra: Partial<InternetOpenRange> = {}): InternetOpenRange => ({
  fromPort,
  toPort,
  groupId: 'sg-1',
  rule: fromPort === toPort ? `tcp ${fromPort} from 0.0.0.0/0` : `tcp ${fromPort}-${toPort} from 0.0.0.0/0`,
  ipv6: false,
  ...extra,
});

describe('Function: portsToProbe', () => {
  const candidates = [11434, 8888, 8000, 6333, 443];

  it.each<[string, InternetOpenRange[], number[]]>([
    ['a single port, even when not a candidate', [range(2222, 2222)], [2222]],
    ['every port of a small range (32 ports)', [range(9000, 9031)], Array.from({ length: 32 }, (_, i) => 9000 + i)],
    ['only candidates inside a 33-port range', [range(8000, 8032)], [8000]],
    ['only candidates inside all traffic', [range(0, 65535, { rule: 'all traffic from 0.0.0.0/0' })], [443, 6333, 8000, 8888, 11434]],
    ['nothing from a wide range without candidates', [range(20000, 30000)], []],
    ['never port 0', [range(0, 3)], [1, 2, 3]],
    ['the union of several ranges', [range(22, 22), range(11000, 12000)], [22, 11434]],
  ])('%s', (_name, ranges, expected) => {
    expect([...portsToProbe(ranges, candidates).keys()]).toEqual(expected);
  });

  it('keeps the narrowest rule as evidence for a port opened twice', () => {
    // Prepare
    const wide = range(0, 65535, { groupId: 'sg-a', rule: 'all traffic from 0.0.0.0/0' });
    const narrow = range(11434, 11434, { groupId: 'sg-z' });
    // Act
    const forward = portsToProbe([wide, narrow], candidates).get(11434);
    const backward = portsToProbe([narrow, wide], candidates).get(11434);
    // Assess
    expect(forward).toBe(narrow);
    expect(backward).toBe(narrow);
  });

  it('breaks ties between equally narrow rules by group id', () => {
    const a = range(80, 80, { groupId: 'sg-a' });
    const b = range(80, 80, { groupId: 'sg-b' });
    expect(portsToProbe([b, a], []).get(80)).toBe(a);
  });
});

describe('Properties', () => {
  const port = fc.integer({ min: 0, max: 65535 });
  const rangeArb = fc
    .tuple(port, fc.integer({ min: 0, max: 2000 }), fc.constantFrom('sg-a', 'sg-b', 'sg-c'), fc.boolean())
    .map(([from, width, groupId, ipv6]) => range(from, Math.min(65535, from + width), { groupId, ipv6 }));
  const candidatesArb = fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 20 });

  it('probes exactly the small-range ports plus the candidates inside any range, each with a range that covers it', () => {
    fc.assert(
      fc.property(fc.array(rangeArb, { maxLength: 8 }), candidatesArb, (ranges, candidates) => {
        const result = portsToProbe(ranges, candidates);
        const expected = new Set<number>();
        for (const r of ranges) {
          for (let p = Math.max(1, r.fromPort); p <= r.toPort; p++) {
            if (r.toPort - r.fromPort + 1 <= SMALL_RANGE_MAX_PORTS || candidates.includes(p)) expected.add(p);
          }
        }
        expect(new Set(result.keys())).toEqual(expected);
        for (const [p, evidence] of result) {
          expect(ranges).toContain(evidence);
          expect(p).toBeGreaterThanOrEqual(evidence.fromPort);
          expect(p).toBeLessThanOrEqual(evidence.toPort);
        }
        expect([...result.keys()]).toEqual([...result.keys()].sort((a, b) => a - b));
      }),
    );
  });

  it('gives the same ports and evidence whatever the order of the ranges', () => {
    const rangesAndShuffle = fc
      .array(rangeArb, { maxLength: 8 })
      .chain((ranges) => fc.tuple(fc.constant(ranges), fc.shuffledSubarray(ranges, { minLength: ranges.length, maxLength: ranges.length })));
    fc.assert(
      fc.property(rangesAndShuffle, candidatesArb, ([ranges, shuffled], candidates) => {
        const summarize = (m: Map<number, InternetOpenRange>) => [...m].map(([p, r]) => `${p}:${r.groupId}:${r.rule}`);
        expect(summarize(portsToProbe(shuffled, candidates))).toEqual(summarize(portsToProbe(ranges, candidates)));
      }),
    );
  });

  /**
   * Sources from prefix length `shortest` on, or the whole internet. From /8 on (v4) and /64 on (v6), the 18
   * sources at most of 6 permissions can never together hold the whole family (that takes 256 or 2^64 of
   * them): the first property below is about single whole-internet sources only.
   */
  const cidrArb = (shortest: number) =>
    fc.oneof(fc.constant('0.0.0.0/0'), fc.ipV4().chain((ip) => fc.integer({ min: shortest, max: 32 }).map((bits) => `${ip}/${bits}`)));
  const cidr6Arb = (shortest: number) =>
    fc.oneof(fc.constant('::/0'), fc.ipV6().chain((ip) => fc.integer({ min: shortest, max: 128 }).map((bits) => `${ip}/${bits}`)));
  const permissionArbOf = (shortest4: number, shortest6: number) =>
    fc.record({
      IpProtocol: fc.constantFrom('tcp', '6', '-1', 'udp', '17', 'icmp'),
      FromPort: port,
      ToPort: port,
      IpRanges: fc.array(cidrArb(shortest4).map((CidrIp) => ({ CidrIp })), { maxLength: 3 }),
      Ipv6Ranges: fc.array(cidr6Arb(shortest6).map((CidrIpv6) => ({ CidrIpv6 })), { maxLength: 3 }),
      UserIdGroupPairs: fc.array(fc.constant({ GroupId: 'sg-peer' }), { maxLength: 1 }),
      PrefixListIds: fc.array(fc.constant({ PrefixListId: 'pl-1' }), { maxLength: 1 }),
    });
  const permissionArb = permissionArbOf(8, 64);

  it('reports only rules whose source is the whole internet and whose protocol carries TCP', () => {
    fc.assert(
      fc.property(fc.array(permissionArb, { maxLength: 6 }), (permissions) => {
        const ranges = internetOpenTcpRanges([group('sg-1', permissions)]);
        for (const r of ranges) expect(r.rule).toMatch(r.ipv6 ? / from ::\/0$/ : / from 0\.0\.0\.0\/0$/);
        const internetTcp = permissions.filter(
          (p) =>
            ['tcp', '6', '-1'].includes(p.IpProtocol) &&
            (p.IpRanges.some((r) => r.CidrIp === '0.0.0.0/0') || p.Ipv6Ranges.some((r) => r.CidrIpv6 === '::/0')),
        );
        expect(ranges.length > 0).toBe(internetTcp.length > 0);
      }),
    );
  });

  it('is unchanged, evidence included, by adding sources that are not the internet, also where halves make it up', () => {
    fc.assert(
      fc.property(fc.array(permissionArbOf(1, 1), { maxLength: 6 }), (permissions) => {
        const narrowed = permissions.map((p) => ({
          ...p,
          IpRanges: [...p.IpRanges, { CidrIp: '198.51.100.0/24' }],
          UserIdGroupPairs: [{ GroupId: 'sg-other' }],
          PrefixListIds: [{ PrefixListId: 'pl-9' }],
        }));
        expect(internetOpenTcpRanges([group('sg-1', narrowed)])).toEqual(internetOpenTcpRanges([group('sg-1', permissions)]));
      }),
    );
  });
});
