import { canaryNotGated, notFoundCanary, openAiModelIds, openAiModels } from './common.js';
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
    why: 'SGLang: GET /get_model_info describes the loaded model, or /v1/models says "owned_by": "sglang"',
    // /get_model_info is SGLang's own route; the canary rules out a catch-all that answers 200 everywhere.
    all: [canaryNotGated],
    any: [
      { on: 'modelInfo', bodyRegex: modelInfo },
      { on: 'models', bodyRegex: /"owned_by"\s*:\s*"sglang"/ },
    ],
  },
  open: {
    why: 'the model answers without an API key (model info and the OpenAI routes are open)',
    any: [
      { on: 'modelInfo', bodyRegex: modelInfo },
      { on: 'models', bodyRegex: /"owned_by"\s*:\s*"sglang"/ },
    ],
  },
  // SGLang's ModelCard defaults owned_by to "sglang" on /v1/models (a keyed SGLang answers 401 everywhere and is not identifiable anyway).
  sweepHints: [{ on: 'models', bodyRegex: /"owned_by"\s*:\s*"sglang"/ }],
  noAuthReason:
    'SGLang --api-key answers every path except /health* and /metrics* (the canary and unknown paths included) with the same 401 {"error": "Unauthorized"} ' +
    '(add_api_key_middleware, srt/utils/auth.py), so a keyed SGLang cannot be told from any other gate by harmless requests: it reads as an ' +
    'unidentified credential challenge (not-ai), see test/fixtures/sglang/negative-api-key.json.',
  extract: { models: { on: 'models', path: openAiModelIds } },
  severityWhenOpen: 'high',
  remediation: 'Start SGLang with --api-key or behind an authenticating gateway, and remove the internet rule for port 30000.',
  references: ['https://docs.sglang.ai/backend/native_api.html', 'https://docs.sglang.ai/backend/server_arguments.html'],
  derivedFrom: ['SGLang commit 0025436'],
};
