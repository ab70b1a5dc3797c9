/**
 * A small real MCP server on the official TypeScript SDK v2 (`@modelcontextprotocol/server`), which speaks
 * the stateless revision (2026-07-28) through `createMcpHandler`, mounted in Express with the SDK's
 * `toNodeHandler`. Run as its own process by `startStatelessMcpServer` (mcp.ts). Environment:
 *   PORT (required),
 *   LEGACY=reject (the SDK's strict mode: the stateless revision only, `initialize` refused) or
 *     stateless (the SDK's default: the 2025 revisions served too, statelessly),
 *   MCP_TOKEN (bearer auth ahead of the handler, with protected-resource metadata, as the SDK documents it).
 */
import express from 'express';
import * as z from 'zod';
import {
  createMcpHandler,
  getOAuthProtectedResourceMetadataUrl,
  McpServer,
  OAuthError,
  OAuthErrorCode,
  oauthMetadataResponse,
  requireBearerAuth,
  type McpHttpHandler,
} from '@modelcontextprotocol/server';
import { toNodeHandler } from '@modelcontextprotocol/node';

export const statelessMcpServerName = 'conformance-mcp-stateless';
export const statelessMcpServerVersion = '0.0.2';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be a port number');
const legacy = process.env.LEGACY;
if (legacy !== 'reject' && legacy !== 'stateless') throw new Error('LEGACY must be reject or stateless');
const token = process.env.MCP_TOKEN;
const base = `http://127.0.0.1:${port}`;
const resource = new URL(`${base}/mcp`);

/** An MCP server with one harmless tool, `echo`: a fresh one per request, as the stateless revision serves. */
const echoServer = (): McpServer => {
  const server = new McpServer({ name: statelessMcpServerName, version: statelessMcpServerVersion });
  server.registerTool('echo', { description: 'Returns its input', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: 'text', text }],
  }));
  return server;
};

const handler = createMcpHandler(echoServer, { legacy });

/** With a token: the protected-resource metadata, then the bearer gate, ahead of the MCP handler. */
function guarded(inner: McpHttpHandler, accepted: string): Pick<McpHttpHandler, 'fetch'> {
  const metadata = {
    oauthMetadata: { issuer: `${base}/`, authorization_endpoint: `${base}/authorize`, token_endpoint: `${base}/token`, response_types_supported: ['code'] },
    resourceServerUrl: resource,
    dangerouslyAllowInsecureIssuerUrl: true,
  };
  const gate = requireBearerAuth({
    resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resource),
    verifier: {
      verifyAccessToken: async (presented: string) => {
        if (presented !== accepted) throw new OAuthError(OAuthErrorCode.InvalidToken, 'unknown token');
        return { token: presented, clientId: 'conformance', scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600 };
      },
    },
  });
  return {
    fetch: async (request) => {
      const document = oauthMetadataResponse(request, metadata);
      if (document !== undefined) return document;
      const auth = await gate(request);
      return auth instanceof Response ? auth : inner.fetch(request, { authInfo: auth });
    },
  };
}

const app = express();
const open = token === undefined || token === '';
const serve = toNodeHandler(open ? handler : guarded(handler, token));
// The protected-resource metadata is served only where there is a gate to describe.
app.all(open ? ['/mcp'] : ['/mcp', '/.well-known/*path'], (req, res) => void serve(req, res));

app.listen(port, '127.0.0.1', () => console.log(`mcp listening 127.0.0.1:${port}`));
