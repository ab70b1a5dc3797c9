import { canaryAnsweredBy, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const milvus: Fingerprint = {
  id: 'milvus',
  name: 'Milvus (RESTful API)',
  category: 'vector-db',
  defaultPorts: [19530],
  specificity: 100,
  requests: [{ id: 'collections', method: 'GET', path: '/v1/vector/collections' }, notFoundCanary],
  // The RESTful API (on the gRPC port itself in 2.3.5) is gin: unknown paths answer Go's "404 page not found", or, with
  // authorization on, the same 401 {"code":1800,…} as every other path (the check is a middleware, seen in 2.3.5).
  sweepHints: [canaryAnsweredBy.goNetHttp, { on: notFoundCanary.id, bodyRegex: /^\s*\{\s*"code"\s*:\s*1800\b/ }],
  identify: {
    why: 'Milvus: GET /v1/vector/collections answers Milvus\'s {"code": …} envelope',
    // Milvus RESTful v1 wraps every answer in {"code": <int>, "data"|"message": …}; code 1800 is its auth error.
    any: [
      { on: 'collections', bodyRegex: /^\s*\{\s*"code"\s*:\s*200\s*,\s*"data"\s*:\s*\[/ },
      { on: 'collections', bodyRegex: /^\s*\{\s*"code"\s*:\s*1800\b/ },
    ],
  },
  open: {
    why: 'collections are listed without credentials: vectors are readable and writable',
    all: [{ on: 'collections', bodyRegex: /^\s*\{\s*"code"\s*:\s*200\s*,\s*"data"\s*:\s*\[/ }],
  },
  authRequired: {
    why: 'Milvus authorization is on (HTTP 401, code 1800 "user hasn\'t authenticated")',
    all: [{ on: 'collections', bodyRegex: /^\s*\{\s*"code"\s*:\s*1800\b/ }],
  },
  severityWhenOpen: 'high',
  remediation: 'Set common.security.authorizationEnabled=true, change the root password, and remove the internet rule for ports 19530 and 9091.',
  references: ['https://milvus.io/docs/authenticate.md', 'https://milvus.io/api-reference/restful/v1/Collection%20(v1)/List.md'],
  verifiedAgainst: ['Milvus 2.3.5'],
};
