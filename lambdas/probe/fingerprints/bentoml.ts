import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const bentoml: Fingerprint = {
  id: 'bentoml',
  name: 'BentoML service',
  category: 'model-server',
  defaultPorts: [3000],
  specificity: 100,
  requests: [{ id: 'docs', method: 'GET', path: '/docs.json' }, rootPage],
  // BentoML's API server serves its own index page on `/` (title "BentoML Prediction Service", or "BentoML Inference
  // Service" for the new UI; _bentoml_impl/server/app.py index_page), ahead of the service's own routes.
  sweepHints: [{ on: rootPage.id, bodyRegex: /<title>\s*BentoML [^<]*Service\s*<\/title>/ }],
  identify: {
    why: 'BentoML: its OpenAPI document (/docs.json) carries BentoML\'s own infra routes (/livez, /readyz)',
    // BentoML serves its spec at /docs.json (not /openapi.json) and documents its infra probes in it.
    all: [
      { on: 'docs', bodyRegex: /"openapi"\s*:\s*"3/ },
      { on: 'docs', bodyContains: '"/livez"' },
      { on: 'docs', bodyContains: '"/readyz"' },
    ],
  },
  open: {
    why: 'the service API is documented and callable without credentials (BentoML has no auth of its own)',
    all: [{ on: 'docs', status: [200] }],
  },
  // The default service description in the spec carries BentoML's version badge ("BentoML-1.4.40-informational").
  extract: { version: { on: 'docs', regex: /img\.shields\.io\/badge\/BentoML-(\d+\.\d+\.\d+[^-"\s)]*)-informational/ } },
  noAuthReason: 'BentoML services have no authentication of their own (left to a gateway or BentoCloud, which hides the service).',
  severityWhenOpen: 'high',
  remediation: 'Serve the Bento only behind an authenticating gateway and remove the internet rule for port 3000.',
  references: ['https://docs.bentoml.com/en/latest/build-with-bentoml/services.html', 'https://docs.bentoml.com/en/latest/reference/bentoml/configurations.html'],
  verifiedAgainst: ['BentoML 1.4.40'],
};
