import { canaryAnsweredBy, notFoundCanary, openApiDocumentListsNone, rootPage, serverInfo } from './common.js';
import type { Fingerprint } from './types.js';

/** Its public metadata (`get_info_router`, agno 2.x and later): the instance id, the framework's version, the auth mode. */
const agentOsInfo = /^\s*\{\s*"os_id"\s*:\s*"[^"]*"(?=[\s\S]*"agno_version"\s*:\s*")(?=[\s\S]*"auth_mode"\s*:\s*")/;
/** The whole configuration: agents with their models, databases, knowledge, interfaces (behind the auth check). */
const osConfig = { id: 'osConfig', method: 'GET', path: '/config' } as const;
const agentOsConfig = /^\s*\{\s*"os_id"\s*:\s*"[^"]*"\s*,(?=[\s\S]*"agents"\s*:\s*\[)/;
/** The auth check's refusal without a bearer token: "required" with a security key (agno/os/auth.py), "missing" with JWTs. */
const bearerRefusal = /^\s*\{\s*"detail"\s*:\s*"Authorization header (?:required|missing)"\s*\}\s*$/;

export const agnoAgentos: Fingerprint = {
  id: 'agno-agentos',
  name: 'Agno AgentOS',
  category: 'agent-builder',
  defaultPorts: [7777],
  specificity: 100,
  requests: [serverInfo, osConfig, rootPage, notFoundCanary],
  identify: {
    why: 'Agno AgentOS: GET /info names its instance, the agno version and its auth mode, or GET /config is its configuration',
    any: [
      { on: serverInfo.id, bodyRegex: agentOsInfo },
      { on: osConfig.id, bodyRegex: agentOsConfig },
    ],
  },
  open: {
    why: 'no OS_SECURITY_KEY and no JWT (AgentOS\'s default): anyone can list its agents, teams and workflows with their models, read their sessions, memories and knowledge, and run them, with whatever tools they hold, on its owner\'s model keys',
    all: [
      { on: osConfig.id, status: [200] },
      { on: osConfig.id, bodyRegex: agentOsConfig },
    ],
  },
  authRequired: {
    why: 'OS_SECURITY_KEY or JWT authorization is set: the API answers 401 "Authorization header required" (or "missing", with JWTs) without a bearer token',
    all: [
      { on: osConfig.id, status: [401] },
      { on: osConfig.id, bodyRegex: bearerRefusal },
    ],
  },
  // A FastAPI app: its JSON 404 without auth; with it, the auth check refuses unknown paths too. 3.x also answers / with
  // a map of its public routes.
  sweepHints: [
    canaryAnsweredBy.starlette,
    [{ on: notFoundCanary.id, status: [401] }, { on: notFoundCanary.id, bodyRegex: bearerRefusal }],
    { on: rootPage.id, bodyRegex: /^\s*\{\s*"name"\s*:\s*"[^"]*"\s*,\s*"health"\s*:\s*"\/health"\s*,\s*"info"\s*:\s*"\/info"/ },
  ],
  // AgentOS lists its API in its own OpenAPI document (FastAPI's, unless docs are off): a whole document that lists none
  // of its paths is another FastAPI app, which its JSON 404 would otherwise have it asked about.
  sweepRuledOutBy: [openApiDocumentListsNone('/agents', '/config', '/info')],
  extract: { version: { on: serverInfo.id, regex: /"agno_version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Set OS_SECURITY_KEY (or JWT authorization) before serving AgentOS, put it behind TLS, rotate the model keys and credentials its agents and tools hold, and remove the internet rule for port 7777.',
  references: ['https://docs.agno.com/agent-os/security', 'https://docs.agno.com/reference-api/overview'],
  verifiedAgainst: ['Agno AgentOS 3.1.10', 'Agno AgentOS 2.9.0'],
};
