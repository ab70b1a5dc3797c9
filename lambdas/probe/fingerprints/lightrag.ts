import { canaryAnsweredBy, notFoundCanary, openApiDocument, openApiTitled, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Its liveness check (api/lightrag_server.py), on the default WHITELIST_PATHS, so it answers without credentials in every
 * mode: "healthy", then its auth mode and versions, keys no other /health carries. Also sent by other families.
 */
const health = { id: 'health', method: 'GET', path: '/health' } as const;
const healthShape = /^\s*\{\s*"status"\s*:\s*"healthy"\s*,(?=[\s\S]*"auth_mode"\s*:\s*"(?:enabled|disabled)")(?=[\s\S]*"core_version"\s*:)(?=[\s\S]*"api_version"\s*:)/;
/** FastAPI's document, titled by the server; public even with a key set (ENABLE_API_DOCS=false takes it away). */
const lightragDocument = openApiTitled('LightRAG Server API');
/**
 * Its Ollama emulation (api/routers/ollama_api.py): the emulated model, as Ollama lists its own. The same request as the
 * Ollama family's, so it costs nothing there; Ollama itself is told apart by its banner on /, which LightRAG does not serve.
 */
const tags = { id: 'tags', method: 'GET', path: '/api/tags' } as const;

export const lightrag: Fingerprint = {
  id: 'lightrag',
  name: 'LightRAG server',
  category: 'agent-builder',
  defaultPorts: [9621],
  specificity: 100,
  requests: [health, openApiDocument, tags, rootPage, notFoundCanary],
  identify: {
    why: 'LightRAG: GET /health answers its auth mode and core and API versions (public in every mode), or GET /openapi.json is the "LightRAG Server API" document',
    any: [
      { on: health.id, bodyRegex: healthShape },
      { on: openApiDocument.id, bodyRegex: lightragDocument.document },
    ],
  },
  open: {
    why: "its Ollama-compatible API answers anyone (GET /api/tags lists the emulated model): POST /api/chat and /api/generate query the knowledge base and run the owner's LLM. The default WHITELIST_PATHS (/health,/api/*) leaves these routes open even with LIGHTRAG_API_KEY or AUTH_ACCOUNTS set; with neither set (the default) the whole REST API is open too, and anyone can list, read, insert and delete documents and read and edit the knowledge graph",
    all: [
      { on: tags.id, status: [200] },
      { on: tags.id, bodyRegex: /^\s*\{\s*"models"\s*:\s*\[/ },
    ],
  },
  authRequired: {
    why: 'LIGHTRAG_API_KEY or AUTH_ACCOUNTS is set and WHITELIST_PATHS no longer covers /api/*: its Ollama-compatible API refuses a client without credentials (403 "API Key required", 401 "No credentials provided")',
    any: [{ on: tags.id, status: [401, 403] }],
  },
  // Its / redirects to the web UI (/webui/, or /workspace/ with LIGHTRAG_DEFAULT_UI=workspace) beside FastAPI's 404.
  sweepHints: [[{ on: rootPage.id, status: [307] }, { on: rootPage.id, header: 'location', regex: /\/(?:webui|workspace)\/$/ }, canaryAnsweredBy.starlette]],
  extract: {
    version: { on: health.id, regex: /"core_version"\s*:\s*"([^"]+)"/ },
    models: { on: tags.id, path: ['models', '*', 'name'] },
  },
  severityWhenOpen: 'high',
  remediation:
    'Set LIGHTRAG_API_KEY or AUTH_ACCOUNTS (with TOKEN_SECRET) and narrow WHITELIST_PATHS to /health, since its default /health,/api/* leaves the Ollama-compatible chat open; bind HOST to 127.0.0.1 (its default is 0.0.0.0) or reach it through an authenticating proxy, remove the internet rule for port 9621, and check its documents and knowledge graph for entries you did not add.',
  references: [
    'https://github.com/HKUDS/LightRAG/blob/main/lightrag/api/README.md#api-key-and-authentication',
    'https://github.com/HKUDS/LightRAG/blob/main/env.example',
  ],
  verifiedAgainst: ['LightRAG 1.5.7'],
};
