import { notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

const apiKeyMissing = 'Must provide an API key or an Authorization bearer token';

export const qdrant: Fingerprint = {
  id: 'qdrant',
  name: 'Qdrant',
  category: 'vector-db',
  defaultPorts: [6333],
  specificity: 100,
  requests: [rootPage, { id: 'collections', method: 'GET', path: '/collections' }, notFoundCanary],
  // GET / (whitelisted from the API key) carries Qdrant's title; with a key set, every other path gets its refusal text.
  sweepHints: [
    { on: 'root', bodyRegex: /"title"\s*:\s*"qdrant - vector search engine"/ },
    { on: notFoundCanary.id, bodyContains: apiKeyMissing },
  ],
  identify: {
    why: 'Qdrant: GET / answers "qdrant - vector search engine", or its API-key refusal text',
    any: [
      { on: 'root', bodyRegex: /"title"\s*:\s*"qdrant - vector search engine"/ },
      { on: 'collections', bodyContains: apiKeyMissing },
    ],
  },
  open: {
    why: 'collections are listed without an API key: vectors and payloads are readable and writable',
    all: [{ on: 'collections', status: [200] }, { on: 'collections', bodyRegex: /"collections"\s*:\s*\[/ }],
  },
  authRequired: {
    why: 'Qdrant api_key is set (401 "Must provide an API key…"; 403 before 1.9)',
    all: [{ on: 'collections', status: [401, 403] }],
  },
  extract: { version: { on: 'root', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Set QDRANT__SERVICE__API_KEY (and a read-only key), enable TLS, and remove the internet rule for ports 6333-6334.',
  references: ['https://qdrant.tech/documentation/guides/security/', 'https://api.qdrant.tech/api-reference'],
  cpe: 'cpe:2.3:a:qdrant:qdrant',
  derivedFrom: ['Qdrant 1.9.2-dev'],
};
