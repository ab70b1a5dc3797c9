import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const torchserve: Fingerprint = {
  id: 'torchserve',
  name: 'TorchServe (inference and management APIs)',
  category: 'model-server',
  defaultPorts: [8080, 8081],
  specificity: 100,
  requests: [{ id: 'models', method: 'GET', path: '/models' }, notFoundCanary],
  identify: {
    why: 'TorchServe: its own error types (ResourceNotFoundException, InvalidKeyException) or a management model list',
    // TorchServe's JSON errors carry the Java exception name; "modelName" entries are its list format.
    any: [
      { on: 'canary', bodyContains: '"ResourceNotFoundException"' },
      { on: 'models', bodyContains: '"InvalidKeyException"' },
      { on: 'models', bodyRegex: /"models"\s*:\s*\[[\s\S]*"modelName"/ },
    ],
  },
  open: {
    why: 'the management API lists models without a token: anyone can register a model from a URL, i.e. run code (ShellTorch)',
    all: [{ on: 'models', status: [200] }, { on: 'models', bodyRegex: /"models"\s*:\s*\[/ }],
  },
  authRequired: {
    why: 'TorchServe token authorization is on (400 InvalidKeyException "Token Authorization failed")',
    // Not a 401: TorchServe answers a missing token with 400.
    all: [{ on: 'models', bodyContains: '"InvalidKeyException"' }],
  },
  severityWhenOpen: 'critical',
  remediation:
    'Keep token authorization on (never --disable-token-auth), bind the management API (8081) to localhost, restrict allowed_urls, and remove the internet rules for 8080-8082.',
  references: [
    'https://pytorch.org/serve/token_authorization_api.html',
    'https://pytorch.org/serve/management_api.html',
    'https://pytorch.org/serve/configuration.html',
  ],
  cpe: 'cpe:2.3:a:pytorch:torchserve',
};
