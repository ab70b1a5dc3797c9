import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const opensearch: Fingerprint = {
  id: 'opensearch',
  name: 'OpenSearch',
  category: 'vector-db',
  defaultPorts: [9200],
  specificity: 100,
  requests: [rootPage],
  // Identify reads only GET /, which every port is asked first: the hints are identify's own matchers.
  sweepHints: [
    { on: 'root', bodyRegex: /"distribution"\s*:\s*"opensearch"/ },
    { on: 'root', header: 'www-authenticate', contains: 'realm="OpenSearch Security"' },
  ],
  identify: {
    why: 'OpenSearch: GET / answers "distribution": "opensearch", or the security plugin\'s realm "OpenSearch Security"',
    any: [
      { on: 'root', bodyRegex: /"distribution"\s*:\s*"opensearch"/ },
      { on: 'root', header: 'www-authenticate', contains: 'realm="OpenSearch Security"' },
    ],
  },
  open: {
    why: 'the cluster answers without credentials: every index (RAG documents, k-NN vectors) is readable and writable',
    all: [{ on: 'root', status: [200] }, { on: 'root', bodyRegex: /"distribution"\s*:\s*"opensearch"/ }],
  },
  // Recorded (2.19.4, demo configuration): the plugin answers 401 on routed paths only; unrouted ones still get the core's 400 "no handler found".
  authRequired: {
    why: 'the OpenSearch security plugin is on (401, Basic realm="OpenSearch Security")',
    all: [{ on: 'root', status: [401] }],
  },
  extract: { version: { on: 'root', regex: /"number"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Keep the security plugin enabled (never DISABLE_SECURITY_PLUGIN=true), change the admin password, and remove the internet rule for port 9200.',
  references: ['https://opensearch.org/docs/latest/security/', 'https://opensearch.org/docs/latest/install-and-configure/install-opensearch/docker/'],
  cpe: 'cpe:2.3:a:amazon:opensearch',
  verifiedAgainst: ['OpenSearch 2.19.4'],
};
