import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const typesense: Fingerprint = {
  id: 'typesense',
  name: 'Typesense',
  category: 'vector-db',
  defaultPorts: [8108],
  specificity: 100,
  requests: [{ id: 'collections', method: 'GET', path: '/collections' }, notFoundCanary],
  // Typesense's HTTP server answers a path with no route, before the API-key check, with its own 404 text.
  sweepHints: [{ on: notFoundCanary.id, bodyContains: '{ "message": "Not Found"}' }],
  identify: {
    why: 'Typesense: its refusal names the x-typesense-api-key header',
    any: [{ on: 'collections', bodyContains: 'x-typesense-api-key' }],
  },
  open: {
    why: 'collections are listed without a key (a key with full access is embedded somewhere public)',
    all: [{ on: 'collections', status: [200] }, { on: 'collections', bodyRegex: /^\s*\[/ }],
  },
  authRequired: {
    why: 'Typesense requires an API key (401 "a valid x-typesense-api-key header must be sent")',
    all: [{ on: 'collections', status: [401, 403] }],
  },
  noOpenReason:
    'Typesense refuses to start without an API key (Config::is_valid in include/config.h: "API key is not specified."), so every data route needs a key; the exposure is the API itself.',
  severityWhenOpen: 'high',
  remediation: 'Keep Typesense on a private network, use scoped search-only keys for clients, and remove the internet rule for port 8108.',
  references: ['https://typesense.org/docs/latest/api/authentication.html', 'https://typesense.org/docs/guide/install-typesense.html'],
  derivedFrom: ['Typesense commit 107e6ea'],
};
