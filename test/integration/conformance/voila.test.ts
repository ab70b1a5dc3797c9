/**
 * Real Voilà 0.5.13 (PyPI, .venv-ai) through the real engine: a dashboard served without a token, its default, answers
 * anyone (open, medium); with --token, every page sends to the login form (auth-required). Every visit to the dashboard
 * starts a Python kernel on the server that only the page's script shuts down: the engine ends the one each probe
 * started (`endsWhatItStarts`), so scans leave none behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { kernelsOf, startVoila, voilaVersion, type VoilaAuth } from '../../support/servers/voila.js';
import { probeEachMode, probeThrough } from './probe-through.js';

const modes: readonly VoilaAuth[] = ['none', 'token'];

describe('Voilà through the real engine', () => {
  const results = probeEachMode('voila', 8866, modes, startVoila);

  it('calls a dashboard without a token unauthenticated and medium, with its version', () => {
    expect(results.none).toMatchObject({ verdict: 'unauthenticated', service: { id: 'voila' }, severity: 'medium', version: voilaVersion });
  });

  it('calls a dashboard with --token auth-required', () => {
    expect(results.token).toMatchObject({ verdict: 'auth-required', service: { id: 'voila' } });
  });
});

describe('The kernels a probe starts on a Voilà dashboard', () => {
  let server: RunningServer;
  let visit: () => Promise<ProbeResult[]>;
  beforeAll(async () => {
    server = await startVoila('none');
    visit = () => probeThrough([{ address: 'voila-kernels.conformance.example', port: 8866, localPort: server.port, hostHeader: '203.0.113.7:8866' }]);
  });
  afterAll(async () => {
    await server.stop();
  });

  it('are ended by the probe: a full plan and two sweeps leave none running', async () => {
    // Arrange: a visit that runs no script leaves its kernel, as the probe would without ending it.
    const page = await fetch(`http://127.0.0.1:${server.port}/`);
    await page.text();
    expect(kernelsOf(server)).toBe(1);
    // Act
    const [result] = await visit();
    // Assess: the one left by the plain visit is still there; the three probes' kernels are not.
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'voila' } });
    expect(kernelsOf(server)).toBe(1);
  });
});
