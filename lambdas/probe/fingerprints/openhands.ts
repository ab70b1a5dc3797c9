import { notFoundCanary, openApiDocument, prefixThenLater, rootPage, starletteWithoutRootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Its OpenAPI document, public in every release (FastAPI's, outside every auth check). 0.9's app is untitled ("FastAPI") and
 * lists its session routes at the top level (listen.py); later releases title theirs "OpenHands" (server/app.py). Whole
 * for 0.9 (8.5 KB); asked of FastAPI apps by other families already.
 */
const untitledDocumentOf09 = prefixThenLater(
  /^\s*\{\s*"openapi"\s*:\s*"3\.[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"FastAPI"/,
  /"\/api\/options\/agents"\s*:\s*\{\s*"get"\s*:\s*\{\s*"summary"\s*:\s*"Get Agents"/,
  /"\/api\/list-files"\s*:/,
);
const titledDocument = /^\s*\{\s*"openapi"\s*:\s*"3\.[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"OpenHands"\s*,/;
/**
 * The agents a session can be started with (Agent.list_agents(), sorted), which the UI's settings offer: outside the
 * session-token check in 0.9, and in later releases behind SESSION_API_KEY alone, when it is set (routes/public.py).
 */
const agents = { id: 'agents', method: 'GET', path: '/api/options/agents' } as const;
/** A JSON list that names its CodeAct agent, the default agent of every release. Anchored, and the lookahead is read once. */
const agentList = /^\s*\[\s*"(?=[^\]]*"CodeActAgent"\s*[,\]])/;

export const openhands: Fingerprint = {
  id: 'openhands',
  name: 'OpenHands',
  category: 'agent-builder',
  defaultPorts: [3000],
  specificity: 100,
  requests: [openApiDocument, agents, rootPage, notFoundCanary],
  identify: {
    why: 'OpenHands: GET /openapi.json is its API document (0.9: untitled, listing /api/options/agents and /api/list-files; later releases: titled OpenHands)',
    all: [{ on: openApiDocument.id, status: [200] }],
    any: [
      { on: openApiDocument.id, bodyRegex: untitledDocumentOf09 },
      { on: openApiDocument.id, bodyRegex: titledDocument },
    ],
  },
  open: {
    why: "its session API answers anyone (GET /api/options/agents): in 0.9, which has no authentication, GET /ws hands any WebSocket client (from any Origin) a session token that opens its /api routes, and the session's runtime runs the shell commands and file writes the client sends (by default in a Docker sandbox with the owner's workspace mounted read-write), while its agent works on the owner's LLM key, which the client can have sent to an LLM_BASE_URL of its choosing (session/session.py); later releases answer this route only without SESSION_API_KEY",
    all: [
      { on: agents.id, status: [200] },
      { on: agents.id, bodyRegex: agentList },
    ],
  },
  noAuthReason:
    "OpenHands 0.9 has no authentication: its /api routes want a session token, but GET /ws hands one to any WebSocket client (later releases' SESSION_API_KEY is not covered by this family's fixtures).",
  // Its Docker image serves its web UI at / (frontend/index.html: titled OpenHands); without the UI folder (as pip installs
  // it), / is FastAPI's JSON 404 like any unknown path, where the document the FastAPI families ask for identifies it.
  sweepHints: [
    { on: rootPage.id, bodyContains: '<title>OpenHands</title>' },
    starletteWithoutRootPage,
  ],
  severityWhenOpen: 'critical',
  remediation:
    "Publish OpenHands on localhost only (docker run -p 127.0.0.1:3000:3000; its docs' -p 3000:3000 listens on every interface) or behind an authenticating proxy, remove the internet rule for port 3000, upgrade to a release with SESSION_API_KEY, and rotate its LLM key and any credentials in the workspace it mounts.",
  references: [
    'https://docs.openhands.dev/openhands/usage/v0/runtimes/V0_docker',
    'https://docs.openhands.dev/openhands/usage/cli/gui-server',
    'https://github.com/All-Hands-AI/OpenHands/blob/0.9.8/openhands/server/listen.py',
  ],
  verifiedAgainst: ['OpenHands 0.9.8'],
};
