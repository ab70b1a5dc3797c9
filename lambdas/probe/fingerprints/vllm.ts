import { canaryNotServed, notFoundCanary, openAiModelIds, openAiModels, plainVersion } from './common.js';
import type { Fingerprint } from './types.js';

/** vLLM's api_server: `GET /version` is exactly `{"version": "…"}` and is never behind --api-key. */
const versionObject = /^\s*\{\s*"version"\s*:\s*"\d+\.\d+[^"]*"\s*\}\s*$/;

export const vllm: Fingerprint = {
  id: 'vllm',
  name: 'vLLM OpenAI-compatible server',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openAiModels, plainVersion, notFoundCanary],
  identify: {
    why: 'vLLM: GET /version is {"version": …} and /v1/models lists models "owned_by": "vllm" or answers its --api-key 401',
    // The version object alone is too plain, so it must come with vLLM's own model owner or the exact
    // body of vLLM's API-key middleware; the canary rules out a catch-all server.
    all: [canaryNotServed, { on: 'version', bodyRegex: versionObject }],
    any: [
      { on: 'models', bodyRegex: /"owned_by"\s*:\s*"vllm"/ },
      { on: 'models', bodyRegex: /^\s*\{\s*"error"\s*:\s*"Unauthorized"\s*\}\s*$/ },
    ],
  },
  open: {
    why: 'GET /v1/models lists models without an API key: inference on your GPUs is open to anyone',
    all: [{ on: 'models', status: [200] }, { on: 'models', bodyRegex: /"object"\s*:\s*"list"/ }],
  },
  authRequired: {
    why: 'vLLM --api-key is set (401 {"error": "Unauthorized"} on its API routes: /v1, /v2, /inference, /cohere)',
    all: [{ on: 'models', status: [401] }],
  },
  // vLLM's /v1/models names vLLM as owner, or its --api-key middleware answers it with exactly {"error":"Unauthorized"} (identify needs one of them).
  sweepHints: [
    { on: 'models', bodyRegex: /"owned_by"\s*:\s*"vllm"/ },
    { on: 'models', bodyRegex: /^\s*\{\s*"error"\s*:\s*"Unauthorized"\s*\}\s*$/ },
  ],
  extract: {
    version: { on: 'version', regex: /"version"\s*:\s*"([^"]+)"/ },
    models: { on: 'models', path: openAiModelIds },
  },
  severityWhenOpen: 'high',
  remediation: 'Start vLLM with --api-key (or VLLM_API_KEY) or behind an authenticating gateway, and remove the internet rule for port 8000.',
  references: [
    'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
    'https://docs.vllm.ai/en/latest/usage/security.html',
  ],
  cpe: 'cpe:2.3:a:vllm:vllm',
  verifiedAgainst: ['vLLM 0.32.0'],
};
