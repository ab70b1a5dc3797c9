import { notFoundCanary, openAiModels } from './common.js';
import type { Fingerprint } from './types.js';

export const koboldcpp: Fingerprint = {
  id: 'koboldcpp',
  name: 'KoboldCpp',
  category: 'model-server',
  defaultPorts: [5001],
  specificity: 100,
  requests: [{ id: 'extraVersion', method: 'GET', path: '/api/extra/version' }, openAiModels, notFoundCanary],
  identify: {
    why: 'KoboldCpp: GET /api/extra/version answers {"result": "KoboldCpp", "version": …}',
    // The product name as the "result" value of its own version route.
    all: [{ on: 'extraVersion', bodyRegex: /"result"\s*:\s*"KoboldCpp"/ }],
  },
  open: {
    why: 'KoboldCpp reports "protected": false (no --password): text generation is open to anyone',
    // --password guards generation, not the GET routes: /v1/models answers either way, so the capabilities flag decides.
    all: [
      { on: 'extraVersion', bodyRegex: /"protected"\s*:\s*false/ },
      { on: 'models', status: [200] },
    ],
  },
  authRequired: {
    why: 'KoboldCpp --password is set ("protected": true; generation needs the key)',
    any: [
      { on: 'extraVersion', bodyRegex: /"protected"\s*:\s*true/ },
      { on: 'models', status: [401, 403] },
    ],
  },
  // KoboldCpp's own http.server handler answers every unknown path with its "HTTP Server is running" 404 text (every version); its model list names koboldcpp as owner.
  sweepHints: [
    { on: 'canary', bodyContains: 'HTTP Server is running, but this endpoint does not exist' },
    { on: 'models', bodyRegex: /"owned_by"\s*:\s*"koboldcpp"/ },
  ],
  extract: { version: { on: 'extraVersion', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Start KoboldCpp with --password and without --remotetunnel, and remove the internet rule for port 5001.',
  references: ['https://github.com/LostRuins/koboldcpp/wiki'],
  derivedFrom: ['KoboldCpp 1.102'],
};
