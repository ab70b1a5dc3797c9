/**
 * A small real MCP server on the official TypeScript SDK, Streamable HTTP transport, stateless.
 * Run as its own process by `startMcpServer` (mcp.ts). Environment:
 *   PORT (required), MCP_TOKEN (bearer auth with protected-resource metadata),
 *   HOST_CHECK=1 (the SDK's DNS-rebinding Host check), JSON_RESPONSE=1 (JSON instead of SSE).
 */
import express, { type Request, type Response } from 'express';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import { getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { z } from 'zod';

export const mcpServerName = 'conformance-mcp';
export const mcpServerVersion = '0.0.1';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be a port number');
const token = process.env.MCP_TOKEN;
const base = `http://127.0.0.1:${port}`;
const mcpUrl = new URL(`${base}/mcp`);

const app = process.env.HOST_CHECK === '1' ? createMcpExpressApp({ host: '127.0.0.1' }) : express();
app.use(express.json());

const guards: express.RequestHandler[] = [];
if (token !== undefined && token !== '') {
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
        verifyAccessToken: async (presented: string) => {
          if (presented !== token) throw new InvalidTokenError('unknown token');
          return { token: presented, clientId: 'conformance', scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600 };
        },
      },
    }),
  );
}

app.post('/mcp', ...guards, async (req: Request, res: Response) => {
  const server = new McpServer({ name: mcpServerName, version: mcpServerVersion });
  server.registerTool('echo', { description: 'Returns its input', inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: process.env.JSON_RESPONSE === '1' });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(port, '127.0.0.1', () => console.log(`mcp listening 127.0.0.1:${port}`));
