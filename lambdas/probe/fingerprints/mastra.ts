import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The agent list (the server's own first example): each agent keyed by its id, with its instructions, tools and model. */
const agents = { id: 'agents', method: 'GET', path: '/api/agents' } as const;

/** The built server's landing page, which it also answers for every path outside /api. */
const landingPage = /<title>Mastra Server<\/title>[\s\S]*<h1>Mastra Server<\/h1>/;

export const mastra: Fingerprint = {
  id: 'mastra',
  name: 'Mastra server',
  category: 'agent-builder',
  defaultPorts: [4111],
  specificity: 100,
  requests: [rootPage, agents],
  identify: {
    why: 'Mastra: its landing page is titled Mastra Server, or GET /api/agents answers agents in Mastra’s shape (model ids and legacy generate options)',
    any: [
      { on: rootPage.id, bodyRegex: landingPage },
      { on: agents.id, bodyRegex: /^\s*\{\s*"[^"]*"\s*:\s*\{\s*"id"\s*:[\s\S]*"defaultGenerateOptionsLegacy"\s*:/ },
    ],
  },
  open: {
    why: "its API answers anyone (GET /api/agents lists the agents with their instructions, tools and models), who can execute the project's tools (arbitrary server-side code, POST /api/tools/:id/execute) and run its agents and workflows on the owner's model keys",
    all: [
      { on: agents.id, status: [200] },
      // An object keyed by agent id; {} when the project defines tools or workflows only.
      { on: agents.id, bodyRegex: /^\s*\{\s*(?:\}|"[^"]*"\s*:\s*\{\s*"id"\s*:)/ },
    ],
  },
  authRequired: {
    why: 'the Mastra API answered 401/403 to a request without credentials (server.auth is set)',
    all: [{ on: agents.id, status: [401, 403] }],
  },
  sweepHints: [{ on: rootPage.id, bodyContains: '<title>Mastra Server</title>' }],
  severityWhenOpen: 'critical',
  remediation:
    "Set server.auth in the Mastra config (SimpleAuth with a strong token, MastraJwtAuth or an identity provider), or reach the server only through an authenticating proxy or a private network, remove the internet rule for port 4111, and rotate the model and tool credentials its agents use.",
  references: [
    'https://mastra.ai/docs/server/auth',
    'https://mastra.ai/docs/server/auth/simple-auth',
    'https://mastra.ai/reference/auth/jwt',
  ],
  verifiedAgainst: ['Mastra 1.31.0'],
};
