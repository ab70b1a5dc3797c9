import { openApiDocument, rootPage, serverInfo } from './common.js';
import type { Fingerprint } from './types.js';

/** What LitServe's index route (server.py) answers, as plain text, behind the same key check as the model's routes. */
const running = /^litserve running$/;
/**
 * Its info route (/info): the model metadata its owner gave, then the server's devices, workers, timeout and routes
 * (0.2.6 to 0.2.19 alike; "stream" became a map of routes in 0.2.11). Behind the same key check.
 */
const info = /^\s*\{\s*"model"\s*:(?=[\s\S]*"server"\s*:\s*\{\s*"devices"\s*:\s*\[)(?=[\s\S]*"workers_per_device"\s*:)/;
/**
 * Its OpenAPI document, public with a key set too: FastAPI's default title, with LitServe's own routes first, in the order
 * it registers them (index, health, info; the model's routes follow).
 */
const ownRoutes =
  /^\s*\{\s*"openapi"\s*:[\s\S]{0,200}?"paths"\s*:\s*\{\s*"\/"\s*:\s*\{\s*"get"\s*:\s*\{\s*"summary"\s*:\s*"Index"\s*,\s*"operationId"\s*:\s*"index__get"(?=[\s\S]*"\/health"\s*:\s*\{\s*"get"\s*:\s*\{\s*"summary"\s*:\s*"Health"\s*,\s*"operationId"\s*:\s*"health_health_get")(?=[\s\S]*"\/info"\s*:\s*\{\s*"get"\s*:\s*\{\s*"summary"\s*:\s*"Info"\s*,\s*"operationId"\s*:\s*"info_info_get")/;

export const litserve: Fingerprint = {
  id: 'litserve',
  name: 'LitServe (Lightning AI)',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [rootPage, serverInfo, openApiDocument],
  identify: {
    why: 'LitServe: GET / answers "litserve running", GET /info its server configuration, or GET /openapi.json (public with a key set) lists its index, health and info routes',
    any: [
      { on: rootPage.id, bodyRegex: running },
      { on: serverInfo.id, bodyRegex: info },
      { on: openApiDocument.id, bodyRegex: ownRoutes },
    ],
  },
  open: {
    why: "no LIT_SERVER_API_KEY (LitServe's default): its index and /info answer without X-API-Key, like the model's routes (POST /predict, /v1/chat/completions), so anyone can run the owner's model on its hardware and read the model metadata and server configuration /info shows",
    any: [
      { on: rootPage.id, bodyRegex: running },
      { on: serverInfo.id, bodyRegex: info },
    ],
  },
  authRequired: {
    why: 'LIT_SERVER_API_KEY (or a LitAPI.authorize) is set: GET / is refused without the X-API-Key header, as the model\'s routes are (FastAPI answers {"detail":"Not authenticated"}: 401 with `WWW-Authenticate: APIKey` on current FastAPI, 403 on the FastAPI of 2025)',
    all: [{ on: rootPage.id, status: [401, 403] }],
  },
  // Every sweep asks / first: open, its plain-text index; with a key, FastAPI's APIKeyHeader refusal (401 and its
  // `WWW-Authenticate: APIKey`, or a bare 403 on the FastAPI of 2025). Unknown paths get FastAPI's JSON 404, which a dozen
  // families share, so it is no hint.
  sweepHints: [
    { on: rootPage.id, bodyRegex: running },
    [
      { on: rootPage.id, status: [401] },
      { on: rootPage.id, header: 'www-authenticate', regex: /^APIKey$/ },
    ],
    [
      { on: rootPage.id, status: [403] },
      { on: rootPage.id, bodyRegex: /^\{"detail":"Not authenticated"\}$/ },
    ],
  ],
  severityWhenOpen: 'high',
  remediation:
    'Set LIT_SERVER_API_KEY (clients send it as X-API-Key) or a LitAPI.authorize check, run LitServer on 127.0.0.1 (run() binds 0.0.0.0 by default) or behind an authenticating proxy, remove the internet rule for port 8000, and do not rely on the key for a LitAPI given MCP(...): its /mcp/ route calls the model without it.',
  references: [
    'https://lightning.ai/docs/litserve/features/authentication',
    'https://lightning.ai/docs/litserve/features/mcp',
    'https://lightning.ai/docs/litserve/features/full-control',
  ],
  verifiedAgainst: ['LitServe 0.2.19', 'LitServe 0.2.10'],
};
