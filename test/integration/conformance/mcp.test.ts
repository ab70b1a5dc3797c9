/** A real MCP server on the official TS SDK (1.32.2) through the real engine: open, bearer, Host check, sessions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../support/servers/common.js';
import { startMcpServer } from '../../support/servers/mcp.js';
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

  it('does not read the SDK "Invalid Host" 403 as auth, and sees the same server as open with a local Host', async () => {
    const [blocked, local] = await probeThrough([
      { address: 'target-22.conformance.example', port: 3000, localPort: hostChecked.port, hostHeader: '203.0.113.22:3000' },
      { address: 'target-23.conformance.example', port: 3000, localPort: hostChecked.port, hostHeader: `127.0.0.1:${hostChecked.port}` },
    ]);
    expect(blocked?.verdict).toBe('not-ai');
    expect(blocked?.evidence.signals?.join(' ')).toContain('Host');
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
