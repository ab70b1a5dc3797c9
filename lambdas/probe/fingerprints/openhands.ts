import { notFoundCanary, openApiDocument, prefixThenLater, rootPage, starletteWithoutRootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Its OpenAPI document, public in every release (FastAPI's, outside every auth check). 0.9's app is untitled ("FastAPI") and
 * lists its session routes at the top level (listen.py); later releases title theirs "OpenHands" (1.x: app_server/app.py,
 * 560 KB, read from its start). Whole for 0.9 (8.5 KB); asked of FastAPI apps by other families already.
 */
const untitledDocumentOf09 = prefixThenLater(
  /^\s*\{\s*"openapi"\s*:\s*"3\.[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"FastAPI"/,
  /"\/api\/options\/agents"\s*:\s*\{\s*"get"\s*:\s*\{\s*"summary"\s*:\s*"Get Agents"/,
  /"\/api\/list-files"\s*:/,
);
const titledDocument = /^\s*\{\s*"openapi"\s*:\s*"3\.[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"OpenHands"\s*,/;
/** 1.x's app version, after its description ("OpenHands: Code Less, Make More"); 0.9's untitled document has none of its own. */
const titledVersion = /^\s*\{\s*"openapi"\s*:\s*"3\.[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"OpenHands"\s*,\s*(?:"description"\s*:\s*"[^"\\]*"\s*,\s*)?"version"\s*:\s*"([^"]+)"/;
/**
 * The agents a session can be started with (Agent.list_agents(), sorted), which the UI's settings offer: outside the
 * session-token check in 0.9, and in later 0.x releases behind SESSION_API_KEY alone, when it is set (routes/public.py);
 * gone from 1.11 (404).
 */
const agents = { id: 'agents', method: 'GET', path: '/api/options/agents' } as const;
/** A JSON list that names its CodeAct agent, the default agent of every release. Anchored, and the lookahead is read once. */
const agentList = /^\s*\[\s*"(?=[^\]]*"CodeActAgent"\s*[,\]])/;
/**
 * 1.x's settings (app_server/settings/settings_router.py), behind SESSION_API_KEY alone, when it is set: the owner's LLM
 * model, base URL and agent settings, with the keys blanked and `llm_api_key_set` saying whether one is stored (its value is
 * redacted in fixtures: only the key is read); before the owner saved any, 404 "Settings not found".
 */
const settings = { id: 'settings', method: 'GET', path: '/api/v1/settings' } as const;
const settingsAnswered = /^\s*\{(?:\s*"error"\s*:\s*"Settings not found"\s*\}\s*$|(?=[\s\S]*"llm_api_key_set"\s*:))/;
/** check_session_api_key (app_server/utils/dependencies.py): a bare 401, no WWW-Authenticate. */
const sessionKeyRefusal = /^\s*\{\s*"detail"\s*:\s*"Unauthorized"\s*\}\s*$/;

export const openhands: Fingerprint = {
  id: 'openhands',
  name: 'OpenHands',
  category: 'agent-builder',
  defaultPorts: [3000],
  specificity: 100,
  requests: [openApiDocument, agents, settings, rootPage, notFoundCanary],
  identify: {
    why: 'OpenHands: GET /openapi.json is its API document (0.9: untitled, listing /api/options/agents and /api/list-files; later releases: titled OpenHands)',
    all: [{ on: openApiDocument.id, status: [200] }],
    any: [
      { on: openApiDocument.id, bodyRegex: untitledDocumentOf09 },
      { on: openApiDocument.id, bodyRegex: titledDocument },
    ],
  },
  open: {
    why: "its API answers anyone. 0.9 has no authentication: GET /ws hands any WebSocket client (from any Origin) a session token that opens its /api routes, and the session's runtime runs the shell commands and file writes the client sends (by default in a Docker sandbox with the owner's workspace mounted read-write), while its agent works on the owner's LLM key, which the client can have sent to an LLM_BASE_URL of its choosing (session/session.py). 1.x without SESSION_API_KEY (its default) serves GET /api/v1/settings to anyone, and its whole /api/v1 with it: anyone lists conversations and starts new ones (their agent runs commands in a sandbox: a Docker container, or the host itself with RUNTIME=process), lists the names of the stored secrets, and gives the owner's stored LLM key a base URL of their choosing (POST /api/v1/settings), and CORS lets any web page do the same",
    any: [
      { on: agents.id, bodyRegex: agentList },
      { on: settings.id, bodyRegex: settingsAnswered },
    ],
  },
  authRequired: {
    why: "1.x with SESSION_API_KEY: GET /api/v1/settings answers 401 without its X-Session-API-Key header (its MCP endpoint, POST /mcp/mcp, stays outside that check and lists its pull-request tools to anyone, which act with the owner's stored git-provider tokens)",
    all: [
      { on: settings.id, status: [401] },
      { on: settings.id, bodyRegex: sessionKeyRefusal },
    ],
  },
  // Its Docker image serves its web UI at / (frontend/index.html: titled OpenHands); without the UI folder (as pip installs
  // it), / is FastAPI's JSON 404 like any unknown path, where the document the FastAPI families ask for identifies it.
  sweepHints: [
    { on: rootPage.id, bodyContains: '<title>OpenHands</title>' },
    starletteWithoutRootPage,
  ],
  extract: { version: { on: openApiDocument.id, regex: titledVersion } },
  severityWhenOpen: 'critical',
  remediation:
    "Publish OpenHands on localhost only (docker run -p 127.0.0.1:3000:3000; its docs' -p 3000:3000 listens on every interface) or behind an authenticating proxy (1.x's SESSION_API_KEY guards its /api/v1 routes but not its MCP endpoint /mcp/mcp; 0.9 has no switch at all), remove the internet rule for port 3000, check its LLM base URL and MCP settings for changes, and rotate its LLM key, the secrets it stores and any credentials in the workspace it mounts.",
  references: [
    'https://docs.openhands.dev/openhands/usage/sandboxes/overview',
    'https://docs.openhands.dev/openhands/usage/cli/gui-server',
    'https://docs.openhands.dev/openhands/usage/v0/runtimes/V0_docker',
    'https://github.com/OpenHands/OpenHands/blob/1.11.0/openhands/app_server/utils/dependencies.py',
    'https://github.com/All-Hands-AI/OpenHands/blob/0.9.8/openhands/server/listen.py',
  ],
  verifiedAgainst: ['OpenHands 0.9.8', 'OpenHands 1.11.0'],
};
