import { notFoundCanary, openAiModelIds, prefixThenLater, rootPage } from './common.js';
import type { Fingerprint, Matcher } from './types.js';

/**
 * LM Studio's server answers every path it does not route, whatever the method, with 200 and
 * {"error":"Unexpected endpoint or method. (METHOD /path)"} (Express). The product is closed source: the
 * body is in a user's `curl -v` (lmstudio-bug-tracker#618, 0.3.14, a POST), and the same message for GET /
 * and for scanners' GETs of unknown paths is in users' server logs from 0.2.x to 0.4.18 (#1323, #1879,
 * #2085: "Unexpected endpoint or method. (GET /). Returning 200 anyway").
 */
const unexpectedEndpoint = (on: string): Matcher => ({ on, bodyContains: 'Unexpected endpoint or method.' });

/** LM Studio's REST API (api/v0) lists models with its own keys. */
const lmStudioModels = prefixThenLater(/"compatibility_type"\s*:\s*"[^"]+"/, /"state"\s*:\s*"(?:loaded|not-loaded)"/);

export const lmStudio: Fingerprint = {
  id: 'lm-studio',
  name: 'LM Studio server',
  category: 'model-server',
  defaultPorts: [1234],
  specificity: 100,
  requests: [{ id: 'v0models', method: 'GET', path: '/api/v0/models' }, notFoundCanary, rootPage],
  // With "Require Authentication" on, an unknown path may be refused before routing and the hint miss; so would the
  // identify signal (the model list is refused too), so a sweep still agrees with the full plan.
  sweepHints: [unexpectedEndpoint(notFoundCanary.id), unexpectedEndpoint(rootPage.id)],
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
  extract: { models: { on: 'v0models', path: openAiModelIds } },
  severityWhenOpen: 'high',
  remediation: 'Turn off "Serve on Local Network" in LM Studio (or require its API token) and remove the internet rule for port 1234.',
  references: ['https://lmstudio.ai/docs/app/api/endpoints/rest', 'https://lmstudio.ai/docs/developer/core/authentication'],
  derivedFrom: ['LM Studio docs commit e35e35a'],
};
