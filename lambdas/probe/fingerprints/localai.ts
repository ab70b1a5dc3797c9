import { notFoundCanary, openAiModelIds, openAiModels, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const localai: Fingerprint = {
  id: 'localai',
  name: 'LocalAI',
  category: 'model-server',
  defaultPorts: [8080],
  specificity: 100,
  requests: [rootPage, openAiModels, { id: 'localaiVersion', method: 'GET', path: '/version' }, notFoundCanary],
  identify: {
    why: 'LocalAI: GET /version is "<version> (<commit>)", the web UI title names LocalAI, or its API-key error "An authentication key is required"',
    // /version is internal.PrintableVersion(): version, a space and the commit in parentheses. Current builds redirect / to /app, so
    // the UI title only shows on older releases; the 401 text is LocalAI's auth middleware message.
    any: [
      { on: 'localaiVersion', bodyRegex: /^\s*\{\s*"version"\s*:\s*"v?\d+\.\d+\.\d+[^"\s]* \([0-9a-f]*\)"\s*\}\s*$/ },
      { on: 'root', bodyRegex: /<title>(?=[^<]*<\/title>)[^<]*LocalAI/i },
      { on: 'models', bodyContains: 'An authentication key is required' },
    ],
  },
  open: {
    why: 'GET /v1/models lists models without an API key (inference, model gallery installs are open)',
    all: [{ on: 'models', status: [200] }, { on: 'models', bodyRegex: /"object"\s*:\s*"list"/ }],
  },
  authRequired: {
    why: 'LocalAI API keys are set (401 "An authentication key is required")',
    all: [{ on: 'models', status: [401] }],
  },
  // LocalAI's own answers: its key middleware's 401 text, the old UI's title on /, and the JSON 404 of its not-found handler (current builds).
  sweepHints: [
    { on: 'models', bodyContains: 'An authentication key is required' },
    { on: 'root', bodyRegex: /<title>(?=[^<]*<\/title>)[^<]*LocalAI/i },
    [
      { on: 'canary', status: [404] },
      { on: 'canary', bodyRegex: /^\s*\{\s*"error"\s*:\s*\{[^{}]*"message"\s*:\s*"Resource not found"/ },
    ],
  ],
  extract: {
    version: { on: 'localaiVersion', regex: /"version"\s*:\s*"v?([^"\s]+)/ },
    models: { on: 'models', path: openAiModelIds },
  },
  severityWhenOpen: 'high',
  remediation: 'Set LOCALAI_API_KEY (or API_KEY) and keep the gallery disabled, and remove the internet rule for port 8080.',
  references: ['https://localai.io/basics/getting_started/', 'https://localai.io/advanced/#api-keys'],
  derivedFrom: ['LocalAI commit 020fddf'],
};
