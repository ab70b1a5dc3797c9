import { canaryAnsweredBy, notFoundCanary, openAiModelIds, openAiModels, openApiDocument, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const litellm: Fingerprint = {
  id: 'litellm',
  name: 'LiteLLM proxy',
  category: 'gateway',
  defaultPorts: [4000],
  specificity: 100,
  requests: [openAiModels, openApiDocument, rootPage, notFoundCanary],
  identify: {
    why: 'LiteLLM: its OpenAPI title "LiteLLM API", or its auth error "Authentication Error, No api key passed in."',
    // Both strings are LiteLLM's own (proxy_server.py title, user_api_key_auth.py message).
    any: [
      { on: 'openapi', bodyRegex: /"title"\s*:\s*"LiteLLM API"/ },
      { on: 'models', bodyContains: 'No api key passed in' },
    ],
  },
  open: {
    why: 'GET /v1/models lists models without a key: every upstream provider key behind the proxy is usable by anyone',
    all: [{ on: 'models', status: [200] }, { on: 'models', bodyRegex: /"object"\s*:\s*"list"/ }],
  },
  authRequired: {
    why: 'LiteLLM master key is set (401 auth_error)',
    all: [{ on: 'models', status: [401] }],
  },
  // LiteLLM's own answers: the master-key 401 text on /v1/models, the Swagger page titled "LiteLLM API" on / (default docs_url), and, for a proxy
  // whose docs moved, FastAPI's JSON 404 with /v1/models answered 200 or 401.
  sweepHints: [
    { on: 'models', bodyContains: 'No api key passed in' },
    { on: 'root', bodyRegex: /<title>LiteLLM API\b/ },
    [canaryAnsweredBy.starlette, { on: 'models', status: [200, 401] }],
  ],
  extract: { models: { on: 'models', path: openAiModelIds } },
  severityWhenOpen: 'critical',
  remediation: 'Set LITELLM_MASTER_KEY (and virtual keys per client), and remove the internet rule for port 4000.',
  references: ['https://docs.litellm.ai/docs/proxy/virtual_keys', 'https://docs.litellm.ai/docs/proxy/deploy'],
  derivedFrom: ['LiteLLM proxy commit 00163bc', 'LiteLLM proxy commit 0009d07'],
};
