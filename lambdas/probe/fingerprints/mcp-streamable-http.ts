import { canaryAnsweredBy, notFoundCanary, prefixThenLater } from './common.js';
import type { Fingerprint, HttpProbeRequest, NamesAt, SweepHint } from './types.js';

/**
 * A JSON-RPC initialize result: server identity and negotiated protocol (JSON or an SSE `data:` line).
 * Anchored: the lookaheads scan the whole body once, instead of once per start position.
 */
export const mcpInitializeResult = /^(?=[\s\S]*"jsonrpc"\s*:\s*"2\.0")(?=[\s\S]*"serverInfo"\s*:\s*\{)(?=[\s\S]*"protocolVersion"\s*:)/;
/** How an MCP client posts JSON-RPC over Streamable HTTP: both answer types accepted, as the SDKs demand. */
const jsonRpcHeaders = { accept: 'application/json, text/event-stream', 'content-type': 'application/json' };

/**
 * A server that speaks only the stateless revision (2026-07-28: no handshake) refuses `initialize` with the
 * revision's UnsupportedProtocolVersion error, naming the versions it supports. The code is MCP's own.
 */
const statelessOnlyRefusal = /^(?=[\s\S]*"jsonrpc"\s*:\s*"2\.0")(?=[\s\S]*"code"\s*:\s*-32022\b)(?=[\s\S]*"supported"\s*:\s*\[)/;
/** A `server/discover` result: the versions, capabilities and identity a stateless server declares to anyone who asks. */
const discoverResult = /^(?=[\s\S]*"jsonrpc"\s*:\s*"2\.0")(?=[\s\S]*"result"\s*:\s*\{)(?=[\s\S]*"supportedVersions"\s*:\s*\[)/;

/**
 * How a client of the stateless revision asks: the revision and its method in headers (the SDKs refuse a
 * request whose headers and body disagree), and in the body's `_meta`, which every request carries.
 */
const statelessRequest = (id: number, method: string) => ({
  method: 'POST' as const,
  path: '/mcp',
  headers: { ...jsonRpcHeaders, 'mcp-protocol-version': '2026-07-28', 'mcp-method': method },
  body: `{"jsonrpc":"2.0","id":${id},"method":"${method}","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"ai-exposure-monitor","version":"1"}}}}`,
});

/** The SDK transport's 406: a JSON-RPC error that asks for both Accept types. */
const notAcceptable = prefixThenLater(/"jsonrpc"\s*:\s*"2\.0"/, /Not Acceptable/);

/**
 * The read-only handshake every MCP client sends first (it calls no tool), with the follow-ups that list the tools. Exported
 * for products that serve MCP at /mcp (a gateway): the same request object, so a port is asked it, and its follow-ups, once.
 */
export const mcpInitialize: HttpProbeRequest = {
  id: 'initialize',
  method: 'POST',
  path: '/mcp',
  headers: jsonRpcHeaders,
  body: '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"ai-exposure-monitor","version":"1"}}}',
  // A stateful server (the SDKs' default in their examples) keeps the session it opens until the client ends it.
  opensSession: { header: 'mcp-session-id' },
  // A FastMCP app mounted at /mcp in a FastAPI or Starlette app (LitServe's MCP, for one) is reached at /mcp/.
  followsSlashRedirect: true,
  // Once a server answered it, what anyone may call: the handshake's end (the Python SDK refuses requests
  // before it), then the tool list, read-only. Their names say what an exposure lets an attacker do.
  // A server of the stateless revision only is asked as its clients ask: what it serves, then its tools.
  followUps: [
    {
      when: [{ on: 'initialize', bodyRegex: mcpInitializeResult }],
      requests: [
        { id: 'initialized', method: 'POST', path: '/mcp', headers: jsonRpcHeaders, body: '{"jsonrpc":"2.0","method":"notifications/initialized"}' },
        { id: 'tools', method: 'POST', path: '/mcp', headers: jsonRpcHeaders, body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' },
      ],
    },
    {
      when: [{ on: 'initialize', bodyRegex: statelessOnlyRefusal }],
      requests: [
        { id: 'discover', ...statelessRequest(3, 'server/discover') },
        { id: 'stateless-tools', ...statelessRequest(4, 'tools/list') },
      ],
    },
  ],
};

/** The tool names the follow-ups list, in either revision of the protocol. */
export const mcpToolNames: NamesAt = { on: ['tools', 'stateless-tools'], path: ['result', 'tools', '*', 'name'] };

/**
 * How the servers the official MCP SDKs build answer the canary (also used by mcp-sse): Express (TypeScript),
 * uvicorn/Starlette (Python FastMCP, plain or mounted in FastAPI), Go's net/http (Go SDK), an empty 404 (Rust
 * rmcp on axum, C# on ASP.NET Core), Spring Boot's JSON error (Java SDK / Spring AI); or the MCP server itself
 * answering every path: a JSON-RPC error (the SDKs' Host/Origin check) or the MCP authorization spec's
 * bearer challenge (auth applied app-wide).
 */
export const mcpServerStacks: readonly SweepHint[] = [
  canaryAnsweredBy.express,
  canaryAnsweredBy.uvicorn,
  canaryAnsweredBy.starlette,
  canaryAnsweredBy.goNetHttp,
  canaryAnsweredBy.emptyNotFound,
  { on: notFoundCanary.id, bodyRegex: /^\s*\{(?=[\s\S]*"status"\s*:\s*404\b)(?=[\s\S]*"error"\s*:\s*"Not Found")/ },
  { on: notFoundCanary.id, bodyRegex: /"jsonrpc"\s*:\s*"2\.0"/ },
  { on: notFoundCanary.id, header: 'www-authenticate', contains: 'resource_metadata=' },
];

export const mcpStreamableHttp: Fingerprint = {
  id: 'mcp-streamable-http',
  name: 'MCP server (Streamable HTTP)',
  category: 'mcp',
  defaultPorts: [3000, 8000],
  // A protocol that products speak too (LangGraph and Langflow serve MCP): a named product wins.
  specificity: 75,
  requests: [
    mcpInitialize,
    notFoundCanary,
  ],
  identify: {
    why: 'POST /mcp initialize is answered by an MCP server (serverInfo, an OAuth protected-resource challenge, the transport\'s 406, or the stateless revision\'s version refusal)',
    // Our request carries "clientInfo", never "serverInfo", so an echo server cannot match; a plain
    // JSON-RPC server answers "Method not found" without serverInfo. `resource_metadata` is the MCP
    // authorization spec's pointer to its protected-resource document.
    any: [
      { on: 'initialize', bodyRegex: mcpInitializeResult },
      { on: 'initialize', header: 'www-authenticate', contains: 'resource_metadata=' },
      { on: 'initialize', bodyRegex: notAcceptable },
      { on: 'initialize', bodyRegex: statelessOnlyRefusal },
    ],
  },
  open: {
    why: 'initialize (or, on the stateless revision, server/discover) succeeds without credentials: anyone can list and call this server\'s tools',
    // The SDK checks Accept inside the transport, after any auth middleware: a 406 means the
    // request got past authentication, and any client that sends both Accept types gets in.
    // A stateless server's version refusal proves nothing by itself: its discover answer does.
    any: [
      { on: 'initialize', bodyRegex: mcpInitializeResult },
      { on: 'initialize', bodyRegex: notAcceptable },
      { on: 'discover', bodyRegex: discoverResult },
    ],
  },
  authRequired: {
    why: 'initialize is refused with an OAuth bearer challenge (401 + WWW-Authenticate resource_metadata)',
    all: [
      { on: 'initialize', status: [401, 403] },
      { on: 'initialize', header: 'www-authenticate', regex: /^Bearer\b/i },
    ],
  },
  hostPolicy: {
    why: 'the MCP server refused the Host header (DNS-rebinding protection: "Invalid Host" 403 or 421)',
    any: [
      { on: 'initialize', bodyRegex: prefixThenLater(/"jsonrpc"\s*:\s*"2\.0"/, /"Invalid Host/) },
      { on: 'initialize', status: [421] },
    ],
  },
  // An MCP server is a small app on whatever stack its SDK uses: ask wherever the canary shows one of them.
  sweepHints: mcpServerStacks,
  extract: {
    // The stateless revision names the server in the result's `_meta`.
    version: { on: ['initialize', 'discover'], regex: /"(?:io\.modelcontextprotocol\/)?serverInfo"\s*:\s*\{[^{}]*"version"\s*:\s*"([^"]+)"/ },
    tools: mcpToolNames,
  },
  severityWhenOpen: 'high',
  remediation:
    'Require OAuth bearer tokens on the MCP endpoint (MCP authorization spec) or keep it on 127.0.0.1, and remove the internet rule for the port.',
  references: [
    'https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#streamable-http',
    'https://modelcontextprotocol.io/specification/2025-06-18/basic/authorization',
    'https://modelcontextprotocol.io/specification/2026-07-28/server/discover',
  ],
  verifiedAgainst: ['@modelcontextprotocol/sdk 1.32.2', '@modelcontextprotocol/server 2.4.0', 'mcp (Python SDK) 1.30.0'],
};
