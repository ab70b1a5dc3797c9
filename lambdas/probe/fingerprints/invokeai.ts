import type { Fingerprint } from './types.js';

export const invokeai: Fingerprint = {
  id: 'invokeai',
  name: 'InvokeAI',
  category: 'ui',
  defaultPorts: [9090],
  specificity: 100,
  requests: [{ id: 'appVersion', method: 'GET', path: '/api/v1/app/version' }, { id: 'appConfig', method: 'GET', path: '/api/v1/app/config' }],
  identify: {
    why: 'InvokeAI: GET /api/v1/app/version answers its version and GET /api/v1/app/config its infill methods',
    all: [
      { on: 'appVersion', bodyRegex: /^\s*\{\s*"version"\s*:\s*"\d[^"]*"/ },
      { on: 'appConfig', bodyContains: '"infill_methods"' },
    ],
  },
  open: {
    why: 'InvokeAI answers without credentials: generation and model installs from URLs are open to anyone',
    all: [{ on: 'appConfig', status: [200] }],
  },
  noAuthReason: 'InvokeAI community edition has no authentication of its own (left to a proxy, which hides the service).',
  extract: { version: { on: 'appVersion', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Keep InvokeAI on 127.0.0.1 (host: 127.0.0.1 in invokeai.yaml) behind an authenticating proxy, and remove the internet rule for port 9090.',
  references: ['https://invoke-ai.github.io/InvokeAI/configuration/', 'https://invoke-ai.github.io/InvokeAI/contributing/contribution_guides/development/'],
};
