/**
 * A small real MCP server on the official TypeScript SDK, Streamable HTTP transport, stateless unless
 * STATEFUL=1. Run as its own process by `startMcpServer` (mcp.ts). Environment:
 *   PORT (required), MCP_TOKEN (bearer auth with protected-resource metadata),
 *   HOST_CHECK=1 (the SDK's DNS-rebinding Host check), JSON_RESPONSE=1 (JSON instead of SSE),
 *   STATEFUL=1 (sessions as in the SDK's own example: one transport per session id, kept until the
 *   client ends it with DELETE; GET /test/sessions tells the test how many were opened and are open).
 */
import { randomUUID } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { bearerGuards, echoMcpServer } from './mcp-sdk-parts.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

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

const enableJsonResponse = process.env.JSON_RESPONSE === '1';

if (process.env.STATEFUL === '1') {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  let opened = 0;
  app.get('/test/sessions', (_req: Request, res: Response) => {
    res.json({ opened, open: sessions.size });
  });
  app.all('/mcp', ...guards, async (req: Request, res: Response) => {
    const sessionId = req.header('mcp-session-id');
    const known = sessionId === undefined ? undefined : sessions.get(sessionId);
    if (known !== undefined) {
      await known.handleRequest(req, res, req.body);
      return;
    }
    if (sessionId !== undefined || req.method !== 'POST' || !isInitializeRequest(req.body)) {
      res.status(400).json({ jsonrpc: '2.0', error: { code: -32000, message: 'Bad Request: No valid session ID provided' }, id: null });
      return;
    }
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse,
      onsessioninitialized: (id) => {
        opened += 1;
        sessions.set(id, transport);
      },
      onsessionclosed: (id) => void sessions.delete(id),
    });
    await echoMcpServer(mcpServerName, mcpServerVersion).connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
} else {
  app.post('/mcp', ...guards, async (req: Request, res: Response) => {
    const server = echoMcpServer(mcpServerName, mcpServerVersion);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  });
}

app.listen(port, '127.0.0.1', () => console.log(`mcp listening 127.0.0.1:${port}`));
