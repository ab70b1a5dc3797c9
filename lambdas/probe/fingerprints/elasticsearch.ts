import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const elasticsearch: Fingerprint = {
  id: 'elasticsearch',
  name: 'Elasticsearch',
  category: 'vector-db',
  defaultPorts: [9200],
  specificity: 100,
  requests: [rootPage],
  // Identify reads only GET /, which every port is asked first: the hints are identify's own matchers.
  sweepHints: [
    { on: 'root', bodyContains: '"You Know, for Search"' },
    { on: 'root', header: 'www-authenticate', contains: 'realm="security"' },
  ],
  identify: {
    why: 'Elasticsearch: GET / answers the cluster banner "You Know, for Search", or its security realm',
    // The tagline is Elasticsearch's; OpenSearch has its own tagline and realm, so they never collide. With security
    // on, the 401 carries two WWW-Authenticate headers (Basic realm="security", charset="UTF-8" and ApiKey, in no fixed
    // order, seen both ways on 8.19.21), so the realm is matched as a substring of the joined value.
    any: [
      { on: 'root', bodyContains: '"You Know, for Search"' },
      { on: 'root', header: 'www-authenticate', contains: 'realm="security"' },
    ],
  },
  open: {
    why: 'the cluster answers without credentials: every index (RAG documents, embeddings) is readable and writable',
    all: [{ on: 'root', status: [200] }, { on: 'root', bodyContains: '"You Know, for Search"' }],
  },
  authRequired: {
    // GET / is 401 either way: 8.19.21 authenticates at the HTTP layer before routing (every path is 401), 8.7.1 after
    // routing (GET / is routed; a path with no handler for GET still answers 400/405 unauthenticated).
    why: 'Elasticsearch security is on (401 security_exception, Basic realm="security")',
    all: [{ on: 'root', status: [401] }],
  },
  extract: { version: { on: 'root', regex: /"number"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Keep xpack.security.enabled=true with passwords/API keys and TLS, and remove the internet rule for port 9200.',
  references: ['https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html', 'https://www.elastic.co/guide/en/elasticsearch/reference/current/rest-api-root.html'],
  cpe: 'cpe:2.3:a:elastic:elasticsearch',
  verifiedAgainst: ['Elasticsearch 8.7.1', 'Elasticsearch 8.19.21'],
};
