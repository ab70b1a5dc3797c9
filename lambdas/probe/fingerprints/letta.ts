import { canaryAnsweredBy, notFoundCanary, openApiDocumentListsNone, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Its liveness answer (routers/v1/health.py), public even with --secure: the version and "ok", nothing else. */
const health = { id: 'health', method: 'GET', path: '/v1/health/' } as const;
const healthShape = /^\s*\{\s*"version"\s*:\s*"[^"]+"\s*,\s*"status"\s*:\s*"ok"\s*\}\s*$/;
/** One tool of its registry: the server adds its built-in tools (tool_type letta_…) at start-up, so the list is never empty. */
const tools = { id: 'tools', method: 'GET', path: '/v1/tools/?limit=1' } as const;
const toolList = /^\s*\[\s*\{\s*"id"\s*:\s*"tool-[0-9a-f-]{36}"\s*,\s*"tool_type"\s*:\s*"/;
/** CheckPasswordMiddleware's refusal, on every path but the health checks, without the password. */
const passwordRefusal = /^\s*\{\s*"detail"\s*:\s*"Unauthorized"\s*\}\s*$/;

export const letta: Fingerprint = {
  id: 'letta',
  name: 'Letta server',
  category: 'agent-builder',
  defaultPorts: [8283],
  specificity: 100,
  requests: [health, tools, rootPage, notFoundCanary],
  identify: {
    why: "Letta: GET /v1/health/ answers its version and status alone, and GET /v1/tools/ lists Letta's tools or refuses with its password check's 401",
    all: [{ on: health.id, status: [200] }, { on: health.id, bodyRegex: healthShape }],
    any: [
      { on: tools.id, bodyRegex: toolList },
      { on: tools.id, bodyRegex: passwordRefusal },
    ],
  },
  open: {
    why: "started without --secure (Letta's default): anyone can list, create and message its agents on its owner's model keys, read their memory, files and conversations, and run tools, Python of their own included (POST /v1/tools/run), which runs on the server's host unless an E2B sandbox is configured",
    all: [
      { on: tools.id, status: [200] },
      { on: tools.id, bodyRegex: toolList },
    ],
  },
  authRequired: {
    why: 'started with --secure: every path but the health checks answers 401 "Unauthorized" without the server password (as a bearer token or X-BARE-PASSWORD)',
    all: [
      { on: tools.id, status: [401] },
      { on: tools.id, bodyRegex: passwordRefusal },
    ],
  },
  // Without --secure, / is the page of its bundled UI up to 0.11, and from 0.12 a redirect to /docs on a FastAPI app (its JSON
  // 404; static_files.py, read from 0.16.8's wheel); with it, the password check refuses unknown paths too. FastAPI's 404
  // alone is not a hint: a dozen other families are served by FastAPI.
  sweepHints: [
    { on: rootPage.id, bodyContains: '<title>Letta</title>' },
    [canaryAnsweredBy.starlette, { on: rootPage.id, status: [307] }, { on: rootPage.id, header: 'location', regex: /^\/docs$/ }],
    [{ on: notFoundCanary.id, status: [401] }, { on: notFoundCanary.id, bodyRegex: passwordRefusal }],
  ],
  // Letta lists its API in its own OpenAPI document (FastAPI's): a whole document that lists none of its paths is another
  // FastAPI app sending / to /docs, which the second hint would otherwise have it asked about. Letta's own (over 400 KB) is cut.
  sweepRuledOutBy: [openApiDocumentListsNone('/v1/health/', '/v1/tools/', '/v1/agents/')],
  extract: { version: { on: health.id, regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Start the Letta server with --secure and a strong LETTA_SERVER_PASSWORD (or put it behind an authenticating proxy), serve it over TLS, rotate the model and tool keys it holds, review its agents and tools for ones you did not create, and remove the internet rule for port 8283.',
  references: ['https://docs.letta.com/guides/selfhosting', 'https://docs.letta.com/agent-development-environment/connect'],
  verifiedAgainst: ['Letta 0.11.7'],
};
