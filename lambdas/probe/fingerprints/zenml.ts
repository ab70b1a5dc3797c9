import { notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const zenml: Fingerprint = {
  id: 'zenml',
  name: 'ZenML server',
  category: 'ml-platform',
  defaultPorts: [8080, 8237],
  specificity: 100,
  requests: [{ id: 'serverInfo', method: 'GET', path: '/api/v1/info' }, rootPage, notFoundCanary],
  identify: {
    why: 'ZenML: GET /api/v1/info reports deployment_type and auth_scheme',
    // Both keys together are ZenML's ServerModel.
    all: [{ on: 'serverInfo', bodyRegex: /^\s*\{(?=[\s\S]*"deployment_type"\s*:)(?=[\s\S]*"auth_scheme"\s*:)/ }],
  },
  open: {
    why: 'no login: auth_scheme NO_AUTH (stacks, secrets and pipeline runs open to anyone), or the server is not activated yet (active false), so the first visitor creates the admin account',
    any: [
      { on: 'serverInfo', bodyRegex: /"auth_scheme"\s*:\s*"NO_AUTH"/ },
      // PUT /api/v1/activate needs no credentials until the server is active (routers/server_endpoints.py).
      { on: 'serverInfo', bodyRegex: /"active"\s*:\s*false/ },
    ],
  },
  authRequired: {
    why: 'the server requires login (auth_scheme is not NO_AUTH) and is activated',
    all: [{ on: 'serverInfo', bodyRegex: /"auth_scheme"\s*:\s*"(?:OAUTH2_PASSWORD_BEARER|HTTP_BASIC|EXTERNAL)"/ }],
  },
  // The server's dashboard shell ("ZenML Dashboard") answers / and, in recent releases, every unknown path; its
  // secure-headers middleware sets Server to the deployment's UUID on every answer (default since the option exists).
  sweepHints: [
    { on: rootPage.id, bodyRegex: /<title>[^<]*ZenML/i },
    { on: notFoundCanary.id, bodyRegex: /<title>[^<]*ZenML/i },
    { on: notFoundCanary.id, header: 'server', regex: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i },
  ],
  extract: { version: { on: 'serverInfo', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Run the ZenML server with ZENML_SERVER_AUTH_SCHEME=OAUTH2_PASSWORD_BEARER (the default), activate it (create the admin) before exposing it, and remove the internet rule for the port.',
  references: ['https://docs.zenml.io/deploying-zenml/deploying-zenml/deploy-with-docker'],
  verifiedAgainst: ['ZenML 0.98.0'],
};
