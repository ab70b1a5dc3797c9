import { canaryNotServed, notFoundCanary, openAiModelIds, openAiModelList as modelList, openAiModels, openApiDocument } from './common.js';
import type { Fingerprint } from './types.js';

/** The FastAPI title llama-cpp-python gives its app, llama emoji first (raw or \u-escaped, whichever the JSON encoder wrote). */
const ownTitle = /"title"\s*:\s*"[^"]{0,16}llama\.cpp Python API"/;

export const llamaCppPython: Fingerprint = {
  id: 'llama-cpp-python',
  name: 'llama-cpp-python server',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openAiModels, openApiDocument, notFoundCanary],
  identify: {
    why: 'llama-cpp-python: its OpenAPI document is titled "🦙 llama.cpp Python API"',
    // The title is the app's own (server/app.py), and /openapi.json stays public with --api_key: FastAPI serves it with no dependency.
    all: [canaryNotServed, { on: 'openapi', bodyRegex: ownTitle }],
  },
  open: {
    why: 'GET /v1/models lists the loaded models without an API key: completions on your hardware are open to anyone',
    all: [{ on: 'models', status: [200] }, { on: 'models', bodyRegex: modelList }],
  },
  authRequired: {
    why: 'llama-cpp-python --api_key is set (401 {"detail":"Invalid API key"})',
    all: [{ on: 'models', status: [401] }, { on: 'models', bodyContains: 'Invalid API key' }],
  },
  // Its own words on /v1/models: every model it lists is "owned_by": "me", and its API-key refusal is FastAPI's {"detail":"Invalid API key"}.
  sweepHints: [
    { on: 'models', bodyRegex: /"owned_by"\s*:\s*"me"/ },
    [{ on: 'models', status: [401] }, { on: 'models', bodyContains: 'Invalid API key' }],
  ],
  extract: {
    version: { on: 'openapi', regex: /"info"\s*:\s*\{[^{}]*"version"\s*:\s*"([^"]+)"/ },
    models: { on: 'models', path: openAiModelIds },
  },
  severityWhenOpen: 'high',
  remediation:
    'Start the server with --api_key (or API_KEY in its environment) and --host 127.0.0.1 behind an authenticating proxy, and remove the internet rule for port 8000.',
  references: ['https://llama-cpp-python.readthedocs.io/en/latest/server/'],
  verifiedAgainst: ['llama-cpp-python 0.3.36'],
};
