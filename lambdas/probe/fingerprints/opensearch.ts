import { rootPage } from './common.js';
import type { Fingerprint, Matcher } from './types.js';

/**
 * Amazon OpenSearch Service's domain access policy refusing an unsigned request, at the domain's edge before
 * OpenSearch sees it: a domain that is there and answers, but only to signed (or allowed) callers.
 */
const awsAccessPolicyRefusal: Matcher = { on: 'root', bodyRegex: /"Message"\s*:\s*"User: anonymous is not authorized to perform: es:ESHttp/ };

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
    awsAccessPolicyRefusal,
  ],
  identify: {
    why: 'OpenSearch: GET / answers "distribution": "opensearch", the security plugin\'s realm "OpenSearch Security", or Amazon OpenSearch Service\'s access-policy refusal',
    any: [
      { on: 'root', bodyRegex: /"distribution"\s*:\s*"opensearch"/ },
      { on: 'root', header: 'www-authenticate', contains: 'realm="OpenSearch Security"' },
      awsAccessPolicyRefusal,
    ],
  },
  open: {
    why: 'the cluster answers without credentials: every index (RAG documents, k-NN vectors) is readable and writable',
    all: [{ on: 'root', status: [200] }, { on: 'root', bodyRegex: /"distribution"\s*:\s*"opensearch"/ }],
  },
  // Recorded (2.19.4, demo configuration): the plugin answers 401 on routed paths only; unrouted ones still get the core's 400 "no handler found".
  // Amazon OpenSearch Service: the access policy answers 403 before the engine (OpenSearch, or a legacy Elasticsearch
  // domain, which the same refusal names as this family); fine-grained access control is the plugin's own 401.
  authRequired: {
    why: 'the OpenSearch security plugin is on (401, Basic realm="OpenSearch Security"), or Amazon OpenSearch Service\'s access policy refused an unsigned request (403 "User: anonymous is not authorized")',
    // Checked only once identified: a 403 on / then is the access policy's refusal (nothing else identifies at 403).
    any: [{ on: 'root', status: [401, 403] }],
  },
  extract: { version: { on: 'root', regex: /"number"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Keep the security plugin enabled (never DISABLE_SECURITY_PLUGIN=true), change the admin password, and remove the internet rule for port 9200; on Amazon OpenSearch Service, let the access policy name IAM principals only or turn on fine-grained access control.',
  references: [
    'https://opensearch.org/docs/latest/security/',
    'https://opensearch.org/docs/latest/install-and-configure/install-opensearch/docker/',
    'https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html',
  ],
  cpe: 'cpe:2.3:a:amazon:opensearch',
  verifiedAgainst: ['OpenSearch 2.19.4'],
  derivedFrom: ['Amazon OpenSearch Service access-policy refusal, 2025'],
};
