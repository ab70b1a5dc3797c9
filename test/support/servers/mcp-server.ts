/**
 * A small real MCP server on the official TypeScript SDK, Streamable HTTP transport, stateless.
 * Run as its own process by `startMcpServer` (mcp.ts). Environment:
 *   PORT (required), MCP_TOKEN (bearer auth with protected-resource metadata),
 *   HOST_CHECK=1 (the SDK's DNS-rebinding Host check), JSON_RESPONSE=1 (JSON instead of SSE).
 */
import express, { type Request, type Response } from 'express';
import { bearerGuards, echoMcpServer } from './mcp-sdk-parts.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';

export const mcpServerName = 'conformance-mcp';
export const mcpServerVersion = '0.0.1';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be a port number');
const token = process.env.MCP_TOKEN;
const base = `http://127.0.0.1:${port}`;
const mcpUrl = new URL(`${base}/mcp`);

const app = process.env.HOST_CHECK === '1' ? createMcpExpressApp({ host: '127.0.0.1' }) : express();
app.use(express.json());

const guards = bearerGuards(app, base, mcpUrl, token);

app.post('/mcp', ...guards, async (req: Request, res: Response) => {
  const server = echoMcpServer(mcpServerName, mcpServerVersion);
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: process.env.JSON_RESPONSE === '1' });
  res.on('close', () => {
    void transport.close();
    void server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});

app.listen(port, '127.0.0.1', () => console.log(`mcp listening 127.0.0.1:${port}`));
