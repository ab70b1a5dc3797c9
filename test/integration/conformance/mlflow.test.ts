/**
 * Real MLflow 3.17.2 (PyPI, .venv-ai) through the real engine: open, basic-auth, and the Host trap
 * (the default --allowed-hosts refuses a public Host with 403, which must not read as auth).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { mlflowVersion, startMlflow } from '../../support/servers/mlflow.js';
import { probeThrough, type Exposure } from './probe-through.js';

const publicHost = '203.0.113.7:5000';

describe('MLflow through the real engine', () => {
  const servers: RunningServer[] = [];
  let results: Record<'open' | 'basicAuth' | 'hostBlocked' | 'hostLocal', ProbeResult>;

  beforeAll(async () => {
    const [open, basicAuth, hostChecked] = await Promise.all([
      startMlflow({ basicAuth: false, allowedHosts: 'any' }),
      startMlflow({ basicAuth: true, allowedHosts: 'any' }),
      startMlflow({ basicAuth: false, allowedHosts: 'default' }),
    ]);
    servers.push(open, basicAuth, hostChecked);
    const exposures: Record<keyof typeof results, Exposure> = {
      open: { address: 'mlflow-open.conformance.example', port: 5000, localPort: open.port, hostHeader: publicHost },
      basicAuth: { address: 'mlflow-auth.conformance.example', port: 5000, localPort: basicAuth.port, hostHeader: publicHost },
      hostBlocked: { address: 'mlflow-host-blocked.conformance.example', port: 5000, localPort: hostChecked.port, hostHeader: publicHost },
      hostLocal: { address: 'mlflow-host-local.conformance.example', port: 5000, localPort: hostChecked.port, hostHeader: `127.0.0.1:${hostChecked.port}` },
    };
    const names = Object.keys(exposures) as (keyof typeof results)[];
    const probed = await probeThrough(names.map((name) => exposures[name]));
    results = Object.fromEntries(names.map((name, index) => [name, probed[index]!])) as typeof results;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an open MLflow unauthenticated, high, with its version', () => {
    expect(results.open).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mlflow' }, version: mlflowVersion, severity: 'high' });
  });

  it('calls MLflow basic-auth auth-required; /version is protected too, so no version', () => {
    expect(results.basicAuth).toMatchObject({ verdict: 'auth-required', service: { id: 'mlflow' } });
    expect(results.basicAuth.version).toBeUndefined();
  });

  it('does not read the Host-check 403 as auth: asked again naming localhost, the same server is open, as with a local Host', () => {
    expect(results.hostBlocked).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mlflow' }, version: mlflowVersion, severity: 'high' });
    expect(results.hostBlocked.evidence.signals?.slice(0, 2)).toEqual([
      expect.stringContaining('MLflow refused the Host header'),
      expect.stringContaining('asked again naming Host: localhost:5000'),
    ]);
    expect(results.hostLocal).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mlflow' }, version: mlflowVersion });
  });
});
