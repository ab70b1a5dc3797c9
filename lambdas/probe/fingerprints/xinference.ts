import { canaryAnsweredBy, canaryNotServed, notFoundCanary, openAiModelIds, openAiModels, rootPage } from './common.js';
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
  // Xinference is a FastAPI app. Since 3.0 it serves its web UI, a Next.js static export titled "Xinference", at `/`
  // and that export's 404 page for unknown paths (api/frontend_static.py; both recorded from 4.1.0). Without a built
  // UI, unknown paths get FastAPI's JSON 404, and with auth on /v1/models is the auth service's 401: "Could not
  // validate credentials" since 3.0 (recorded from 4.1.0), FastAPI OAuth2PasswordBearer's "Not authenticated" before
  // (auth_service.py@f9629e3). Before 3.0 `/` redirected to the UI at /ui/ (restful_api.py@002f336).
  sweepHints: [
    { on: rootPage.id, bodyContains: '<title>Xinference</title>' },
    [canaryAnsweredBy.starlette, { on: rootPage.id, status: [307] }, { on: rootPage.id, header: 'location', regex: /^(?:https?:\/\/[^/]+)?\/ui\/$/ }],
    [
      canaryAnsweredBy.starlette,
      { on: openAiModels.id, status: [401, 403] },
      { on: openAiModels.id, bodyRegex: /^\s*\{\s*"detail"\s*:\s*"(?:Not authenticated|Could not validate credentials)"\s*\}\s*$/ },
    ],
  ],
  identify: {
    why: 'Xinference: GET /v1/cluster/auth answers {"auth": true|false}',
    // The route is Xinference's own (xinference/api/routers/admin.py), answered with or without auth, and its
    // body is exactly that object (4.1.0: {"auth":false} / {"auth":true}); the canary rules out a catch-all.
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
  extract: { models: { on: 'models', path: openAiModelIds } },
  severityWhenOpen: 'critical',
  remediation:
    'Keep Xinference\'s authentication on (the default since 3.0: do not set XINFERENCE_AUTH_ADVANCED=false; before 3.0, start it with --auth-config), and remove the internet rule for port 9997.',
  references: ['https://inference.readthedocs.io/en/latest/user_guide/auth_system.html'],
  verifiedAgainst: ['Xinference 4.1.0'],
};
