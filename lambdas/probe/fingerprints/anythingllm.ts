import { canaryAnsweredBy, notFoundCanary, prefixThenLater } from './common.js';
import type { Fingerprint } from './types.js';

export const anythingllm: Fingerprint = {
  id: 'anythingllm',
  name: 'AnythingLLM',
  category: 'ui',
  defaultPorts: [3001],
  specificity: 100,
  requests: [{ id: 'setup', method: 'GET', path: '/api/setup-complete' }, notFoundCanary],
  // AnythingLLM's Express server answers every path outside /api with its React shell (whose title an admin can
  // change), password or multi-user mode on or not: the shell itself is the hint.
  sweepHints: [canaryAnsweredBy.appShell],
  identify: {
    why: 'AnythingLLM: GET /api/setup-complete answers its system settings (RequiresAuth, MultiUserMode)',
    all: [{ on: 'setup', bodyRegex: prefixThenLater(/"results"\s*:\s*\{/, /"RequiresAuth"\s*:/, /"MultiUserMode"\s*:/) }],
  },
  open: {
    why: 'no password and no multi-user mode: workspaces, documents and model keys are open to anyone',
    all: [{ on: 'setup', bodyRegex: /"RequiresAuth"\s*:\s*false/ }, { on: 'setup', bodyRegex: /"MultiUserMode"\s*:\s*false/ }],
  },
  authRequired: {
    why: 'a password (AUTH_TOKEN) or multi-user login is required',
    any: [{ on: 'setup', bodyRegex: /"RequiresAuth"\s*:\s*true/ }, { on: 'setup', bodyRegex: /"MultiUserMode"\s*:\s*true/ }],
  },
  severityWhenOpen: 'high',
  remediation: 'Set a password or enable multi-user mode in AnythingLLM, and remove the internet rule for port 3001.',
  references: ['https://docs.anythingllm.com/installation-docker/local-docker', 'https://docs.anythingllm.com/features/security-and-access'],
  derivedFrom: ['AnythingLLM commit 00c93a4'],
};
