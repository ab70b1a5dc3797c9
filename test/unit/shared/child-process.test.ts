import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freeLoopbackPort, serverPortRange } from '../../../lambdas/shared/child-process.js';

describe('Function: serverPortRange (where launched servers get their ports)', () => {
  it.each([
    ["Linux's default ephemeral range: below it", [32_768, 60_999], [10_000, 32_767]],
    ['a range that starts low: above it', [10_500, 60_999], [61_000, 65_535]],
    ['a range that covers nearly every port: none', [1_024, 65_000], undefined],
  ] as const)('%s', (_case, ephemeral, expected) => {
    // Act
    const range = serverPortRange(ephemeral);
    // Assess
    expect(range).toEqual(expected);
  });
});

describe('Function: freeLoopbackPort', () => {
  it('hands out a port outside the ephemeral range that a server can then listen on', async () => {
    // Arrange
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number) as [number, number];
    // Act
    const port = await freeLoopbackPort();
    // Assess
    expect(port < low || port > high).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
