import { canaryAnsweredBy, canaryNotServed, notFoundCanary, openAiModels, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The whole body of GET /v1/cluster/auth. */
const clusterAuth = /^\s*\{\s*"auth"\s*:\s*(?:true|false)\s*\}\s*$/;

export const xinference: Fingerprint = {
  id: 'xinference',
  name: 'Xorbits Inference (Xinference)',
  category: 'model-server',
  defaultPorts: [9997],
  specificity: 100,
  requests: [{ id: 'clusterAuth', method: 'GET', path: '/v1/cluster/auth' }, openAiModels, notFoundCanary, rootPage],
  // Xinference is a FastAPI app (FastAPI's JSON 404 on the canary) whose `/` redirects to its UI at /ui/
  // (restful_api.py); with auth on and no UI built, /v1/models is FastAPI's OAuth2 refusal instead.
  sweepHints: [
    [canaryAnsweredBy.starlette, { on: rootPage.id, status: [307] }, { on: rootPage.id, header: 'location', regex: /^(?:https?:\/\/[^/]+)?\/ui\/$/ }],
    [canaryAnsweredBy.starlette, { on: openAiModels.id, status: [401, 403] }, { on: openAiModels.id, bodyRegex: /^\s*\{\s*"detail"\s*:\s*"Not authenticated"\s*\}\s*$/ }],
  ],
  identify: {
    why: 'Xinference: GET /v1/cluster/auth answers {"auth": true|false}',
    // The route is Xinference's own (xinference/api/routers/admin.py) and its body is exactly that object;
    // the canary rules out a catch-all.
    all: [canaryNotServed, { on: 'clusterAuth', status: [200] }, { on: 'clusterAuth', bodyRegex: clusterAuth }],
  },
  open: {
    why: 'authentication is off (/v1/cluster/auth is false): model launch and inference are open to anyone',
    all: [{ on: 'clusterAuth', bodyRegex: /^\s*\{\s*"auth"\s*:\s*false\s*\}\s*$/ }],
  },
  authRequired: {
    why: 'Xinference authentication is on (/v1/cluster/auth is true)',
    all: [{ on: 'clusterAuth', bodyRegex: /^\s*\{\s*"auth"\s*:\s*true\s*\}\s*$/ }],
  },
  extract: { models: { on: 'models', regex: /"id"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Start Xinference with --auth-config (OAuth2 users and API keys), and remove the internet rule for port 9997.',
  references: ['https://inference.readthedocs.io/en/latest/user_guide/auth_system.html'],
  derivedFrom: ['Xinference commit 002f336'],
};
