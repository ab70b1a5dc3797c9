import { canaryNotServed, notFoundCanary, openAiModels } from './common.js';
import type { Fingerprint } from './types.js';

export const xinference: Fingerprint = {
  id: 'xinference',
  name: 'Xorbits Inference (Xinference)',
  category: 'model-server',
  defaultPorts: [9997],
  specificity: 100,
  requests: [{ id: 'clusterAuth', method: 'GET', path: '/v1/cluster/auth' }, openAiModels, notFoundCanary],
  identify: {
    why: 'Xinference: GET /v1/cluster/auth answers a bare true/false',
    // The route is Xinference's own and its body is a bare JSON boolean; the canary rules out a catch-all.
    all: [canaryNotServed, { on: 'clusterAuth', status: [200] }, { on: 'clusterAuth', bodyRegex: /^\s*(?:true|false)\s*$/ }],
  },
  open: {
    why: 'authentication is off (/v1/cluster/auth is false): model launch and inference are open to anyone',
    all: [{ on: 'clusterAuth', bodyRegex: /^\s*false\s*$/ }],
  },
  authRequired: {
    why: 'Xinference authentication is on (/v1/cluster/auth is true)',
    all: [{ on: 'clusterAuth', bodyRegex: /^\s*true\s*$/ }],
  },
  extract: { models: { on: 'models', regex: /"id"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Start Xinference with --auth-config (OAuth2 users and API keys), and remove the internet rule for port 9997.',
  references: ['https://inference.readthedocs.io/en/latest/user_guide/auth_system.html'],
};
