/**
 * Real Hayhooks 2.1.0 (PyPI, .venv-ai) through the real engine: it has no authentication, so it reads open and critical
 * (its deploy routes load Python), with its version; and the probe leaves it as it found it, with no pipeline deployed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { hayhooksVersion, startHayhooks } from '../../support/servers/hayhooks.js';
import { probeThrough } from './probe-through.js';

describe('Hayhooks through the real engine', () => {
  let server: RunningServer;
  let result: ProbeResult;

  beforeAll(async () => {
    server = await startHayhooks();
    [result] = (await probeThrough([
      { address: 'hayhooks.conformance.example', port: 1416, localPort: server.port, hostHeader: '203.0.113.7:1416' },
    ])) as [ProbeResult];
  });

  afterAll(async () => {
    await server.stop();
  });

  it('calls Hayhooks unauthenticated and critical, with its version', () => {
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'hayhooks' }, version: hayhooksVersion, severity: 'critical' });
  });

  it('deploys nothing: after every plan has run, Hayhooks still serves no pipeline', async () => {
    const status = (await (await fetch(`http://127.0.0.1:${server.port}/status`)).json()) as { pipelines: unknown[] };
    expect(status.pipelines).toEqual([]);
  });
});
