import { describe, expect, it } from 'vitest';
import { checkIpAddress, inspectTargetAddress, isLoopbackAddress } from '../../../lambdas/probe/address-safety.js';
import { formatHostPort } from '../../../lambdas/shared/model.js';

const strict = { allowPrivate: false };
const lab = { allowPrivate: true };

describe('Function: checkIpAddress', () => {
  it.each([
    ['54.214.10.20'],
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['100.63.255.255'], // just below CGNAT
    ['100.128.0.0'], // just above CGNAT
    ['172.15.255.255'], // just below 172.16/12
    ['172.32.0.0'], // just above 172.16/12
    ['169.253.255.255'],
    ['223.255.255.255'],
    ['2600:1f18:abcd::1'], // AWS IPv6
    ['2a05:d014::1'],
    ['::ffff:54.214.10.20'], // IPv4-mapped public
    ['64:ff9b::3602:a14'], // NAT64 of 54.2.10.20
    ['2002:3602:a14::1'], // 6to4 of 54.2.10.20
  ])('accepts the public address %s', (ip) => {
    // Act
    const check = checkIpAddress(ip, strict);
    // Assess
    expect(check.ok).toBe(true);
  });

  it.each([
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['fd00::1', 'unique-local'],
    ['fc12:3456::1', 'unique-local'],
    ['::1', 'loopback'],
  ])('refuses %s (%s) unless private destinations are allowed', (ip, what) => {
    // Act
    const refused = checkIpAddress(ip, strict);
    const allowed = checkIpAddress(ip, lab);
    // Assess
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining(what) });
    expect(allowed.ok).toBe(true);
  });

  it.each([
    ['169.254.169.254', 'instance metadata'],
    ['169.254.0.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.7', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001::1', 'Teredo'],
    ['100::1', 'discard'],
    ['fec0::1', 'site-local'],
    ['64:ff9b:1::a00:1', 'local-use NAT64'],
    ['::7f00:1', 'IPv4-compatible'],
  ])('refuses %s (%s) even when private destinations are allowed', (ip, what) => {
    // Act
    const strictCheck = checkIpAddress(ip, strict);
    const labCheck = checkIpAddress(ip, lab);
    // Assess
    expect(strictCheck.ok).toBe(false);
    expect(labCheck.ok).toBe(false);
    expect(strictCheck.ok ? '' : strictCheck.reason.toLowerCase()).toContain(what.toLowerCase());
  });

  it.each([
    ['::ffff:10.0.0.1', 'IPv4-mapped'],
    ['::ffff:127.0.0.1', 'IPv4-mapped'],
    ['::ffff:169.254.169.254', 'IPv4-mapped'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped'],
    ['::ffff:0:a9fe:a9fe', 'IPv4-translated'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['64:ff9b::169.254.169.254', 'NAT64'],
    ['2002:a00:1::1', '6to4'],
    ['2002:c0a8:101::1', '6to4'],
    ['2002:a9fe:a9fe::1', '6to4'],
  ])('refuses %s: an IPv6 form (%s) of a refused IPv4 address', (ip, form) => {
    // Act
    const check = checkIpAddress(ip, strict);
    // Assess
    expect(check).toEqual({ ok: false, reason: expect.stringContaining(form) });
  });

  it.each([['192.0.2.10'], ['198.51.100.7'], ['203.0.113.7'], ['2001:db8::1'], ['3fff::1'], ['::ffff:203.0.113.7']])(
    'permits the documentation address %s only when documentation addresses are allowed (mapped samples)',
    (ip) => {
      expect(checkIpAddress(ip, { allowPrivate: false, allowDocumentation: true }).ok).toBe(true);
      expect(checkIpAddress(ip, strict)).toEqual({ ok: false, reason: expect.stringContaining('documentation') });
    },
  );

  it.each([['10.0.0.1'], ['169.254.169.254'], ['198.18.0.1'], ['240.0.0.1'], ['fd00::1']])(
    'still refuses %s when documentation addresses are allowed',
    (ip) => {
      expect(checkIpAddress(ip, { allowPrivate: false, allowDocumentation: true }).ok).toBe(false);
    },
  );

  it('still refuses IPv6 forms of the metadata address in lab mode', () => {
    expect(checkIpAddress('::ffff:169.254.169.254', lab).ok).toBe(false);
    expect(checkIpAddress('::ffff:10.0.0.1', lab).ok).toBe(true);
  });

  it.each([['127.1'], ['2130706433'], ['0x7f.0.0.1'], ['010.0.0.1'], ['fe80::1%eth0'], ['1.2.3.4:80'], [''], ['example.com']])(
    'refuses %j: not a plain IP address',
    (value) => {
      expect(checkIpAddress(value, lab)).toEqual({ ok: false, reason: expect.stringContaining('not a plain IP address') });
    },
  );

  it('returns the normalised address to connect to', () => {
    expect(checkIpAddress('2600:1F18:0:0::1', strict)).toEqual({ ok: true, ip: '2600:1f18::1', family: 6 });
    expect(checkIpAddress('54.1.2.3', strict)).toEqual({ ok: true, ip: '54.1.2.3', family: 4 });
  });
});

describe('Function: isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.45.6.7', true],
    ['::1', true],
    ['::ffff:127.0.0.1', false],
    ['10.0.0.1', false],
    ['localhost', false],
    ['0.0.0.0', false],
  ])('%s → %s', (ip, expected) => {
    expect(isLoopbackAddress(ip)).toBe(expected);
  });
});

