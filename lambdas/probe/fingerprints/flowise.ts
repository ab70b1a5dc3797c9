import { apiV1Version } from './common.js';
import type { Fingerprint } from './types.js';

export const flowise: Fingerprint = {
  id: 'flowise',
  name: 'Flowise',
  category: 'agent-builder',
  defaultPorts: [3000],
  specificity: 100,
  requests: [apiV1Version, { id: 'chatflows', method: 'GET', path: '/api/v1/chatflows' }],
  identify: {
    why: 'Flowise: GET /api/v1/chatflows answers Flowise\'s exact "Unauthorized Access" refusal or a chatflow list (flowData)',
    // The refusal JSON and the chatflow rows are Flowise's own; /api/v1/version alone is too plain to identify,
    // and 1.x releases have no /api/v1/version at all (the UI page answers it), so it only gives the version.
    any: [
      { on: 'chatflows', bodyRegex: /^\s*\{\s*"error"\s*:\s*"Unauthorized Access"\s*\}\s*$/ },
      { on: 'chatflows', bodyRegex: /^\s*\[\s*(?:\]|\{[\s\S]*"flowData"\s*:)/ },
    ],
  },
  open: {
    why: 'chatflows are listed without credentials: flows with their API keys are readable, and custom function nodes run JavaScript',
    all: [{ on: 'chatflows', status: [200] }],
  },
  authRequired: {
    // 2.x without FLOWISE_USERNAME also answers 401 here without an API key, yet serves everything to a
    // request carrying the UI's x-request-from: internal header; this probe does not send it (see report).
    why: 'Flowise demands credentials (401 "Unauthorized Access")',
    all: [{ on: 'chatflows', status: [401] }],
  },
  extract: { version: { on: 'v1version', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Enable Flowise authentication (3.x accounts, or FLOWISE_USERNAME/PASSWORD on 1.x/2.x), and remove the internet rule for port 3000.',
  references: ['https://docs.flowiseai.com/configuration/authorization/app-level', 'https://docs.flowiseai.com/api-reference/chatflows'],
  cpe: 'cpe:2.3:a:flowiseai:flowise',
  derivedFrom: ['Flowise commit 0039fd0', 'Flowise commit 5df09a1'],
};
