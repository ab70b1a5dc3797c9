import { canaryNotServed, notFoundCanary, openAiModelIds, openAiModels } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * `GET /props`: llama-server's generation settings and build. A single-model server (recorded at b11312 with -m) adds
 * total_slots; a router (started without -m, recorded at b11312) answers its own props with a dummy
 * default_generation_settings, build_info and "role":"router" but no total_slots. KoboldCpp emulates /props with
 * default_generation_settings and total_slots (koboldcpp.py), but without build_info.
 */
const props = /^\s*\{(?=[\s\S]*"default_generation_settings"\s*:)(?=[\s\S]*"build_info"\s*:)/;

export const llamaCppServer: Fingerprint = {
  id: 'llama-cpp-server',
  name: 'llama.cpp server (llama-server)',
  category: 'model-server',
  defaultPorts: [8080],
  specificity: 100,
  requests: [{ id: 'props', method: 'GET', path: '/props' }, openAiModels, notFoundCanary],
  identify: {
    why: 'llama.cpp: GET /props returns default_generation_settings and build_info, the model list says "owned_by": "llamacpp", or /props carries llama-server\'s "Server: llama.cpp" header',
    // Both /props keys are llama-server's; the model list names llama.cpp as owner. /v1/models was public with --api-key at
    // aa6192d (server-http.cpp); at b11312 only /health, /v1/health and the web UI are, so a keyed server (recorded, router
    // mode and with -m) answers /props and /v1/models with the bare OpenAI-style 401 and only its default Server header names it.
    // With --api-key every other path, the canary included, answers 401, so only a 200 canary (a catch-all) rules it out.
    all: [canaryNotServed],
    any: [
      { on: 'props', bodyRegex: props },
      { on: 'models', bodyRegex: /"owned_by"\s*:\s*"llamacpp"/ },
      { on: 'props', header: 'server', regex: /^llama\.cpp$/ },
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
  // llama-server sets "Server: llama.cpp" as a default header on every answer (404 and 401 included); its model list names llamacpp as owner.
  sweepHints: [
    { on: 'canary', header: 'server', contains: 'llama.cpp' },
    { on: 'models', bodyRegex: /"owned_by"\s*:\s*"llamacpp"/ },
  ],
  extract: {
    version: { on: 'props', regex: /"build_info"\s*:\s*"([^"]+)"/ },
    models: { on: 'models', path: openAiModelIds },
  },
  severityWhenOpen: 'high',
  remediation: 'Start llama-server with --api-key (or LLAMA_API_KEY) and --host 127.0.0.1 behind a proxy, and remove the internet rule for the port.',
  references: ['https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md'],
  verifiedAgainst: ['llama.cpp llama-server b11312-0c1e57098'],
};
