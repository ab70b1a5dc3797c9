/**
 * A real MCP server on the official Python SDK (FastMCP 1.30.0) through the real engine: stateful as it is
 * by default (it refuses tools/list before the client's `notifications/initialized`, and keeps every
 * session until the client ends it), stateless, with the Host check it turns on by itself on 127.0.0.1, and mounted
 * at /mcp in a Starlette app (as FastAPI apps mount it), which redirects POST /mcp to /mcp/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../support/servers/common.js';
import { mcpPythonSdkVersion, startFastMcpServer } from '../../support/servers/mcp-python.js';
import { probeThrough } from './probe-through.js';

describe('MCP on the Python SDK (FastMCP) through the real engine', () => {
  let stateful: RunningServer;
  let stateless: RunningServer;
  let hostChecked: RunningServer;
  let mounted: RunningServer;

  beforeAll(async () => {
    [stateful, stateless, hostChecked, mounted] = await Promise.all([
      startFastMcpServer(),
      startFastMcpServer({ stateless: true }),
      startFastMcpServer({ hostCheck: true }),
      startFastMcpServer({ mounted: true }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([stateful?.stop(), stateless?.stop(), hostChecked?.stop(), mounted?.stop()]);
  });

  it('lists the tools of a stateful server after ending its handshake, then ends the session, so scans leave none behind', async () => {
    const [result] = await probeThrough([{ address: 'target-30.conformance.example', port: 8000, localPort: stateful.port, hostHeader: '203.0.113.30:8000' }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: mcpPythonSdkVersion, severity: 'high' });
    expect(result?.evidence).toMatchObject({ tools: ['echo'], toolCount: 1 });
    expect(result?.evidence.requests).toEqual(expect.arrayContaining(['POST /mcp initialize → 200', 'POST /mcp notifications/initialized → 202', 'POST /mcp tools/list → 200']));
    expect(await (await fetch(`http://127.0.0.1:${stateful.port}/test/sessions`)).json()).toEqual({ open: 0 });
  });

  it('follows the redirect of a server mounted at /mcp to /mcp/, lists its tools there, and ends the session there', async () => {
    const [result] = await probeThrough([{ address: 'target-34.conformance.example', port: 8000, localPort: mounted.port, hostHeader: '203.0.113.34:8000' }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: mcpPythonSdkVersion });
    expect(result?.evidence).toMatchObject({ tools: ['echo'], toolCount: 1 });
    expect(result?.evidence.requests).toEqual(expect.arrayContaining(['POST /mcp initialize → 307', 'POST /mcp/ initialize → 200', 'POST /mcp/ tools/list → 200']));
    expect(await (await fetch(`http://127.0.0.1:${mounted.port}/test/sessions`)).json()).toEqual({ open: 0 });
  });

  it('lists the tools of a stateless server', async () => {
    const [result] = await probeThrough([{ address: 'target-31.conformance.example', port: 8000, localPort: stateless.port, hostHeader: '203.0.113.31:8000' }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, evidence: { tools: ['echo'], toolCount: 1 } });
  });

  it('does not read the Host check FastMCP keeps on 127.0.0.1 as auth: asked again naming localhost, open, as with a local Host', async () => {
    const [blocked, local] = await probeThrough([
      { address: 'target-32.conformance.example', port: 8000, localPort: hostChecked.port, hostHeader: '203.0.113.32:8000' },
      { address: 'target-33.conformance.example', port: 8000, localPort: hostChecked.port, hostHeader: `127.0.0.1:${hostChecked.port}` },
    ]);
    expect(blocked).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, evidence: { tools: ['echo'] } });
    expect(blocked?.evidence.signals?.slice(0, 2)).toEqual([expect.stringContaining('the MCP server refused the Host header'), expect.stringContaining('asked again naming Host: localhost:8000')]);
    expect(blocked?.evidence.requests).toEqual(
      expect.arrayContaining(['POST /mcp initialize (Host: localhost:8000) → 200', 'POST /mcp tools/list (Host: localhost:8000) → 200', 'POST /mcp initialize → 421']),
    );
    // The session the second asking opened was ended too.
    expect(await (await fetch(`http://127.0.0.1:${hostChecked.port}/test/sessions`)).json()).toEqual({ open: 0 });
    expect(local).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, evidence: { tools: ['echo'] } });
  });
});
