import { canaryAnsweredBy, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Its liveness answer, status and version only (src/server/server.ts). */
const health = { id: 'health', method: 'GET', path: '/health' } as const;
const healthShape = /^\s*\{\s*"status"\s*:\s*"OK"\s*,\s*"version"\s*:\s*"\d[^"]*"\s*\}\s*$/;
/** The summaries of every eval in its database. */
const results = { id: 'results', method: 'GET', path: '/api/results' } as const;
const pageTitle = '<title>promptfoo</title>';

export const promptfoo: Fingerprint = {
  id: 'promptfoo',
  name: 'promptfoo web viewer (promptfoo view)',
  category: 'ml-platform',
  defaultPorts: [15500],
  specificity: 100,
  // /api/version and /api/remote-health are not asked: each makes the server call out (npm, promptfoo's API).
  requests: [health, results, rootPage, notFoundCanary],
  identify: {
    why: "promptfoo: its UI's page and its /health answer (status OK and the promptfoo version)",
    all: [
      { on: rootPage.id, bodyContains: pageTitle },
      { on: health.id, bodyRegex: healthShape },
    ],
  },
  open: {
    why: 'the eval history (prompts, test cases, model outputs, provider settings, red-team findings) is readable by anyone, and anyone can start evals and red-team runs on its owner\'s provider keys (promptfoo view has no authentication)',
    all: [
      { on: results.id, status: [200] },
      { on: results.id, bodyRegex: /^\s*\{\s*"data"\s*:\s*\[/ },
    ],
  },
  noAuthReason: 'promptfoo view has no authentication, and listens on every interface (it has no host option).',
  // Its UI's page answers every unknown path.
  sweepHints: [[...canaryAnsweredBy.appShell, { on: notFoundCanary.id, bodyContains: pageTitle }]],
  extract: { version: { on: health.id, regex: /"version"\s*:\s*"(\d[^"]*)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Stop promptfoo view when done, or reach it through SSH or an authenticating proxy (it cannot bind to localhost alone); rotate the provider keys its evals use, and remove the internet rule for port 15500.',
  references: ['https://www.promptfoo.dev/docs/usage/command-line/#promptfoo-view', 'https://www.promptfoo.dev/docs/usage/web-ui/'],
  verifiedAgainst: ['promptfoo 0.123.1'],
};
