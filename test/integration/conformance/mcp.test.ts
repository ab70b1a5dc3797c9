/**
 * Real MCP servers on the official TS SDKs through the real engine: 1.32.2 (open, bearer, Host check, sessions) and
 * v2 2.4.0, which speaks the stateless revision 2026-07-28 (stateless only, with bearer auth, and beside the 2025 ones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../support/servers/common.js';
import { startMcpServer, startStatelessMcpServer } from '../../support/servers/mcp.js';
import { probeThrough } from './probe-through.js';

describe('MCP Streamable HTTP through the real engine', () => {
  let open: RunningServer;
  let bearer: RunningServer;
  let hostChecked: RunningServer;
  let stateful: RunningServer;

  beforeAll(async () => {
    [open, bearer, hostChecked, stateful] = await Promise.all([
      startMcpServer(),
      startMcpServer({ token: 'conformance-token' }),
      startMcpServer({ hostCheck: true, jsonResponse: true }),
      startMcpServer({ stateful: true }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([open?.stop(), bearer?.stop(), hostChecked?.stop(), stateful?.stop()]);
  });

  it('calls an SDK server without auth unauthenticated, with the server version', async () => {
    const [result] = await probeThrough([{ address: 'target-20.conformance.example', port: 3000, localPort: open.port, hostHeader: '203.0.113.20:3000' }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: '0.0.1', severity: 'high' });
    expect(result?.evidence).toMatchObject({ tools: ['echo'], toolCount: 1 });
  });

  it('calls an SDK server with bearer auth auth-required', async () => {
    const [result] = await probeThrough([{ address: 'target-21.conformance.example', port: 3000, localPort: bearer.port, hostHeader: '203.0.113.21:3000' }]);
    expect(result).toMatchObject({ verdict: 'auth-required', service: { id: 'mcp-streamable-http' } });
    expect(result?.version).toBeUndefined();
    expect(result?.evidence.tools).toBeUndefined();
  });

  it('does not read the SDK "Invalid Host" 403 as auth: asked again naming localhost, open, as with a local Host', async () => {
    const [blocked, local] = await probeThrough([
      { address: 'target-22.conformance.example', port: 3000, localPort: hostChecked.port, hostHeader: '203.0.113.22:3000' },
      { address: 'target-23.conformance.example', port: 3000, localPort: hostChecked.port, hostHeader: `127.0.0.1:${hostChecked.port}` },
    ]);
    expect(blocked).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: '0.0.1' });
    expect(blocked?.evidence.signals?.slice(0, 2)).toEqual([
      expect.stringContaining('the MCP server refused the Host header'),
      expect.stringContaining('asked again naming Host: localhost:3000'),
    ]);
    expect(local).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: '0.0.1' });
  });

  it('lists the tools of a stateful server within the session its initialize opened, then ends it, so scans leave none behind', async () => {
    const sessions = async (): Promise<unknown> => (await fetch(`http://127.0.0.1:${stateful.port}/test/sessions`)).json();
    const [result] = await probeThrough([{ address: 'target-24.conformance.example', port: 3000, localPort: stateful.port, hostHeader: '203.0.113.24:3000' }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: '0.0.1' });
    expect(result?.evidence).toMatchObject({ tools: ['echo'], toolCount: 1 });
    // One session per probe (probeThrough's full plan and its two sweeps), each ended by the probe that opened it.
    expect(await sessions()).toEqual({ opened: 3, open: 0 });
  });
});

describe('MCP of the stateless revision (2026-07-28) through the real engine', () => {
  let statelessOnly: RunningServer;
  let statelessBearer: RunningServer;
  let bothRevisions: RunningServer;

  beforeAll(async () => {
    [statelessOnly, statelessBearer, bothRevisions] = await Promise.all([
      startStatelessMcpServer({ legacy: 'reject' }),
      startStatelessMcpServer({ legacy: 'reject', token: 'conformance-token' }),
      startStatelessMcpServer({ legacy: 'stateless' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([statelessOnly?.stop(), statelessBearer?.stop(), bothRevisions?.stop()]);
  });

  it('asks a server that refuses initialize what it serves, as its clients do, and calls it unauthenticated with its tools', async () => {
    const [result] = await probeThrough([{ address: 'target-25.conformance.example', port: 3000, localPort: statelessOnly.port, hostHeader: '203.0.113.25:3000' }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: '0.0.2', severity: 'high' });
    expect(result?.evidence).toMatchObject({ tools: ['echo'], toolCount: 1 });
    expect(result?.evidence.signals?.join(' ')).toContain('server/discover');
  });

  it('calls the same server behind the SDK bearer gate auth-required, and sends it nothing more', async () => {
    const [result] = await probeThrough([{ address: 'target-26.conformance.example', port: 3000, localPort: statelessBearer.port, hostHeader: '203.0.113.26:3000' }]);
    expect(result).toMatchObject({ verdict: 'auth-required', service: { id: 'mcp-streamable-http' } });
    expect(result?.version).toBeUndefined();
    expect(result?.evidence.tools).toBeUndefined();
  });

  it('meets a server of both revisions through the handshake, as before', async () => {
    const [result] = await probeThrough([{ address: 'target-27.conformance.example', port: 3000, localPort: bothRevisions.port, hostHeader: '203.0.113.27:3000' }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: '0.0.2' });
    expect(result?.evidence).toMatchObject({ tools: ['echo'], toolCount: 1 });
  });
});
