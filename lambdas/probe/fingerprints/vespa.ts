import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const vespa: Fingerprint = {
  id: 'vespa',
  name: 'Vespa',
  category: 'vector-db',
  defaultPorts: [8080, 19071],
  specificity: 100,
  requests: [{ id: 'appStatus', method: 'GET', path: '/ApplicationStatus' }, notFoundCanary],
  // Vespa's jdisc container answers a path no handler is bound to with its own "No binding for URI" error page.
  sweepHints: [{ on: notFoundCanary.id, bodyContains: 'No binding for URI' }],
  identify: {
    why: 'Vespa: GET /ApplicationStatus reports the application\'s "vespa" version block',
    all: [{ on: 'appStatus', bodyRegex: /"application"\s*:\s*\{\s*"vespa"\s*:\s*\{/ }],
  },
  open: {
    why: 'the container answers without credentials: query and document APIs are open',
    all: [{ on: 'appStatus', status: [200] }],
  },
  noAuthReason: 'Self-hosted Vespa has no authentication unless mTLS is configured, which refuses the TLS handshake before any HTTP answer.',
  extract: { version: { on: 'appStatus', regex: /"vespa"\s*:\s*\{\s*"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Configure mTLS for Vespa endpoints (or a gateway) and remove the internet rule for ports 8080 and 19071.',
  references: ['https://docs.vespa.ai/en/securing-your-vespa-installation.html', 'https://docs.vespa.ai/en/reference/application-status.html'],
  derivedFrom: ['Vespa commit d3b90a8'],
};
