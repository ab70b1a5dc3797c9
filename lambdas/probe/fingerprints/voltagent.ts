import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The agent list the VoltOps console reads: each agent's model, instructions (as its description), tools and memory. */
const agents = { id: 'agents', method: 'GET', path: '/agents' } as const;

/** The server's landing page (getLandingPageHTML in @voltagent/server-core). */
const landingPage = /<title>Voltagent Core API<\/title>[\s\S]*Manage and monitor your agents via the VoltOps Platform/;
/** authNext's refusals name VoltAgent's own console key variable or its dev header (buildAuthNextHint). */
const authNextRefusal = /^\s*\{\s*"success"\s*:\s*false\s*,\s*"error"\s*:\s*"[^"]*(?:VOLTAGENT_CONSOLE_ACCESS_KEY|x-voltagent-dev: true)/;
/** The hint every refusal carries unless NODE_ENV=production, when the header (or ?dev=true) lets anyone past authNext. */
const devBypassHint = 'In development, you can set x-voltagent-dev: true.';

export const voltagent: Fingerprint = {
  id: 'voltagent',
  name: 'VoltAgent server',
  category: 'agent-builder',
  defaultPorts: [3141],
  specificity: 100,
  requests: [rootPage, agents],
  identify: {
    why: 'VoltAgent: its landing page is titled Voltagent Core API and points to the VoltOps Platform, or its auth refuses with the hint naming VOLTAGENT_CONSOLE_ACCESS_KEY or the x-voltagent-dev header',
    any: [
      { on: rootPage.id, bodyRegex: landingPage },
      { on: rootPage.id, bodyRegex: authNextRefusal },
      { on: agents.id, bodyRegex: authNextRefusal },
    ],
  },
  open: {
    why: "its API answers anyone: GET /agents lists the agents with their models, instructions and tools, POST /tools/:name/execute runs the project's tools (server-side code), POST /agents/:id/text runs its agents on the owner's model keys, and POST /updates/:packageName runs npm install of any package (its install scripts) in the app's folder; or its authNext refusals say NODE_ENV is not production, so the x-voltagent-dev: true header lets anyone past them",
    any: [
      { on: agents.id, bodyRegex: /^\s*\{\s*"success"\s*:\s*true\s*,\s*"data"\s*:\s*\[/ },
      { on: agents.id, bodyContains: devBypassHint },
    ],
  },
  authRequired: {
    why: 'the VoltAgent API answered 401 without credentials (authNext is set, with NODE_ENV=production)',
    all: [
      { on: agents.id, status: [401] },
      { on: agents.id, bodyContains: devBypassHint, not: true },
    ],
  },
  sweepHints: [
    { on: rootPage.id, bodyContains: '<title>Voltagent Core API</title>' },
    { on: rootPage.id, bodyRegex: authNextRefusal },
  ],
  extract: {
    models: { on: agents.id, path: ['data', '*', 'model'] },
  },
  severityWhenOpen: 'critical',
  remediation:
    'Set authNext (jwtAuth or your own provider) on the VoltAgent server and run it with NODE_ENV=production (else the x-voltagent-dev header bypasses it), set VOLTAGENT_CONSOLE_ACCESS_KEY, or reach port 3141 only through an authenticating proxy or a private network; rotate the model and tool credentials its agents use.',
  references: [
    'https://voltagent.dev/docs/api/authentication/',
    'https://voltagent.dev/docs/api/overview/',
    'https://voltagent.dev/docs/api/endpoints/agents',
  ],
  verifiedAgainst: ['VoltAgent @voltagent/server-hono 2.0.14'],
};
