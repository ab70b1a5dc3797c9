import type { Fingerprint } from './types.js';

/** LM Studio's REST API (api/v0) lists models with its own keys. */
const lmStudioModels = /"compatibility_type"\s*:\s*"[^"]+"[\s\S]*"state"\s*:\s*"(?:loaded|not-loaded)"/;

export const lmStudio: Fingerprint = {
  id: 'lm-studio',
  name: 'LM Studio server',
  category: 'model-server',
  defaultPorts: [1234],
  specificity: 100,
  requests: [{ id: 'v0models', method: 'GET', path: '/api/v0/models' }],
  // No sweepHints (always asked): LM Studio's docs (e35e35a) list GET /v1/models among its OpenAI-compatible routes but give no
  // status or body for it, nor for / or an unknown path, so no first-stage answer has a cited sample to hint on.
  identify: {
    why: 'LM Studio: GET /api/v0/models lists models with compatibility_type and load state',
    // compatibility_type next to a "loaded"/"not-loaded" state are LM Studio's keys, which no catch-all or echo carries.
    all: [{ on: 'v0models', bodyRegex: lmStudioModels }],
  },
  open: {
    why: 'models are listed without a token: inference and model loading are open to anyone',
    all: [{ on: 'v0models', status: [200] }],
  },
  noAuthReason:
    'LM Studio serves without credentials by default; since 0.4.0 "Require Authentication" (API tokens) can be switched on, but the product is closed ' +
    'source and its docs give no refusal status or body, so a refusal has no cited sample and reads as an unidentified gate.',
  extract: { models: { on: 'v0models', regex: /"id"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Turn off "Serve on Local Network" in LM Studio (or require its API token) and remove the internet rule for port 1234.',
  references: ['https://lmstudio.ai/docs/app/api/endpoints/rest', 'https://lmstudio.ai/docs/developer/core/authentication'],
  derivedFrom: ['LM Studio docs commit e35e35a'],
};
