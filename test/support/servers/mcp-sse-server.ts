/**
 * A small real MCP server on the official TypeScript SDK with the legacy HTTP+SSE transport
 * (SSEServerTransport): GET /sse opens the stream and announces `event: endpoint`, POST /messages
 * carries the client's messages. Run as its own process by `startMcpSseServer` (mcp-sse.ts).
 * Environment: PORT (required); MCP_TOKEN (the SDK's requireBearerAuth on both routes, with
 * protected-resource metadata).
 */
import express, { type Request, type Response } from 'express';
import { bearerGuards, echoMcpServer } from './mcp-sdk-parts.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';

export const mcpSseServerName = 'conformance-mcp-sse';
export const mcpSseServerVersion = '0.0.2';

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be a port number');
const token = process.env.MCP_TOKEN;
const base = `http://127.0.0.1:${port}`;
const sseUrl = new URL(`${base}/sse`);

const app = express();

const guards = bearerGuards(app, base, sseUrl, token);

/** Open streams by session id: POST /messages?sessionId=… is routed to its stream's transport. */
const transports = new Map<string, SSEServerTransport>();

app.get('/sse', ...guards, async (_req: Request, res: Response) => {
  const server = echoMcpServer(mcpSseServerName, mcpSseServerVersion);
  const transport = new SSEServerTransport('/messages', res);
  transports.set(transport.sessionId, transport);
  res.on('close', () => {
    transports.delete(transport.sessionId);
    void server.close();
  });
  await server.connect(transport);
});

app.post('/messages', ...guards, async (req: Request, res: Response) => {
  const transport = transports.get(String(req.query.sessionId));
  if (transport === undefined) {
    res.status(400).send('No transport found for sessionId');
    return;
  }
  await transport.handlePostMessage(req, res);
});

app.listen(port, '127.0.0.1', () => console.log(`mcp-sse listening 127.0.0.1:${port}`));
