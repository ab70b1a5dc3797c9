/** Real Redis 7.0.15 (Debian) through the real engine's raw-TCP requests: open and requirepass. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../support/servers/common.js';
import { startRedis } from '../../support/servers/redis.js';
import { probeThrough } from './probe-through.js';

describe('Redis through the real engine', () => {
  let open: RunningServer;
  let protectedRedis: RunningServer;

  beforeAll(async () => {
    [open, protectedRedis] = await Promise.all([startRedis(), startRedis({ password: 'conformance-secret' })]);
  });

  afterAll(async () => {
    await Promise.all([open?.stop(), protectedRedis?.stop()]);
  });

  it('calls Redis without a password unauthenticated, critical, with its version and the fix of its branch for RediShell', async () => {
    const [result] = await probeThrough([{ address: 'target-30.conformance.example', port: 6379, localPort: open.port, hostHeader: '203.0.113.30:6379' }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'redis' }, version: '7.0.15', severity: 'critical' });
    // Debian's 7.0.15: the 7.0 branch got no fix, so the first fixed release is 7.2.11.
    expect(result?.knownVulnerabilities).toEqual([expect.objectContaining({ id: 'CVE-2025-49844', alias: 'RediShell', fixedIn: '7.2.11' })]);
    expect(result?.remediation).toMatch(/^Upgrade to 7\.2\.11 or later \(CVE-2025-49844\)\. Set requirepass/);
  });

  it('calls Redis with requirepass auth-required', async () => {
    const [result] = await probeThrough([{ address: 'target-31.conformance.example', port: 6379, localPort: protectedRedis.port, hostHeader: '203.0.113.31:6379' }]);
    expect(result).toMatchObject({ verdict: 'auth-required', service: { id: 'redis' } });
  });
});
