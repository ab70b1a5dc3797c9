/**
 * A real MCP server on the official TS SDK (1.32.2) with the legacy HTTP+SSE transport through the
 * real engine (GET /sse is read until the endpoint event, then dropped): open, and with the SDK's
 * requireBearerAuth. The Streamable HTTP and SSE families do not claim each other's servers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { startMcpServer } from '../../support/servers/mcp.js';
import { startMcpSseServer } from '../../support/servers/mcp-sse.js';
import { probeThrough } from './probe-through.js';

describe('MCP legacy HTTP+SSE through the real engine', () => {
  const servers: RunningServer[] = [];
  let open: ProbeResult;
  let bearer: ProbeResult;
  let streamable: ProbeResult;

  beforeAll(async () => {
    const [openServer, bearerServer, streamableServer] = await Promise.all([
      startMcpSseServer(),
      startMcpSseServer({ token: 'conformance-sse-token' }),
      startMcpServer(),
    ]);
    servers.push(openServer, bearerServer, streamableServer);
    [open, bearer, streamable] = (await probeThrough([
      { address: 'mcp-sse-open.conformance.example', port: 3000, localPort: openServer.port, hostHeader: '203.0.113.30:3000' },
      { address: 'mcp-sse-bearer.conformance.example', port: 3000, localPort: bearerServer.port, hostHeader: '203.0.113.31:3000' },
      { address: 'mcp-streamable.conformance.example', port: 3000, localPort: streamableServer.port, hostHeader: '203.0.113.32:3000' },
    ])) as [ProbeResult, ProbeResult, ProbeResult];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an SSE server without auth unauthenticated from its endpoint event', () => {
    expect(open).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-sse' }, severity: 'high' });
    // The endpoint event names no server version; the version comes only after initialize.
    expect(open.version).toBeUndefined();
  });

  it('calls an SSE server with requireBearerAuth auth-required', () => {
    expect(bearer).toMatchObject({ verdict: 'auth-required', service: { id: 'mcp-sse' } });
    expect(bearer.version).toBeUndefined();
  });

  it('leaves a Streamable HTTP server to its own family', () => {
    expect(streamable).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-streamable-http' }, version: '0.0.1' });
  });
});
