import { notFoundCanary, prefixThenLater } from './common.js';
import type { Fingerprint } from './types.js';

export const torchserve: Fingerprint = {
  id: 'torchserve',
  name: 'TorchServe (inference and management APIs)',
  category: 'model-server',
  defaultPorts: [8080, 8081],
  specificity: 100,
  // /models is the management API's list (8081); /ping is the inference API's health check (8080);
  // /api-description (both APIs) is TorchServe's OpenAPI document, served even with token auth on.
  requests: [
    { id: 'models', method: 'GET', path: '/models' },
    { id: 'ping', method: 'GET', path: '/ping' },
    { id: 'apiDescription', method: 'GET', path: '/api-description' },
    notFoundCanary,
  ],
  // TorchServe's Netty front end answers an unknown path with its JSON error (ResourceNotFoundException), and every
  // path with InvalidKeyException when token authorization is on.
  sweepHints: [
    { on: notFoundCanary.id, bodyContains: '"ResourceNotFoundException"' },
    { on: notFoundCanary.id, bodyContains: '"InvalidKeyException"' },
  ],
  identify: {
    why: 'TorchServe: its own error types (ResourceNotFoundException, InvalidKeyException), its OpenAPI title "TorchServe APIs" or a management model list',
    // TorchServe's JSON errors carry the Java exception name; "modelName" entries are its list format.
    // With token auth on (0.12.0) every path, the canary included, answers 400 InvalidKeyException.
    any: [
      { on: 'canary', bodyContains: '"ResourceNotFoundException"' },
      { on: 'canary', bodyContains: '"InvalidKeyException"' },
      { on: 'models', bodyContains: '"InvalidKeyException"' },
      { on: 'models', bodyRegex: prefixThenLater(/"models"\s*:\s*\[/, /"modelName"/) },
      { on: 'apiDescription', bodyRegex: /^\s*\{\s*"openapi"\s*:\s*"3[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"TorchServe APIs"/ },
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
  extract: { version: { on: 'apiDescription', regex: /"title"\s*:\s*"TorchServe APIs"[\s\S]{0,1024}?"version"\s*:\s*"([^"]+)"/ } },
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
