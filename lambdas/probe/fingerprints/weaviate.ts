import { notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const weaviate: Fingerprint = {
  id: 'weaviate',
  name: 'Weaviate',
  category: 'vector-db',
  defaultPorts: [8080],
  specificity: 100,
  requests: [{ id: 'meta', method: 'GET', path: '/v1/meta' }, rootPage, notFoundCanary],
  // Weaviate is go-swagger: paths outside its spec get go-openapi's JSON 404 before any auth check, and its
  // root handler (before routing and auth) answers the /v1 links.
  sweepHints: [
    { on: notFoundCanary.id, bodyRegex: /"code"\s*:\s*404\s*,\s*"message"\s*:\s*"path \/ai-exposure-monitor-canary-404 was not found"/ },
    { on: 'root', bodyContains: '"name":"api v1"' },
  ],
  identify: {
    why: 'Weaviate: GET /v1/meta reports hostname, modules and version, or its "anonymous access not enabled" refusal',
    any: [
      { on: 'meta', bodyRegex: /^\s*\{(?=[\s\S]*"hostname"\s*:)(?=[\s\S]*"modules"\s*:\s*\{)(?=[\s\S]*"version"\s*:)/ },
      { on: 'meta', bodyContains: 'anonymous access not enabled' },
    ],
  },
  open: {
    why: 'anonymous access is on: schema and objects are readable and writable without a key',
    all: [{ on: 'meta', status: [200] }],
  },
  authRequired: {
    why: 'Weaviate API-key/OIDC auth is on (401 "anonymous access not enabled")',
    all: [{ on: 'meta', status: [401] }],
  },
  // Meta's fields are written in alphabetical order, so the server's version is the last key; module blocks before it carry their own "version".
  extract: { version: { on: 'meta', regex: /"version"\s*:\s*"([^"]+)"\s*\}\s*$/ } },
  severityWhenOpen: 'high',
  remediation: 'Set AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false with API keys or OIDC, and remove the internet rule for port 8080.',
  references: ['https://weaviate.io/developers/weaviate/configuration/authentication', 'https://weaviate.io/developers/weaviate/api/rest'],
  verifiedAgainst: ['Weaviate 1.35.2'],
};
