import { apiV1Version, canaryAnsweredBy, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/** A chatflow list: Flowise's ChatFlow rows carry flowData. */
const chatflowList = /^\s*\[\s*(?:\]|\{[\s\S]*"flowData"\s*:)/;

export const flowise: Fingerprint = {
  id: 'flowise',
  name: 'Flowise',
  category: 'agent-builder',
  defaultPorts: [3000],
  specificity: 100,
  requests: [
    apiV1Version,
    { id: 'chatflows', method: 'GET', path: '/api/v1/chatflows' },
    // The header Flowise's own UI sends. 2.x without FLOWISE_USERNAME lets such requests through with no
    // key (the UI is open to any browser), asks for basic auth when FLOWISE_USERNAME is set; 3.x asks for
    // a session token. Read-only: the same chatflow list as above.
    { id: 'chatflowsUi', method: 'GET', path: '/api/v1/chatflows', headers: { 'x-request-from': 'internal' } },
    notFoundCanary,
  ],
  identify: {
    why: 'Flowise: GET /api/v1/chatflows answers Flowise\'s exact "Unauthorized Access" refusal or a chatflow list (flowData)',
    // The refusal JSON and the chatflow rows are Flowise's own; /api/v1/version alone is too plain to identify,
    // and 1.x releases have no /api/v1/version at all (the UI page answers it), so it only gives the version.
    any: [
      { on: 'chatflows', bodyRegex: /^\s*\{\s*"error"\s*:\s*"Unauthorized Access"\s*\}\s*$/ },
      { on: 'chatflows', bodyRegex: chatflowList },
      { on: 'chatflowsUi', bodyRegex: chatflowList },
    ],
  },
  open: {
    why: 'chatflows are listed without credentials (1.x/2.x without FLOWISE_USERNAME, as to the UI): flows with their API keys are readable, and custom function nodes run JavaScript',
    any: [{ on: 'chatflows', bodyRegex: chatflowList }, { on: 'chatflowsUi', bodyRegex: chatflowList }],
  },
  authRequired: {
    // Only when open did not fire: 2.x without FLOWISE_USERNAME also refuses the key-less API call.
    why: 'Flowise demands credentials (401 "Unauthorized Access")',
    all: [{ on: 'chatflows', status: [401] }],
  },
  // Flowise's Express server answers every path outside /api/v1 with its UI page (200, titled "Flowise - …"),
  // in every release and auth mode (basic auth and 3.x accounts guard the API, not the page).
  sweepHints: [[...canaryAnsweredBy.appShell, { on: notFoundCanary.id, bodyRegex: /flowise/i }]],
  extract: { version: { on: 'v1version', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Enable Flowise authentication (3.x accounts, or FLOWISE_USERNAME/PASSWORD on 1.x/2.x), and remove the internet rule for port 3000.',
  references: ['https://docs.flowiseai.com/configuration/authorization/app-level', 'https://docs.flowiseai.com/api-reference/chatflows'],
  cpe: 'cpe:2.3:a:flowiseai:flowise',
  derivedFrom: ['Flowise commit 0039fd0', 'Flowise 2.2.8', 'Flowise commit 5df09a1'],
  // Recorded from npm flowise@3.1.4 (scripts/capture/flowise.sh), before and after the first account: the answers
  // to these GETs are the same in both states (401 on chatflows, with and without x-request-from: internal), so a
  // fresh 3.x instance whose organization set-up is still open to the first visitor reads as auth-required. Only
  // POST /api/v1/auth/resolve tells the two apart (it counts organizations and writes nothing, 3.1.4), and the catalog
  // sends no POST but a JSON-RPC initialize (test/fingerprints/catalog.test.ts).
  verifiedAgainst: ['Flowise 3.1.4'],
};
