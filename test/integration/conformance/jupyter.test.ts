/**
 * Real Jupyter Server 1.23.3 and Notebook 6.4.12 (Debian) through the real engine: open, token,
 * the Host-check trap, and an nginx auth gate in front of an open Jupyter. All targets go through
 * one probe run (as a scan would), so the engine probes them concurrently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { startJupyter } from '../../support/servers/jupyter.js';
import { startNginxGate } from '../../support/servers/nginx-gate.js';
import { probeThrough, type Exposure } from './probe-through.js';

/** The Host a client on the internet sends for the server's public address. */
const publicHost = '203.0.113.7:8888';

describe('Jupyter through the real engine', () => {
  const servers: RunningServer[] = [];
  let results: Record<'serverOpen' | 'serverToken' | 'hostBlocked' | 'hostLocal' | 'notebookOpen' | 'notebookToken' | 'gate', ProbeResult>;

  beforeAll(async () => {
    const [serverOpen, serverToken, serverHostChecked, notebookOpen, notebookToken] = await Promise.all([
      startJupyter({ flavour: 'server', allowRemoteAccess: true }),
      startJupyter({ flavour: 'server', token: 'conformance-token', allowRemoteAccess: true }),
      startJupyter({ flavour: 'server', allowRemoteAccess: false }),
      startJupyter({ flavour: 'notebook', allowRemoteAccess: true }),
      startJupyter({ flavour: 'notebook', token: 'conformance-token', allowRemoteAccess: true }),
    ]);
    servers.push(serverOpen, serverToken, serverHostChecked, notebookOpen, notebookToken);
    const gate = await startNginxGate({ upstreamPort: serverOpen.port, mode: 'basic' });
    servers.push(gate);

    const exposures: Record<keyof typeof results, Exposure> = {
      serverOpen: { address: 'server-open.conformance.example', port: 8888, localPort: serverOpen.port, hostHeader: publicHost },
      serverToken: { address: 'server-token.conformance.example', port: 8888, localPort: serverToken.port, hostHeader: publicHost },
      hostBlocked: { address: 'host-blocked.conformance.example', port: 8888, localPort: serverHostChecked.port, hostHeader: publicHost },
      hostLocal: { address: 'host-local.conformance.example', port: 8888, localPort: serverHostChecked.port, hostHeader: `127.0.0.1:${serverHostChecked.port}` },
      notebookOpen: { address: 'notebook-open.conformance.example', port: 8888, localPort: notebookOpen.port, hostHeader: publicHost },
      notebookToken: { address: 'notebook-token.conformance.example', port: 8888, localPort: notebookToken.port, hostHeader: publicHost },
      gate: { address: 'gate.conformance.example', port: 8888, localPort: gate.port, hostHeader: publicHost },
    };
    const names = Object.keys(exposures) as (keyof typeof results)[];
    const probed = await probeThrough(names.map((name) => exposures[name]));
    results = Object.fromEntries(names.map((name, index) => [name, probed[index]!])) as typeof results;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an empty-token Jupyter Server unauthenticated, critical, with its version', () => {
    expect(results.serverOpen).toMatchObject({ verdict: 'unauthenticated', service: { id: 'jupyter-server' }, version: '1.23.3', severity: 'critical' });
  });

  it('calls a token-protected Jupyter Server auth-required', () => {
    expect(results.serverToken).toMatchObject({ verdict: 'auth-required', service: { id: 'jupyter-server' }, version: '1.23.3' });
  });

  it('does not read the Host-check 403 as auth: asked again naming localhost, the same server is open, as with a local Host', () => {
    expect(results.hostBlocked).toMatchObject({ verdict: 'unauthenticated', service: { id: 'jupyter-server' }, version: '1.23.3', severity: 'critical' });
    expect(results.hostBlocked.evidence.signals?.slice(0, 2)).toEqual([
      expect.stringContaining('Jupyter refused the Host header'),
      expect.stringContaining('asked again naming Host: localhost:8888'),
    ]);
    expect(results.hostBlocked.evidence.requests?.[0]).toMatch(/^GET \S+ \(Host: localhost:8888\) → 200$/);
    expect(results.hostLocal).toMatchObject({ verdict: 'unauthenticated', service: { id: 'jupyter-server' }, version: '1.23.3' });
  });

  it('identifies classic Notebook open and token-protected', () => {
    expect(results.notebookOpen).toMatchObject({ verdict: 'unauthenticated', service: { id: 'jupyter-server' }, version: '6.4.12' });
    expect(results.notebookToken).toMatchObject({ verdict: 'auth-required', service: { id: 'jupyter-server' }, version: '6.4.12' });
  });

  it('calls an nginx basic-auth gate in front of Jupyter not-ai, with the challenge in the evidence', () => {
    expect(results.gate.verdict).toBe('not-ai');
    expect(results.gate.service).toBeUndefined();
    expect(results.gate.evidence.signals).toEqual([expect.stringMatching(/^credentials demanded by an unidentified service .*401, WWW-Authenticate: Basic/)]);
  });
});
