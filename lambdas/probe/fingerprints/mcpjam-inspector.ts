import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The MCP server configuration it was started with (`{"config":null}` without one): served before authentication only by releases without the session token. */
const cliConfig = { id: 'cliConfig', method: 'GET', path: '/api/mcp-cli-config' } as const;

const title = '<title>MCPJam Inspector</title>';
/** The session-token middleware's refusal of an /api request that carries no token. */
const sessionTokenRefusal = '"message":"Session token required."';

export const mcpjamInspector: Fingerprint = {
  id: 'mcpjam-inspector',
  name: 'MCPJam Inspector',
  category: 'mcp',
  defaultPorts: [6274],
  specificity: 100,
  requests: [cliConfig, rootPage],
  identify: {
    why: 'MCPJam Inspector: its page (<title>MCPJam Inspector</title>)',
    // Its page is served on every path but /api; no request of ours carries the title, so an echo server cannot match.
    any: [{ on: rootPage.id, bodyContains: title }],
  },
  open: {
    why: 'its API answers without a session token (the releases before 1.5.0 have none): /api/mcp/connect starts any command a caller names (CVE-2026-23744)',
    all: [
      { on: cliConfig.id, status: [200] },
      { on: cliConfig.id, bodyRegex: /^\s*\{\s*"config"\s*:/ },
    ],
  },
  authRequired: {
    why: 'its API demands the session token (401 "Session token required.")',
    all: [
      { on: cliConfig.id, status: [401] },
      { on: cliConfig.id, bodyContains: sessionTokenRefusal },
    ],
  },
  sweepHints: [{ on: rootPage.id, bodyContains: title }],
  severityWhenOpen: 'critical',
  remediation:
    'Upgrade to 1.5.0 or later (session token) and bind it to 127.0.0.1, and remove the internet rule for port 6274: its page gives the token to any request whose Host header names an allowed host, localhost by default, so it must not be reachable from the internet at all.',
  references: [
    'https://github.com/MCPJam/inspector/security/advisories/GHSA-232v-j27c-5pp6',
    'https://nvd.nist.gov/vuln/detail/CVE-2026-23744',
  ],
  verifiedAgainst: ['MCPJam Inspector 1.0.24'],
  derivedFrom: ['MCPJam Inspector 1.5.15'],
};
