import { canaryNotGated, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/** `GET /props`: llama-server's generation settings and slot count. */
const props = /^\s*\{(?=[\s\S]*"default_generation_settings"\s*:)(?=[\s\S]*"total_slots"\s*:)/;

export const llamaCppServer: Fingerprint = {
  id: 'llama-cpp-server',
  name: 'llama.cpp server (llama-server)',
  category: 'model-server',
  defaultPorts: [8080],
  specificity: 100,
  requests: [{ id: 'props', method: 'GET', path: '/props' }, notFoundCanary],
  identify: {
    why: 'llama.cpp: GET /props returns default_generation_settings and total_slots, or its API-key error object',
    // Both keys are llama-server's; its 401 body uses the OpenAI error shape with type
    // "authentication_error", and counts only when the canary is not refused too.
    all: [canaryNotGated],
    any: [
      { on: 'props', bodyRegex: props },
      { on: 'props', bodyRegex: /"message"\s*:\s*"Invalid API Key"[\s\S]*"type"\s*:\s*"authentication_error"/ },
    ],
  },
  open: {
    why: 'GET /props answers without an API key: completions and the web UI are open to anyone',
    all: [{ on: 'props', status: [200] }, { on: 'props', bodyRegex: props }],
  },
  authRequired: {
    why: 'llama-server --api-key is set (401 "Invalid API Key")',
    all: [{ on: 'props', status: [401] }],
  },
  extract: { version: { on: 'props', regex: /"build_info"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Start llama-server with --api-key (or LLAMA_API_KEY) and --host 127.0.0.1 behind a proxy, and remove the internet rule for the port.',
  references: ['https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md'],
};
