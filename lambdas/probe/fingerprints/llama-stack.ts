import { openAiModels } from './common.js';
import type { Fingerprint } from './types.js';

/** Every provider of its run config, with that config (secrets under api_key/api_token/password/secret keys masked). */
const providers = { id: 'providers', method: 'GET', path: '/v1/providers' } as const;
const providerList = /^\s*\{\s*"data"\s*:\s*\[\s*\{\s*"api"\s*:\s*"[a-z_]+"\s*,\s*"provider_id"\s*:\s*"[^"]*"\s*,\s*"provider_type"\s*:\s*"(?:inline|remote)::/;
const version = { id: 'stack-version', method: 'GET', path: '/v1/version' } as const;
/** Its own model list on /v1/models (the OpenAI one is /v1/openai/v1/models): registry entries, not OpenAI's shape. */
const stackModelList = /^\s*\{\s*"data"\s*:\s*\[\s*\{\s*"identifier"\s*:\s*"[^"]*"\s*,\s*"provider_resource_id"\s*:/;
/** AuthenticationMiddleware's refusal of a request without a bearer token, on every path (0.2.12 has no public one). */
const bearerRefusal = /^\s*\{\s*"error"\s*:\s*\{\s*"message"\s*:\s*"Missing or invalid Authorization header"\s*\}\s*\}\s*$/;

export const llamaStack: Fingerprint = {
  id: 'llama-stack',
  name: 'Llama Stack server',
  category: 'gateway',
  defaultPorts: [8321],
  specificity: 100,
  requests: [providers, openAiModels, version],
  identify: {
    why: 'Llama Stack: GET /v1/providers lists its providers by API and type (inline::/remote::), or /v1/models its registry entries, or /v1/providers refuses with its auth middleware\'s "Missing or invalid Authorization header"',
    any: [
      { on: providers.id, bodyRegex: providerList },
      { on: openAiModels.id, bodyRegex: stackModelList },
      { on: providers.id, bodyRegex: bearerRefusal },
    ],
  },
  open: {
    why: 'no server.auth in its run config (the default): anyone can read its providers\' config (internal URLs and paths of its inference back-ends and stores), run inference on its models at its owner\'s cost, upload, list and read back its files, create and read its vector stores, register tool groups and models, and have its tool runtime connect to any URL given as an MCP endpoint (server-side requests from its network)',
    all: [
      { on: providers.id, status: [200] },
      { on: providers.id, bodyRegex: providerList },
    ],
  },
  authRequired: {
    why: 'server.auth is set (oauth2_token or custom): every path answers 401 without a bearer token',
    all: [
      { on: providers.id, status: [401] },
      { on: providers.id, bodyRegex: bearerRefusal },
    ],
  },
  // On another port: its model list or its auth refusal on /v1/models, which every port is asked anyway. An open stack with
  // no model registered answers {"data":[]} there and FastAPI's JSON 404 elsewhere, as a dozen other families do: the full
  // plan finds it on 8321.
  sweepHints: [
    { on: openAiModels.id, bodyRegex: stackModelList },
    [
      { on: openAiModels.id, status: [401] },
      { on: openAiModels.id, bodyRegex: bearerRefusal },
    ],
  ],
  extract: {
    version: { on: version.id, regex: /^\s*\{\s*"version"\s*:\s*"([^"]+)"\s*\}\s*$/ },
    models: { on: openAiModels.id, path: ['data', '*', 'identifier'] },
  },
  severityWhenOpen: 'high',
  remediation:
    "Set server.auth in the Llama Stack run config (an OAuth2 token provider or a custom auth endpoint) or put it behind an authenticating proxy, remove the internet rule for port 8321, and review its files, vector stores, tool groups and models for ones you did not add.",
  references: [
    'https://llama-stack.readthedocs.io/en/latest/distributions/configuration.html',
    'https://llama-stack.readthedocs.io/en/latest/references/api_reference/index.html',
    'https://llama-stack.readthedocs.io/en/latest/distributions/starting_llama_stack_server.html',
  ],
  verifiedAgainst: ['Llama Stack 0.2.12'],
};
