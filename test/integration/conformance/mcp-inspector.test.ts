/**
 * Real MCP Inspectors through the real engine: the v1 proxy (1.0.3) with its session token and with authentication
 * off, and the v2 web server (2.12.0) with its API token, with authentication off, and asked under a DNS name it was
 * not told of. The Inspector starts any command a client names, so the probe must read it without reaching a route
 * that connects or launches anything, and must keep the v2 token it is handed out of the evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import { inspectorV2Version, startMcpInspector, type RunningInspector } from '../../support/servers/mcp-inspector.js';
import { probeThrough } from './probe-through.js';

/** What the v1 proxy logs when a request gets past its checks onto a route that connects to (or starts) an MCP server. */
const connectionRoutes = /New (?:STDIO|SSE|StreamableHttp) connection|Received (?:GET|POST) message/;

describe('MCP Inspector through the real engine', () => {
  let servers: RunningInspector[] = [];
  let results: Record<'proxyToken' | 'proxyOpen' | 'webToken' | 'webOpen' | 'webHostBlocked', ProbeResult>;

  beforeAll(async () => {
    servers = await Promise.all([
      startMcpInspector({ generation: 'v1-proxy' }),
      startMcpInspector({ generation: 'v1-proxy', authDisabled: true }),
      startMcpInspector({ generation: 'v2-web' }),
      startMcpInspector({ generation: 'v2-web', authDisabled: true }),
    ]);
    const [proxyToken, proxyOpen, webToken, webOpen] = servers as [RunningInspector, RunningInspector, RunningInspector, RunningInspector];
    const [a, b, c, d, e] = await probeThrough([
      { address: 'inspector-proxy-token.conformance.example', port: 6277, localPort: proxyToken.port, hostHeader: '203.0.113.40:6277' },
      { address: 'inspector-proxy-open.conformance.example', port: 6277, localPort: proxyOpen.port, hostHeader: '203.0.113.41:6277' },
      { address: 'inspector-web-token.conformance.example', port: 6274, localPort: webToken.port, hostHeader: '203.0.113.42:6274' },
      { address: 'inspector-web-open.conformance.example', port: 6274, localPort: webOpen.port, hostHeader: '203.0.113.43:6274' },
      { address: 'inspector-web-named.conformance.example', port: 6274, localPort: webToken.port, hostHeader: 'inspector.example.net:6274' },
    ]);
    results = { proxyToken: a!, proxyOpen: b!, webToken: c!, webOpen: d!, webHostBlocked: e! };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls the v1 proxy with its session token auth-required', () => {
    expect(results.proxyToken).toMatchObject({ verdict: 'auth-required', service: { id: 'mcp-inspector' } });
    expect(results.proxyToken.evidence.signals?.join(' ')).toContain('session token');
  });

  it('calls the v1 proxy with authentication off unauthenticated and critical, from its refusal of a request without an Origin', () => {
    expect(results.proxyOpen).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-inspector' }, severity: 'critical' });
    expect(JSON.stringify(results.proxyOpen.evidence)).toContain('Forbidden - invalid origin');
  });

  it('calls v2 with its API token unauthenticated: the page hands the token out, and the evidence does not keep it', () => {
    expect(results.webToken).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-inspector' }, severity: 'critical' });
    const token = /Auth token: ([0-9a-f]{64})/.exec(servers[2]!.output())?.[1];
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(results.webToken)).not.toContain(token);
  });

  it('calls v2 with authentication off unauthenticated, with its version', () => {
    expect(results.webOpen).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-inspector' }, version: inspectorV2Version });
  });

  it('reads a v2 refusal of an unknown DNS name as a Host policy, not as authentication: asked again naming localhost, it hands the token out', () => {
    expect(results.webHostBlocked).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-inspector' }, severity: 'critical' });
    expect(results.webHostBlocked.evidence.signals?.slice(0, 2)).toEqual([
      expect.stringContaining('refused the Host header'),
      expect.stringContaining('asked again naming Host: localhost:6274'),
    ]);
    expect(JSON.stringify(results.webHostBlocked)).not.toContain(/Auth token: ([0-9a-f]{64})/.exec(servers[2]!.output())?.[1]);
  });

  // v2 logs no request, so only the v1 proxies can show it; v2's connect route is a POST under /api, behind its token.
  it('never gets past the v1 proxy\'s checks onto a route that connects to or starts an MCP server', () => {
    for (const server of servers.slice(0, 2)) expect(server.output()).not.toMatch(connectionRoutes);
  });
});
