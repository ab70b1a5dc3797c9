import { canaryNotServed, notFoundCanary, openAiModelIds, openAiModelList as modelList } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The OpenAI error object: `{"error":{"message":…,"type":…}}` (OpenAI, LiteLLM, llama.cpp server), also as the `detail` of
 * FastAPI's HTTPException answer (as FastChat refuses a missing --api-keys key; its own family names it).
 */
const openAiError = /^\s*\{\s*(?:"detail"\s*:\s*\{\s*)?"error"\s*:\s*\{(?=[\s\S]*"message"\s*:)(?=[\s\S]*"type"\s*:)/;

/** Generic family for what answers /v1/models but matches no named product; the lowest specificity. */
export const openaiCompatible: Fingerprint = {
  id: 'openai-compatible',
  name: 'OpenAI-compatible API',
  category: 'model-server',
  defaultPorts: [8000, 8080, 1234, 4000, 30000],
  specificity: 1,
  requests: [{ id: 'models', method: 'GET', path: '/v1/models' }, notFoundCanary],
  // What an OpenAI-compatible server answers on /v1/models: a model list ("data" array), an error object
  // ({"error": {…}}, or vLLM's and SGLang's {"error": "Unauthorized"}), or FastAPI's refusal for a missing API key
  // (llama-cpp-python, text-generation-webui: 401 {"detail": …}). Its requests are all first-stage ones anyway.
  sweepHints: [
    { on: 'models', bodyRegex: /"data"\s*:\s*\[/ },
    { on: 'models', bodyRegex: /^\s*\{\s*"error"\s*:/ },
    [{ on: 'models', status: [401, 403] }, { on: 'models', bodyRegex: /^\s*\{\s*"detail"\s*:/ }],
  ],
  identify: {
    why: 'GET /v1/models answers in the OpenAI API format',
    // Both shapes are JSON objects a reflected request cannot contain; the canary rules out a
    // catch-all server that returns the same list on every path.
    all: [canaryNotServed],
    any: [
      { on: 'models', bodyRegex: modelList },
      { on: 'models', bodyRegex: openAiError },
    ],
  },
  open: {
    why: 'GET /v1/models lists models without an API key (inference on your GPUs, or on the provider accounts it forwards to, is open too)',
    all: [
      { on: 'models', status: [200] },
      { on: 'models', bodyRegex: modelList },
    ],
  },
  noAuthReason:
    'a generic family has no refusal of its own to cite: the servers it stands for refuse in their own words (llama-cpp-python {"detail":"Invalid API key"}, vLLM {"error":"Unauthorized"}) and named families read those. An OpenAI-style error object with a message and a type on /v1/models (also inside the "detail" of a FastAPI refusal) still identifies the API and reads auth-required (an AI API answered, nothing was served); any other refusal is an unidentified gate, as gpt4free\'s --g4f-api-key is (401 {"error": {"message": "Not authenticated"}} on every path, the canary included).',
  extract: { models: { on: 'models', path: openAiModelIds } },
  severityWhenOpen: 'high',
  remediation: 'Start the server with an API key (e.g. vLLM/llama.cpp --api-key, gpt4free --g4f-api-key) or behind an authenticating gateway, and remove the internet rule.',
  references: [
    'https://platform.openai.com/docs/api-reference/models/list',
    'https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html',
    'https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md',
    'https://g4f.dev/docs/interference-api.html',
  ],
  verifiedAgainst: ['gpt4free 8.7.7'],
};
