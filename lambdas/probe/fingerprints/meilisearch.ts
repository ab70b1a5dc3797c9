import { canaryAnsweredBy, notFoundCanary, plainVersion, rootPage, prefixThenLater } from './common.js';
import type { Fingerprint } from './types.js';

export const meilisearch: Fingerprint = {
  id: 'meilisearch',
  name: 'Meilisearch',
  category: 'vector-db',
  defaultPorts: [7700],
  specificity: 100,
  requests: [plainVersion, rootPage, notFoundCanary],
  // Meilisearch is actix-web with no default service: unknown paths get actix's empty 404 in every mode;
  // GET / says "Meilisearch is running" when the mini-dashboard is off.
  sweepHints: [{ on: 'root', bodyContains: 'Meilisearch is running' }, canaryAnsweredBy.emptyNotFound],
  identify: {
    why: 'Meilisearch: GET /version reports commitSha and pkgVersion, or its missing_authorization_header error',
    any: [
      { on: 'version', bodyRegex: /^\s*\{(?=[\s\S]*"commitSha"\s*:)(?=[\s\S]*"pkgVersion"\s*:)/ },
      { on: 'version', bodyRegex: prefixThenLater(/"code"\s*:\s*"missing_authorization_header"/, /"type"\s*:\s*"auth"/) },
    ],
  },
  open: {
    why: 'no master key: every index and document is readable and writable without credentials',
    all: [{ on: 'version', status: [200] }, { on: 'version', bodyContains: '"pkgVersion"' }],
  },
  authRequired: {
    why: 'a master key is set (401 missing_authorization_header)',
    all: [{ on: 'version', status: [401] }],
  },
  extract: { version: { on: 'version', regex: /"pkgVersion"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Start Meilisearch with MEILI_MASTER_KEY and MEILI_ENV=production, and remove the internet rule for port 7700.',
  references: ['https://www.meilisearch.com/docs/learn/security/basic_security', 'https://www.meilisearch.com/docs/reference/api/version'],
  cpe: 'cpe:2.3:a:meilisearch:meilisearch',
  derivedFrom: ['Meilisearch commit a097b25'],
};