describe('Function: inspectTargetAddress, DNS names', () => {
  it.each([
    ['my-alb-123456.us-east-1.elb.amazonaws.com', true],
    ['example.com.', true],
    ['localhost', true],
    ['a.b-c.d', true],
    ['54.1.2.3', false],
    ['2130706433', false],
    ['127.1', false],
    ['1.2.3.4.5', false],
    ['-bad.example.com', false],
    ['bad-.example.com', false],
    ['under_score.example.com', false],
    ['http://example.com', false],
    ['example.com:80', false],
    ['', false],
    [`${'a'.repeat(64)}.com`, false],
  ])('%j is a name: %s', (value, expected) => {
    expect(inspectTargetAddress(value, strict).kind === 'name').toBe(expected);
  });
});

describe('Function: formatHostPort', () => {
  it('brackets IPv6 and leaves IPv4 and names alone', () => {
    expect(formatHostPort('2600:1f18::1', 443)).toBe('[2600:1f18::1]:443');
    expect(formatHostPort('54.1.2.3', 80)).toBe('54.1.2.3:80');
    expect(formatHostPort('lb.example.com', 8080)).toBe('lb.example.com:8080');
  });
});

describe('Function: inspectTargetAddress, limit keys', () => {
  it.each([
    ['2600:1f18::10', '2600:1f18:0:0:0:0:0:10'],
    ['2600:1F18:0::10', '2600:1f18:0:0:0:0:0:10'],
    ['54.214.10.20', '54.214.10.20'],
    ['LB.Example.com.', 'lb.example.com'],
  ])('gives %s one spelling: %s', (address, key) => {
    expect(inspectTargetAddress(address, strict).key).toBe(key);
  });
});

describe('Function: inspectTargetAddress', () => {
  const publicOnly = { allowPrivate: false };

  it('gives a name its limit key and its name without the root dot, unchecked until it resolves', () => {
    expect(inspectTargetAddress('LB.Example.com.', publicOnly)).toEqual({ kind: 'name', name: 'LB.Example.com', key: 'lb.example.com' });
  });

  it.each([
    ['2600:1F18:0::10', '2600:1f18:0:0:0:0:0:10'],
    ['54.214.10.20', '54.214.10.20'],
  ])('checks IP literal %s as checkIpAddress does, with its limit key', (address, key) => {
    const inspected = inspectTargetAddress(address, publicOnly);
    const check = checkIpAddress(address, publicOnly);
    expect(check.ok).toBe(true);
    expect(inspected).toEqual({ kind: 'ip', ip: check.ok && check.ip, key });
  });

  it.each(['10.0.0.5', '169.254.169.254', '::ffff:127.0.0.1', 'fe80::1%eth0', '127.1', '2130706433', 'http://example.com', ''])(
    'refuses %j as checkIpAddress does',
    (address) => {
      const inspected = inspectTargetAddress(address, publicOnly);
      const check = checkIpAddress(address, publicOnly);
      expect(check.ok).toBe(false);
      expect(inspected).toMatchObject({ kind: 'refused', reason: !check.ok && check.reason });
    },
  );

  it('applies the policy it is given (documentation addresses for mapped targets)', () => {
    expect(inspectTargetAddress('192.0.2.7', publicOnly)).toMatchObject({ kind: 'refused' });
    expect(inspectTargetAddress('192.0.2.7', { allowPrivate: false, allowDocumentation: true })).toMatchObject({ kind: 'ip', ip: '192.0.2.7' });
  });
});
