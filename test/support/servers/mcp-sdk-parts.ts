/**
 * What the conformance MCP servers (Streamable HTTP in mcp-server.ts, legacy SSE in
 * mcp-sse-server.ts) build the same way on the official SDK: the echo-tool server, and bearer auth
 * with protected-resource metadata for one resource URL.
 */
import type express from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import * as z from 'zod';

/** An MCP server with one harmless tool, `echo`. */
export function echoMcpServer(name: string, version: string): McpServer {
  const server = new McpServer({ name, version });
  server.registerTool('echo', { description: 'Returns its input', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
}

/**
 * With a token: mounts the SDK's protected-resource metadata routes on `app` and returns the SDK's
 * requireBearerAuth guard for `resource`, accepting only that token. Without one: no guards.
 */
export function bearerGuards(app: express.Express, base: string, resource: URL, token: string | undefined): express.RequestHandler[] {
  if (token === undefined || token === '') return [];
  app.use(
    mcpAuthMetadataRouter({
      oauthMetadata: { issuer: `${base}/`, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, response_types_supported: ['code'] },
      resourceServerUrl: resource,
    }),
  );
  return [
    requireBearerAuth({
      resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resource),
      verifier: {
        verifyAccessToken: async (presented: string) => {
          if (presented !== token) throw new InvalidTokenError('unknown token');
          return { token: presented, clientId: 'conformance', scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600 };
        },
      },
    }),
  ];
}
