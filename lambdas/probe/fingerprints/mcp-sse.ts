import { canaryNotGated, notFoundCanary } from './common.js';
import { mcpServerStacks } from './mcp-streamable-http.js';
import type { Fingerprint } from './types.js';

/**
 * The legacy transport's first event: the stream opens with `event: endpoint` and a `data:` line that
 * names the URL to POST messages to. Our request names neither, so an echo server cannot match.
 */
const endpointEvent = /(?:^|\n)event:[ \t]*endpoint\r?\ndata:[ \t]*\S/;

export const mcpSse: Fingerprint = {
  id: 'mcp-sse',
  name: 'MCP server (legacy HTTP+SSE)',
  category: 'mcp',
  defaultPorts: [3000, 8000],
  // A protocol that products speak too (LangGraph and Langflow serve MCP): a named product wins.
  specificity: 75,
  requests: [
    {
      id: 'sse',
      method: 'GET',
      path: '/sse',
      headers: { accept: 'text/event-stream' },
      // The stream never ends on its own; the endpoint event is complete at its blank line.
      readUntil: ['\n\n', '\r\n\r\n'],
    },
    notFoundCanary,
  ],
  identify: {
    why: 'GET /sse opens an MCP event stream (`event: endpoint`) or is refused with an OAuth protected-resource challenge',
    // The challenge identifies only where other paths are not refused too: a gate in front of every
    // path says nothing about which transport (if any) is behind it.
    any: [
      { on: 'sse', bodyRegex: endpointEvent },
      { on: 'sse', header: 'www-authenticate', contains: 'resource_metadata=' },
    ],
    all: [canaryNotGated],
  },
  open: {
    why: 'the SSE stream opens without credentials and hands out a message endpoint: anyone can list and call this server\'s tools',
    all: [
      { on: 'sse', status: [200] },
      { on: 'sse', header: 'content-type', contains: 'text/event-stream' },
      { on: 'sse', bodyRegex: endpointEvent },
    ],
  },
  authRequired: {
    why: 'GET /sse is refused with an OAuth bearer challenge (401 + WWW-Authenticate resource_metadata)',
    all: [
      { on: 'sse', status: [401, 403] },
      { on: 'sse', header: 'www-authenticate', regex: /^Bearer\b/i },
    ],
  },
  // The legacy transport is served by the same SDK stacks as Streamable HTTP (see mcpServerStacks).
  sweepHints: mcpServerStacks,
  severityWhenOpen: 'high',
  remediation:
    'Move the server to Streamable HTTP with OAuth bearer tokens (MCP authorization spec) or keep it on 127.0.0.1, and remove the internet rule for the port.',
  references: [
    'https://modelcontextprotocol.io/specification/2024-11-05/basic/transports#http-with-sse',
    'https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization',
  ],
  verifiedAgainst: ['@modelcontextprotocol/sdk 1.32.2'],
};
