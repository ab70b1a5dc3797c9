import type { Fingerprint } from './types.js';

export const zenml: Fingerprint = {
  id: 'zenml',
  name: 'ZenML server',
  category: 'ml-platform',
  defaultPorts: [8080, 8237],
  specificity: 100,
  requests: [{ id: 'serverInfo', method: 'GET', path: '/api/v1/info' }],
  identify: {
    why: 'ZenML: GET /api/v1/info reports deployment_type and auth_scheme',
    // Both keys together are ZenML's ServerModel.
    all: [{ on: 'serverInfo', bodyRegex: /^\s*\{(?=[\s\S]*"deployment_type"\s*:)(?=[\s\S]*"auth_scheme"\s*:)/ }],
  },
  open: {
    why: 'the server runs with auth_scheme NO_AUTH: stacks, secrets and pipeline runs are open to anyone',
    all: [{ on: 'serverInfo', bodyRegex: /"auth_scheme"\s*:\s*"NO_AUTH"/ }],
  },
  authRequired: {
    why: 'the server requires login (auth_scheme is not NO_AUTH)',
    all: [{ on: 'serverInfo', bodyRegex: /"auth_scheme"\s*:\s*"(?:OAUTH2_PASSWORD_BEARER|HTTP_BASIC|EXTERNAL)"/ }],
  },
  extract: { version: { on: 'serverInfo', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Run the ZenML server with ZENML_SERVER_AUTH_SCHEME=OAUTH2_PASSWORD_BEARER (the default) and remove the internet rule for the port.',
  references: ['https://docs.zenml.io/deploying-zenml/deploying-zenml/deploy-with-docker'],
};
