/**
 * Real Jupyter Server 1.23.3 and Notebook 6.4.12 (Debian) through the real engine: open, token,
 * the Host-check trap, and an nginx auth gate in front of an open Jupyter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../support/servers/common.js';
import { startJupyter } from '../../support/servers/jupyter.js';
import { startNginxGate } from '../../support/servers/nginx-gate.js';
import { probeThrough } from './probe-through.js';

/** The Host a client on the internet sends for this server's public address. */
const publicHost = '203.0.113.7:8888';
const publicAddress = 'jupyter.conformance.example';

describe('Jupyter through the real engine', () => {
  let servers: Record<'serverOpen' | 'serverToken' | 'serverHostChecked' | 'notebookOpen' | 'notebookToken', RunningServer>;
  let gate: RunningServer;

  beforeAll(async () => {
    const [serverOpen, serverToken, serverHostChecked, notebookOpen, notebookToken] = await Promise.all([
      startJupyter({ flavour: 'server', allowRemoteAccess: true }),
      startJupyter({ flavour: 'server', token: 'conformance-token', allowRemoteAccess: true }),
      startJupyter({ flavour: 'server', allowRemoteAccess: false }),
      startJupyter({ flavour: 'notebook', allowRemoteAccess: true }),
      startJupyter({ flavour: 'notebook', token: 'conformance-token', allowRemoteAccess: true }),
    ]);
    servers = { serverOpen: serverOpen!, serverToken: serverToken!, serverHostChecked: serverHostChecked!, notebookOpen: notebookOpen!, notebookToken: notebookToken! };
    gate = await startNginxGate({ upstreamPort: servers.serverOpen.port, mode: 'basic' });
  });

  afterAll(async () => {
    await Promise.all([gate?.stop(), ...Object.values(servers ?? {}).map((s) => s.stop())]);
  });

  it('calls an empty-token Jupyter Server unauthenticated, critical, with its version', async () => {
    const [result] = await probeThrough([{ address: publicAddress, port: 8888, localPort: servers.serverOpen.port, hostHeader: publicHost }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'jupyter-server' }, version: '1.23.3', severity: 'critical' });
  });

  it('calls a token-protected Jupyter Server auth-required', async () => {
    const [result] = await probeThrough([{ address: publicAddress, port: 8888, localPort: servers.serverToken.port, hostHeader: publicHost }]);
    expect(result).toMatchObject({ verdict: 'auth-required', service: { id: 'jupyter-server' }, version: '1.23.3' });
  });

  it('does not read the Host-check 403 as auth, and sees the same server as open with a local Host', async () => {
    const [blocked, local] = await probeThrough([
      { address: publicAddress, port: 8888, localPort: servers.serverHostChecked.port, hostHeader: publicHost },
      { address: 'target-8.conformance.example', port: 8888, localPort: servers.serverHostChecked.port, hostHeader: `127.0.0.1:${servers.serverHostChecked.port}` },
    ]);
    expect(blocked?.verdict).toBe('not-ai');
    expect(blocked?.evidence.signals?.join(' ')).toContain('Host');
    expect(local).toMatchObject({ verdict: 'unauthenticated', service: { id: 'jupyter-server' }, version: '1.23.3' });
  });

  it('identifies classic Notebook open and token-protected', async () => {
    const [open, token] = await probeThrough([
      { address: publicAddress, port: 8888, localPort: servers.notebookOpen.port, hostHeader: publicHost },
      { address: 'target-9.conformance.example', port: 8888, localPort: servers.notebookToken.port, hostHeader: '203.0.113.9:8888' },
    ]);
    expect(open).toMatchObject({ verdict: 'unauthenticated', service: { id: 'jupyter-server' }, version: '6.4.12' });
    expect(token).toMatchObject({ verdict: 'auth-required', service: { id: 'jupyter-server' }, version: '6.4.12' });
  });

  it('calls an nginx basic-auth gate in front of Jupyter not-ai, with the challenge in the evidence', async () => {
    const [result] = await probeThrough([{ address: publicAddress, port: 8888, localPort: gate.port, hostHeader: publicHost }]);
    expect(result?.verdict).toBe('not-ai');
    expect(result?.service).toBeUndefined();
    expect(result?.evidence.signals).toEqual([expect.stringMatching(/^credentials demanded by an unidentified service .*401, WWW-Authenticate: Basic/)]);
  });
});
