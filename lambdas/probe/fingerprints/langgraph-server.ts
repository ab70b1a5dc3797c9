import { serverInfo } from './common.js';
import type { Fingerprint } from './types.js';

export const langgraphServer: Fingerprint = {
  id: 'langgraph-server',
  name: 'LangGraph server (Agent Server API)',
  category: 'agent-builder',
  defaultPorts: [8123, 2024],
  specificity: 100,
  requests: [serverInfo, { id: 'assistantSchemas', method: 'GET', path: '/assistants/search' }],
  identify: {
    why: 'LangGraph server: GET /info reports langgraph_py_version and feature flags',
    all: [{ on: 'info', bodyRegex: /^\s*\{(?=[\s\S]*"flags"\s*:\s*\{)(?=[\s\S]*"langgraph_py_version"\s*:)/ }],
  },
  open: {
    why: 'the agent API answers without credentials: anyone can start runs of the deployed graphs',
    // /assistants/search is a POST route: a 405 means the request got past authentication.
    any: [{ on: 'assistantSchemas', status: [200, 405] }],
  },
  authRequired: {
    why: 'custom auth (langgraph.json "auth") refuses the request',
    any: [{ on: 'assistantSchemas', status: [401, 403] }],
  },
  extract: { version: { on: 'info', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Configure authentication (langgraph.json "auth" handler or LangSmith API key) and remove the internet rule for the port.',
  references: ['https://langchain-ai.github.io/langgraph/cloud/reference/api/api_ref.html', 'https://langchain-ai.github.io/langgraph/concepts/auth/'],
};
