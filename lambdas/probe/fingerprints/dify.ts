import type { Fingerprint } from './types.js';

export const dify: Fingerprint = {
  id: 'dify',
  name: 'Dify',
  category: 'agent-builder',
  defaultPorts: [80, 5001],
  specificity: 100,
  requests: [{ id: 'setup', method: 'GET', path: '/console/api/setup' }],
  identify: {
    why: 'Dify: GET /console/api/setup answers its setup step',
    all: [{ on: 'setup', bodyRegex: /^\s*\{\s*"step"\s*:\s*"(?:not_started|finished)"/ }],
  },
  open: {
    why: 'set-up has not started: the first visitor creates the admin account (apps, datasets, model keys)',
    all: [{ on: 'setup', bodyRegex: /"step"\s*:\s*"not_started"/ }],
  },
  authRequired: {
    why: 'set-up is finished: the console requires login',
    all: [{ on: 'setup', bodyRegex: /"step"\s*:\s*"finished"/ }],
  },
  severityWhenOpen: 'critical',
  remediation: 'Finish set-up (INIT_PASSWORD) before exposing Dify, disable open sign-up, and remove the internet rule for the port.',
  references: ['https://docs.dify.ai/getting-started/install-self-hosted/docker-compose', 'https://docs.dify.ai/getting-started/install-self-hosted/environments'],
  derivedFrom: ['Dify commit 02abf95'],
};
