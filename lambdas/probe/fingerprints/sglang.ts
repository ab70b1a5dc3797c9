import { canaryNotGated, notFoundCanary, openAiModels } from './common.js';
import type { Fingerprint } from './types.js';

/** `GET /get_model_info`: model and tokenizer paths and the generation flag. */
const modelInfo = /^\s*\{(?=[\s\S]*"model_path"\s*:)(?=[\s\S]*"is_generation"\s*:)/;

export const sglang: Fingerprint = {
  id: 'sglang',
  name: 'SGLang server',
  category: 'model-server',
  defaultPorts: [30000],
  specificity: 100,
  requests: [{ id: 'modelInfo', method: 'GET', path: '/get_model_info' }, openAiModels, notFoundCanary],
  identify: {
    why: 'SGLang: GET /get_model_info describes the loaded model, /v1/models says "owned_by": "sglang", or its --api-key 401 on that path',
    // /get_model_info is SGLang's own route; its 401 counts only when the canary is not refused as well
    // (a gate refuses every path).
    all: [canaryNotGated],
    any: [
      { on: 'modelInfo', bodyRegex: modelInfo },
      { on: 'models', bodyRegex: /"owned_by"\s*:\s*"sglang"/ },
      { on: 'modelInfo', bodyRegex: /^\s*\{\s*"error"\s*:\s*"Unauthorized"\s*\}\s*$/ },
    ],
  },
  open: {
    why: 'the model answers without an API key (model info and the OpenAI routes are open)',
    any: [
      { on: 'modelInfo', bodyRegex: modelInfo },
      { on: 'models', bodyRegex: /"owned_by"\s*:\s*"sglang"/ },
    ],
  },
  authRequired: {
    why: 'SGLang --api-key is set (401 {"error": "Unauthorized"})',
    any: [{ on: 'modelInfo', status: [401] }, { on: 'models', status: [401] }],
  },
  extract: { models: { on: 'models', regex: /"id"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Start SGLang with --api-key or behind an authenticating gateway, and remove the internet rule for port 30000.',
  references: ['https://docs.sglang.ai/backend/native_api.html', 'https://docs.sglang.ai/backend/server_arguments.html'],
};
