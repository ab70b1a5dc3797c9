import type { Fingerprint } from './types.js';

export const ollama: Fingerprint = {
  id: 'ollama',
  name: 'Ollama',
  category: 'model-server',
  defaultPorts: [11434],
  specificity: 100,
  requests: [
    { id: 'root', method: 'GET', path: '/' },
    { id: 'version', method: 'GET', path: '/api/version' },
    { id: 'tags', method: 'GET', path: '/api/tags' },
  ],
  identify: {
    why: 'Ollama banner "Ollama is running" on GET /',
    // The exact banner text and nothing else: KoboldCpp and Open WebUI emulate Ollama's /api/* routes
    // but do not serve this banner, and a catch-all or echo server would add other text.
    any: [{ on: 'root', bodyRegex: /^Ollama is running$/ }],
  },
  open: {
    why: 'GET /api/tags lists local models without credentials (model use, pull and delete are open too)',
    // Ollama's model list starts with a "models" array; a gate's error page does not.
    all: [
      { on: 'tags', status: [200] },
      { on: 'tags', bodyRegex: /^\s*\{\s*"models"\s*:\s*\[/ },
    ],
  },
  authRequired: {
    why: 'a proxy in front of Ollama demands credentials for /api/tags (Ollama itself has no auth)',
    // Banner passes but the API is gated: a path-scoped auth proxy. Ollama's own Host check answers
    // 403 on every path, banner included, so it cannot fire this signal.
    any: [{ on: 'tags', status: [401, 403, 407] }],
  },
  hostPolicy: {
    why: 'a 403 with an empty body on every path, which is what Ollama\'s Host check answers (so may any server that refuses everything this way)',
    // allowedHostsMiddleware: loopback-bound Ollama answers a public Host with 403 and no body (recorded from 0.17.4). Nothing
    // in that answer names Ollama (a freshly installed SillyTavern's IP whitelist answers the same), so the signal says so.
    all: [
      { on: 'root', status: [403] },
      { on: 'root', bodyRegex: /^$/ },
      { on: 'version', status: [403] },
      { on: 'version', bodyRegex: /^$/ },
    ],
  },
  // Ollama's own server answers / with the banner in every version (identify needs it anyway); its Host check answers / with an empty 403.
  sweepHints: [
    { on: 'root', bodyContains: 'Ollama is running' },
    [
      { on: 'root', status: [403] },
      { on: 'root', bodyRegex: /^$/ },
    ],
  ],
  extract: {
    version: { on: 'version', regex: /^\s*\{\s*"version"\s*:\s*"([^"]+)"/ },
    models: { on: 'tags', path: ['models', '*', 'name'] },
  },
  severityWhenOpen: 'high',
  remediation:
    'Bind Ollama to 127.0.0.1 (OLLAMA_HOST) or put an authenticating reverse proxy in front, and remove the internet rule for port 11434.',
  references: [
    'https://github.com/ollama/ollama/blob/main/docs/api.md',
    'https://github.com/ollama/ollama/blob/main/docs/faq.md#how-do-i-configure-ollama-server',
  ],
  cpe: 'cpe:2.3:a:ollama:ollama',
  verifiedAgainst: ['Ollama 0.17.4'],
};
