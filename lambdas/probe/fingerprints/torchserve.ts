import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const torchserve: Fingerprint = {
  id: 'torchserve',
  name: 'TorchServe (inference and management APIs)',
  category: 'model-server',
  defaultPorts: [8080, 8081],
  specificity: 100,
  // /models is the management API's list (8081); /ping is the inference API's health check (8080).
  requests: [{ id: 'models', method: 'GET', path: '/models' }, { id: 'ping', method: 'GET', path: '/ping' }, notFoundCanary],
  identify: {
    why: 'TorchServe: its own error types (ResourceNotFoundException, InvalidKeyException) or a management model list',
    // TorchServe's JSON errors carry the Java exception name; "modelName" entries are its list format.
    // With token auth on (0.12.0) every path, the canary included, answers 400 InvalidKeyException.
    any: [
      { on: 'canary', bodyContains: '"ResourceNotFoundException"' },
      { on: 'canary', bodyContains: '"InvalidKeyException"' },
      { on: 'models', bodyContains: '"InvalidKeyException"' },
      { on: 'models', bodyRegex: /"models"\s*:\s*\[[\s\S]*"modelName"/ },
    ],
  },
  open: {
    why: 'TorchServe answers without a token: the management API lets anyone register a model from a URL, i.e. run code (ShellTorch); the inference API runs the loaded models',
    // Management (8081): GET /models 200 {"models": [...]}. Inference (8080): /models is 404 there, but
    // GET /ping 200 {"status": "Healthy"}; with token auth on, both answer 400 InvalidKeyException.
    any: [
      { on: 'models', bodyRegex: /^\s*\{\s*"models"\s*:\s*\[/ },
      { on: 'ping', bodyRegex: /^\s*\{\s*"status"\s*:\s*"Healthy"/ },
    ],
  },
  authRequired: {
    why: 'TorchServe token authorization is on (400 InvalidKeyException "Token Authorization failed")',
    // Not a 401: TorchServe answers a missing token with 400.
    any: [
      { on: 'models', bodyContains: '"InvalidKeyException"' },
      { on: 'ping', bodyContains: '"InvalidKeyException"' },
    ],
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
  verifiedAgainst: ['TorchServe 0.12.0'],
};
