import { canaryAnsweredBy, canaryNotGated, notFoundCanary, openAiModels, openApiDocumentListsNone } from './common.js';
import type { Fingerprint } from './types.js';

/** The OpenAI extension's internal route: `{"model_name": …, "lora_names": […]}`. */
const modelInfo = /^\s*\{(?=[\s\S]*"model_name"\s*:)(?=[\s\S]*"lora_names"\s*:\s*\[)/;

export const textGenerationWebui: Fingerprint = {
  id: 'text-generation-webui',
  name: 'text-generation-webui (oobabooga) API',
  category: 'model-server',
  defaultPorts: [5000],
  specificity: 100,
  requests: [{ id: 'modelInfo', method: 'GET', path: '/v1/internal/model/info' }, notFoundCanary, openAiModels],
  identify: {
    why: 'text-generation-webui: GET /v1/internal/model/info answers model_name and lora_names, or its --api-key 401 on that path',
    // The internal route is the product's own; a 401 there counts only when the canary is not refused too.
    all: [canaryNotGated],
    any: [
      { on: 'modelInfo', bodyRegex: modelInfo },
      { on: 'modelInfo', bodyRegex: /^\s*\{\s*"detail"\s*:\s*"Unauthorized"\s*\}\s*$/ },
    ],
  },
  open: {
    why: 'the API answers without a key: generation, model loading and LoRA changes are open to anyone',
    all: [{ on: 'modelInfo', status: [200] }, { on: 'modelInfo', bodyRegex: modelInfo }],
  },
  authRequired: {
    why: 'text-generation-webui --api-key is set (401 Unauthorized)',
    all: [{ on: 'modelInfo', status: [401] }],
  },
  // The API is a FastAPI app: Starlette's JSON 404 on unknown paths, and /v1/models answers 200 (open) or verify_api_key's 401 (--api-key).
  sweepHints: [[canaryAnsweredBy.starlette, { on: 'models', status: [200, 401] }]],
  // Its API (modules/api/script.py, formerly extensions/openai/script.py) is a plain FastAPI() app with
  // /v1/internal/model/info and /v1/models on it, in the schema.
  sweepRuledOutBy: [openApiDocumentListsNone('/v1/internal/')],
  severityWhenOpen: 'high',
  remediation: 'Start with --api-key (and --admin-key) or without --listen/--public-api, and remove the internet rule for port 5000.',
  references: ['https://github.com/oobabooga/text-generation-webui/wiki/12-%E2%80%90-OpenAI-API'],
  derivedFrom: ['text-generation-webui commit 952435f'],
};
