/**
 * A real MCP server on the official SDK (Streamable HTTP), bound to loopback,
 * optionally behind the SDK's own bearer-token guard — the demo's stand-in for
 * an MCP server someone exposed "for a test".
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';

export interface RunningService {
  readonly port: number;
  close(): Promise<void>;
}

export async function startMcpServer(options: { readonly name: string; readonly bearerToken?: string }): Promise<RunningService> {
  const app = express();
  app.use(express.json({ limit: '64kb' }));
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const mcpUrl = new URL(`${base}/mcp`);
  const guards: express.RequestHandler[] = [];
  if (options.bearerToken) {
    const token = options.bearerToken;
    app.use(
      mcpAuthMetadataRouter({
        oauthMetadata: { issuer: `${base}/`, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, response_types_supported: ['code'] },
        resourceServerUrl: mcpUrl,
      }),
    );
    guards.push(
      requireBearerAuth({
        resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl),
        verifier: {
          verifyAccessToken: async (presented) => {
            if (presented !== token) throw new InvalidTokenError('unknown token');
            return { token: presented, clientId: 'demo', scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600 };
          },
        },
      }),
    );
  }
  app.post('/mcp', ...guards, async (req, res) => {
    const mcp = new McpServer({ name: options.name, version: '1.0.0' });
    mcp.registerTool('list_customers', { description: 'Lists customer records (demo data)' }, async () => ({
      content: [{ type: 'text', text: 'demo' }],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
  return {
    port,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
