import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const h2o: Fingerprint = {
  id: 'h2o',
  name: 'H2O-3',
  category: 'ml-platform',
  defaultPorts: [54321],
  specificity: 100,
  requests: [{ id: 'cloud', method: 'GET', path: '/3/Cloud' }, notFoundCanary],
  identify: {
    why: 'H2O-3: GET /3/Cloud answers a CloudV3 schema, or H2O\'s own basic-auth realm',
    // "CloudV3" is H2O's REST schema name.
    any: [
      { on: 'cloud', bodyContains: '"CloudV3"' },
      { on: 'cloud', header: 'www-authenticate', contains: 'realm="h2o' },
    ],
  },
  open: {
    why: 'the cluster answers without credentials: anyone can import data and run Rapids expressions on the nodes',
    all: [{ on: 'cloud', status: [200] }, { on: 'cloud', bodyContains: '"CloudV3"' }],
  },
  authRequired: {
    why: 'H2O login is on (-hash_login/-ldap_login: 401)',
    all: [{ on: 'cloud', status: [401] }],
  },
  // H2O's RequestServer answers every path with its X-h2o-* headers and an H2OError body; with -hash_login Jetty
  // refuses every path first with H2O's realm.
  sweepHints: [
    { on: notFoundCanary.id, header: 'x-h2o-cluster-id' },
    { on: notFoundCanary.id, bodyContains: '"H2OError"' },
    { on: notFoundCanary.id, header: 'www-authenticate', contains: 'realm="h2o"' },
  ],
  extract: { version: { on: 'cloud', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Start H2O with -hash_login/-ldap_login and -ip 127.0.0.1 behind a proxy, and remove the internet rule for port 54321.',
  references: ['https://docs.h2o.ai/h2o/latest-stable/h2o-docs/security.html', 'https://docs.h2o.ai/h2o/latest-stable/h2o-docs/rest-api-reference.html'],
  cpe: 'cpe:2.3:a:h2o:h2o',
  verifiedAgainst: ['H2O-3 3.46.0.12'],
};
