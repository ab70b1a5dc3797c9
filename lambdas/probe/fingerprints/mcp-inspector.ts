import { apiConfig, canaryAnsweredBy, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint, Matcher } from './types.js';

/** Its v0/v1 proxy (`GET /config`) and v2 web server (`GET /api/config`) hand out the environment it launches commands with. */
const launchConfig = /^\s*\{(?=[\s\S]*"defaultEnvironment"\s*:\s*\{)/;

/** The proxy's own request: v2 and the v1 UI answer it with their page (every path but /api is the app shell). */
const proxyConfig = { id: 'proxyConfig', method: 'GET', path: '/config' } as const;

const title = '<title>MCP Inspector</title>';
/** v2 writes its API token into the page it serves, for the browser it runs in; anyone who loads the page gets it. */
const tokenInPage = 'window.__INSPECTOR_API_TOKEN__ = "';
const proxyTokenRefusal = 'Use the session token shown in the console when starting the server.';
const webTokenRefusal = 'Use the x-mcp-remote-auth header with Bearer token.';
/** v1 with DANGEROUSLY_OMIT_AUTH refuses a request without an Origin instead (v1 checks it only when auth is off). */
const originRefusal = '"error":"Forbidden - invalid origin"';
const hostRefusal = 'is not allowed. To serve the Inspector under this name';

/** Answers that serve anyone, each the Inspector's own; they identify it too. */
const servedWithoutToken: Matcher[] = [
  { on: proxyConfig.id, bodyRegex: launchConfig },
  { on: apiConfig.id, bodyRegex: launchConfig },
  { on: proxyConfig.id, bodyContains: originRefusal },
];
const tokenRefusals: Matcher[] = [
  { on: proxyConfig.id, bodyContains: proxyTokenRefusal },
  { on: apiConfig.id, bodyContains: webTokenRefusal },
];

export const mcpInspector: Fingerprint = {
  id: 'mcp-inspector',
  name: 'MCP Inspector',
  category: 'mcp',
  // 6277: the v0/v1 proxy that launches MCP servers; 6274: the v1 UI and the v2 web server (UI and API in one).
  defaultPorts: [6277, 6274],
  specificity: 100,
  requests: [proxyConfig, apiConfig, notFoundCanary, rootPage],
  identify: {
    why: 'MCP Inspector: its launch configuration, its session-token or origin refusal, or its page (<title>MCP Inspector</title>)',
    // Texts only the Inspector writes; no request of ours carries them, so an echo server cannot match.
    any: [...servedWithoutToken, ...tokenRefusals, { on: rootPage.id, bodyContains: title }],
  },
  open: {
    why: 'the Inspector serves anyone: it hands out its launch configuration, or its only check is an Origin header any non-browser client sends (authentication off), or its page carries its API token (v2); whoever reaches it can make it start any command (CVE-2025-49596)',
    any: [...servedWithoutToken, { on: rootPage.id, bodyContains: tokenInPage }],
  },
  authRequired: {
    why: 'the Inspector demands its session token (401 "Authentication required")',
    any: tokenRefusals,
  },
  hostPolicy: {
    why: 'the Inspector refused the Host header (v2 serves IP literals, localhost and MCP_INSPECTOR_ALLOWED_HOSTS only)',
    any: [{ on: rootPage.id, bodyContains: hostRefusal }],
  },
  sweepHints: [
    // The v0/v1 proxy's CORS set-up exposes the MCP session header on every answer, its 404s included.
    [canaryAnsweredBy.express, { on: notFoundCanary.id, header: 'access-control-expose-headers', contains: 'mcp-session-id' }],
    { on: rootPage.id, bodyContains: title },
    { on: rootPage.id, bodyContains: hostRefusal },
  ],
  // Only v2 without authentication names its version (`/api/config`).
  extract: { version: { on: apiConfig.id, regex: /"version"\s*:\s*"(\d+\.\d+\.\d+[^"]*)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'The Inspector is a local developer tool that starts commands: stop it or bind it to localhost (unset HOST), never set DANGEROUSLY_OMIT_AUTH, upgrade from releases before 0.14.1 (no session token), and remove the internet rule for ports 6274 and 6277 (v2 hands its token to anyone who can load its page).',
  references: [
    'https://github.com/modelcontextprotocol/inspector/blob/main/docs/environment-variables.md',
    'https://github.com/modelcontextprotocol/inspector/security/advisories/GHSA-7f8r-222p-6f5g',
    'https://nvd.nist.gov/vuln/detail/CVE-2025-49596',
  ],
  verifiedAgainst: ['MCP Inspector 0.13.0', 'MCP Inspector 1.0.3', 'MCP Inspector 2.12.0'],
};
