import { canaryAnsweredBy, notFoundCanary, openApiDocumentListsNone, serverInfo } from './common.js';
import type { Fingerprint } from './types.js';

export const langgraphServer: Fingerprint = {
  id: 'langgraph-server',
  name: 'LangGraph server (Agent Server API)',
  category: 'agent-builder',
  defaultPorts: [8123, 2024],
  specificity: 100,
  requests: [serverInfo, { id: 'assistantSchemas', method: 'GET', path: '/assistants/search' }, notFoundCanary],
  identify: {
    why: 'LangGraph server: GET /info reports its feature flags with langgraph_py_version, or (older releases) with its host kind',
    // langgraph-api 0.2.x answered /info with only {"flags": {"assistants": …}, "host": {"kind": …}}.
    any: [
      { on: 'info', bodyRegex: /^\s*\{(?=[\s\S]*"flags"\s*:\s*\{)(?=[\s\S]*"langgraph_py_version"\s*:)/ },
      { on: 'info', bodyRegex: /^\s*\{(?=[\s\S]*"flags"\s*:\s*\{\s*"assistants"\s*:)(?=[\s\S]*"host"\s*:\s*\{\s*"kind"\s*:)/ },
    ],
  },
  open: {
    why: 'the agent API answers without credentials: anyone can start runs of the deployed graphs',
    // /assistants/search is a POST route; a GET is routed to GET /assistants/{assistant_id} and refused with
    // 422 {"detail":"Invalid assistant ID: must be a UUID"} (recorded from langgraph-api 0.16.7; 405 on a server
    // without that route): either means it got past authentication, which runs before routing.
    any: [{ on: 'assistantSchemas', status: [200, 405, 422] }],
  },
  authRequired: {
    why: 'custom auth (langgraph.json "auth") refuses the request',
    any: [{ on: 'assistantSchemas', status: [401, 403] }],
  },
  // langgraph-api (Starlette) renders HTTP errors as {"detail": …}: 404 {"detail":"Not Found"} on unknown paths, or,
  // with custom auth (which runs before routing), the handler's 401/403 on every path outside the meta routes (recorded:
  // 401 {"detail":"Invalid API key"} on the canary, while /, /info and /openapi.json still answer 200).
  sweepHints: [
    canaryAnsweredBy.starlette,
    [
      { on: notFoundCanary.id, status: [401, 403] },
      { on: notFoundCanary.id, bodyRegex: /^\s*\{\s*"detail"\s*:/ },
    ],
  ],
  // langgraph-api serves a bundled document listing /assistants, /threads and /info (none when http.disable_meta).
  sweepRuledOutBy: [openApiDocumentListsNone('/assistants', '/threads', '/info')],
  extract: { version: { on: 'info', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Configure authentication (langgraph.json "auth" handler or LangSmith API key) and remove the internet rule for the port.',
  references: ['https://langchain-ai.github.io/langgraph/cloud/reference/api/api_ref.html', 'https://langchain-ai.github.io/langgraph/concepts/auth/'],
  verifiedAgainst: ['langgraph-api 0.16.7'],
};
