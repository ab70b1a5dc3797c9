import { canaryAnsweredBy, notFoundCanary, openAiModels, rootPage } from './common.js';
// The gateway serves MCP at /mcp: the generic family's initialize, the same object, so a port is asked it (and its follow-ups,
// which list the tools) once, whichever family plans it first.
import { mcpInitialize, mcpInitializeResult, mcpToolNames } from './mcp-streamable-http.js';
import type { Fingerprint } from './types.js';

/**
 * Its health check (main.py), public whatever the auth settings: the status, then since 1.0 the MCP runtime block, which
 * no other product names (an "error" text comes between them when the database is down).
 */
const health = { id: 'health', method: 'GET', path: '/health' } as const;
const healthShape = /^\s*\{\s*"status"\s*:\s*"(?:healthy|unhealthy)"\s*,(?:\s*"error"\s*:\s*"(?:[^"\\]|\\.)*"\s*,)?\s*"mcp_runtime"\s*:\s*\{/;
/**
 * The tool registry's REST listing (one entry is enough): a JSON array when anyone may read it. With AUTH_REQUIRED=false alone
 * an anonymous caller has no RBAC permission and gets 403 "Access denied" here while /mcp serves it; /v1 is new in 1.0.x.
 */
const v1Tools = { id: 'v1Tools', method: 'GET', path: '/v1/tools?limit=1' } as const;
/** Its MCP transport's refusal without a token (transports/streamablehttp_transport.py), with `WWW-Authenticate: Bearer`. */
const mcpRefusal = /^\s*\{\s*"detail"\s*:\s*"Authentication required for MCP endpoints"\s*\}\s*$/;
/** Its RBAC middleware's 401 to a REST call without a token (middleware/rbac.py), /v1/models included. */
const tokenRefusal = /^\s*\{\s*"detail"\s*:\s*"Authorization token required"\s*\}\s*$/;
/** With the admin UI off (its default), `/` answers the app's name and "<name> API" (APP_NAME, "ContextForge" by default). */
const apiInfo = /^\s*\{\s*"name"\s*:\s*"([^"\\]{1,100})"\s*,\s*"description"\s*:\s*"\1 API"\s*\}\s*$/;

export const mcpContextforge: Fingerprint = {
  id: 'mcp-contextforge',
  name: 'IBM MCP Context Forge gateway',
  category: 'mcp',
  defaultPorts: [4444],
  // Its /mcp answers as any MCP server does (the generic MCP families identify it too): the named product wins.
  specificity: 100,
  requests: [health, v1Tools, mcpInitialize, rootPage, notFoundCanary, openAiModels],
  identify: {
    why: "Context Forge: GET /health answers its own shape with the MCP runtime block (mcp_runtime, X-ContextForge-MCP-Runtime-Mode headers), public whatever the auth settings, or /mcp answers with its runtime headers or its transport's own refusal",
    any: [
      { on: health.id, bodyRegex: healthShape },
      { on: health.id, header: 'x-contextforge-mcp-runtime-mode' },
      { on: mcpInitialize.id, header: 'x-contextforge-mcp-runtime' },
      { on: mcpInitialize.id, bodyRegex: mcpRefusal },
    ],
  },
  open: {
    why: "AUTH_REQUIRED=false: its MCP endpoint (/mcp) answers without credentials, so anyone can list and call the gateway's public tools (public is a new tool's default), which reach the upstream MCP servers and REST APIs it fronts with the credentials it stores for them; where its REST API answers too (ALLOW_UNAUTHENTICATED_ADMIN=true) anyone is platform admin and can register upstream servers and tools and read or change the whole catalog",
    any: [
      { on: mcpInitialize.id, bodyRegex: mcpInitializeResult },
      { on: v1Tools.id, bodyRegex: /^\s*\[/ },
    ],
  },
  authRequired: {
    why: 'AUTH_REQUIRED=true (its default): /mcp answers 401 "Authentication required for MCP endpoints" and its REST API 401 "Authorization token required" to a client without a JWT or API token',
    any: [
      { on: mcpInitialize.id, bodyRegex: mcpRefusal },
      { on: v1Tools.id, bodyRegex: tokenRefusal },
    ],
  },
  // FastAPI's JSON 404 alone is no hint (a dozen families are FastAPI). Its own answers among those every port gets: `/` naming
  // the app with the UI off, a 303 to its admin UI with it on, and its RBAC refusal of /v1/models with auth on.
  sweepHints: [
    { on: rootPage.id, bodyRegex: apiInfo },
    [{ on: rootPage.id, status: [303] }, { on: rootPage.id, header: 'location', regex: /\/admin\/$/ }, canaryAnsweredBy.starlette],
    [{ on: openAiModels.id, status: [401] }, { on: openAiModels.id, bodyRegex: tokenRefusal }],
  ],
  extract: { tools: mcpToolNames },
  severityWhenOpen: 'critical',
  remediation:
    'Keep AUTH_REQUIRED=true (its default) and never set ALLOW_UNAUTHENTICATED_ADMIN, set a strong JWT_SECRET_KEY and change the default admin credentials (PLATFORM_ADMIN_PASSWORD, BASIC_AUTH_PASSWORD: admin/changeme), keep the gateway on a private network or behind an authenticating proxy, rotate the upstream keys and OAuth tokens it stores, review its tools, servers and gateways for ones you did not register, and remove the internet rule for port 4444.',
  references: [
    'https://ibm.github.io/mcp-context-forge/latest/manage/securing/',
    'https://ibm.github.io/mcp-context-forge/deployment/proxy-auth/',
    'https://ibm.github.io/mcp-context-forge/faq',
  ],
  verifiedAgainst: ['MCP Context Forge 1.0.7.post20260921'],
};
