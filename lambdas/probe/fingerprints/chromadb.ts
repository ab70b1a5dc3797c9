import { canaryAnsweredBy, notFoundCanary, openApiDocumentListsNone } from './common.js';
import type { Fingerprint } from './types.js';

/** Chroma's heartbeat: exactly `{"nanosecond heartbeat": <integer>}`. */
const heartbeat = /^\s*\{\s*"nanosecond heartbeat"\s*:\s*\d+\s*\}\s*$/;
/** A collection list is a JSON array; every Chroma error body is an object. */
const jsonArray = /^\s*\[/;

export const chromadb: Fingerprint = {
  id: 'chromadb',
  name: 'ChromaDB',
  category: 'vector-db',
  defaultPorts: [8000],
  specificity: 100,
  requests: [
    { id: 'heartbeat', method: 'GET', path: '/api/v2/heartbeat' },
    { id: 'collections', method: 'GET', path: '/api/v2/tenants/default_tenant/databases/default_database/collections' },
    { id: 'version', method: 'GET', path: '/api/v2/version' },
    { id: 'heartbeatV1', method: 'GET', path: '/api/v1/heartbeat' },
    { id: 'collectionsV1', method: 'GET', path: '/api/v1/collections' },
    notFoundCanary,
  ],
  // 1.x (Rust/axum) tags every 4xx with chroma-trace-id (0.5.5+ Python too); 0.x is FastAPI, whose 404 is Starlette's,
  // except 0.4's auth middleware, which refuses every path but the heartbeat with 401 {"error":"Unauthorized"}.
  sweepHints: [
    { on: notFoundCanary.id, header: 'chroma-trace-id' },
    canaryAnsweredBy.starlette,
    [{ on: notFoundCanary.id, status: [401] }, { on: notFoundCanary.id, bodyRegex: /^\{"error":\s*"Unauthorized"\}$/ }],
  ],
  // Chroma 0.4–0.6 (chromadb/server/fastapi/__init__.py) puts every route on a router included into the app, in the
  // schema (only the trailing-slash twins are left out); 1.x's utoipa document lists /api/v2/heartbeat (recorded).
  sweepRuledOutBy: [openApiDocumentListsNone('/api/v1/heartbeat', '/api/v2/heartbeat')],
  identify: {
    why: 'Chroma heartbeat {"nanosecond heartbeat": …} on /api/v2 or /api/v1',
    // The key with a space in it is Chroma's own; the heartbeat stays open even with auth on.
    any: [
      { on: 'heartbeat', bodyRegex: heartbeat },
      { on: 'heartbeatV1', bodyRegex: heartbeat },
    ],
  },
  open: {
    why: 'the default database lists its collections without credentials (embeddings and documents readable and writable)',
    any: [
      { on: 'collections', bodyRegex: jsonArray },
      { on: 'collectionsV1', bodyRegex: jsonArray },
    ],
  },
  authRequired: {
    why: 'collections are refused (Chroma 0.x token/basic auth: 401/403) while the heartbeat answers',
    any: [
      { on: 'collections', status: [401, 403] },
      { on: 'collectionsV1', status: [401, 403] },
    ],
  },
  extract: { version: { on: 'version', regex: /^\s*"([^"]+)"\s*$/ } },
  severityWhenOpen: 'high',
  remediation:
    'Chroma 1.x has no built-in auth: keep it on a private network or behind an authenticating proxy, and remove the internet rule for port 8000.',
  references: [
    'https://docs.trychroma.com/reference/chroma-reference',
    'https://cookbook.chromadb.dev/security/auth/',
    'https://github.com/chroma-core/chroma/issues/4965',
  ],
  verifiedAgainst: ['ChromaDB 1.5.9'],
};
