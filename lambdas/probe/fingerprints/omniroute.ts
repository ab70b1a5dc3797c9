import { openAiModelIds, openAiModelList, openAiModels, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** OmniRoute's route guard names the class of every route it answers (CLIENT_API, MANAGEMENT, PUBLIC) in this header. */
const routeClassHeader = 'x-omniroute-route-class';

/** Public (no login) health report: the version, uptime, configured providers and their breakers. */
const monitoringHealth = { id: 'omniroute-health', method: 'GET', path: '/api/monitoring/health' } as const;
/** A management read (cache statistics): 401 AUTH_001 unless the owner turned the dashboard login off (requireLogin=false). */
const managementCache = { id: 'omniroute-cache', method: 'GET', path: '/api/cache' } as const;

export const omniroute: Fingerprint = {
  id: 'omniroute',
  name: 'OmniRoute (AI gateway)',
  category: 'gateway',
  defaultPorts: [20128],
  specificity: 100,
  requests: [openAiModels, rootPage, monitoringHealth, managementCache],
  identify: {
    why: `OmniRoute's route-class header (${routeClassHeader}) on /v1/models or /, or its health report naming its version and provider breakers`,
    any: [
      { on: openAiModels.id, header: routeClassHeader },
      { on: rootPage.id, header: routeClassHeader },
      { on: monitoringHealth.id, bodyRegex: /^\s*\{(?=[\s\S]*"system"\s*:\s*\{\s*"version")(?=[\s\S]*"providerSummary"\s*:)/ },
    ],
  },
  open: {
    why: 'GET /v1/models answers without an API key (REQUIRE_API_KEY off, the default): anyone can send chat, embedding and image requests through the provider API keys and OAuth accounts the owner connected, billed to them; or the management API answers without a login (requireLogin off): anyone can read and change providers and settings, and mint API keys that pass REQUIRE_API_KEY',
    // A refusal (401 AUTH_001/AUTH_002) matches neither body.
    any: [
      { on: openAiModels.id, bodyRegex: openAiModelList },
      { on: managementCache.id, bodyRegex: /^\s*\{\s*"semanticCache"\s*:\s*\{/ },
    ],
  },
  authRequired: {
    why: 'REQUIRE_API_KEY=true: /v1/models answers 401 AUTH_002 without one of the gateway\'s API keys',
    all: [{ on: openAiModels.id, status: [401] }, { on: openAiModels.id, bodyContains: '"AUTH_002"' }],
  },
  // The route-class header is on every answer of the app, the canary's 404 page excepted.
  sweepHints: [
    { on: openAiModels.id, header: routeClassHeader },
    { on: rootPage.id, header: routeClassHeader },
  ],
  extract: {
    version: { on: monitoringHealth.id, regex: /"system"\s*:\s*\{\s*"version"\s*:\s*"([^"]+)"/ },
    models: { on: openAiModels.id, path: openAiModelIds },
  },
  severityWhenOpen: 'high',
  remediation:
    'Set REQUIRE_API_KEY=true and give each client an API key from Dashboard → Endpoints, keep "Require login" on with a dashboard password of your own (INITIAL_PASSWORD, never the CHANGEME of .env.example), and remove the internet rule for port 20128.',
  references: [
    'https://github.com/diegosouzapw/OmniRoute/blob/main/docs/API_REFERENCE.md',
    'https://github.com/diegosouzapw/OmniRoute/blob/main/docs/ENVIRONMENT.md',
    'https://github.com/diegosouzapw/OmniRoute/blob/main/.env.example',
    'https://github.com/diegosouzapw/OmniRoute/blob/main/src/server/authz/policies/clientApi.ts',
  ],
  verifiedAgainst: ['OmniRoute 3.7.9'],
};
