import { canaryAnsweredBy, canaryNotServed, notFoundCanary, openApiDocument, openApiTitled, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Its root route (api/client.py), public in every auth posture. */
const rootGreeting = /^\s*\{\s*"message"\s*:\s*"Hello, World, I am alive!"\s*\}\s*$/;
/** FastAPI's document, titled by the app (api/client.py custom_openapi) with a fixed "1.0.0"; public in every posture. */
const cogneeDocument = openApiTitled('Cognee API');
/**
 * Its liveness check (api/v1/health), public: ready or not, then the health and the package version. 503 while the LLM or
 * embedding provider is unreachable. Also sent by other families.
 */
const health = { id: 'health', method: 'GET', path: '/health' } as const;
/**
 * Its LLM and vector-store settings (api/v1/settings), behind the auth dependency: without credentials, the default user's
 * view, with the LLM key's first 10 characters. The same request as the OpenHands family's, so it costs nothing there.
 */
const settings = { id: 'settings', method: 'GET', path: '/api/v1/settings' } as const;

export const cognee: Fingerprint = {
  id: 'cognee',
  name: 'Cognee API server',
  category: 'agent-builder',
  defaultPorts: [8000],
  specificity: 100,
  requests: [rootPage, openApiDocument, health, settings, notFoundCanary],
  identify: {
    why: 'Cognee: GET /openapi.json is the "Cognee API" document, or GET / answers its {"message": "Hello, World, I am alive!"} while unknown paths are not served (both public with authentication on)',
    any: [
      { on: openApiDocument.id, bodyRegex: cogneeDocument.document },
      { on: rootPage.id, bodyRegex: rootGreeting },
    ],
    all: [canaryNotServed],
  },
  open: {
    why: "ENABLE_BACKEND_ACCESS_CONTROL=false (single-user mode) without REQUIRE_AUTHENTICATION=true: its API serves every caller as the default user, a superuser (GET /api/v1/settings shows the LLM provider, model and the key's first 10 characters). Anyone can list every dataset and download its documents, add data and delete datasets, run cognify and search on the owner's LLM and embedding keys, replace the LLM key and model, and add any file the server's user can read by its path (raw_data=/proc/self/environ: the owner's full keys), then download it",
    all: [
      { on: settings.id, status: [200] },
      { on: settings.id, bodyRegex: /^\s*\{\s*"llm"\s*:\s*\{/ },
    ],
  },
  authRequired: {
    why: 'ENABLE_BACKEND_ACCESS_CONTROL is on (its default in 1.6: multi-tenant), or REQUIRE_AUTHENTICATION=true: /api/v1 answers 401 without a token or API key (1.6 explains the auth posture in the body)',
    all: [{ on: settings.id, status: [401] }],
  },
  // Its greeting on / is the hint on ports other than 8000; the canary gets FastAPI's JSON 404 from uvicorn, shared by many.
  sweepHints: [[{ on: rootPage.id, bodyContains: 'Hello, World, I am alive!' }, canaryAnsweredBy.starlette]],
  extract: { version: { on: health.id, regex: /"health"\s*:\s*"[^"]*"\s*,\s*"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Keep ENABLE_BACKEND_ACCESS_CONTROL=true (the default) or set REQUIRE_AUTHENTICATION=true, set FASTAPI_USERS_JWT_SECRET and DEFAULT_USER_PASSWORD, and COGNEE_ALLOWED_LOCAL_FILE_ROOTS (or ACCEPT_LOCAL_FILE_PATH=false); keep the API off the internet (remove the rule for port 8000 or put an authenticating proxy in front), rotate the LLM and embedding keys it held, and check its datasets for data you did not add.',
  references: [
    'https://docs.cognee.ai/setup-configuration/security',
    'https://docs.cognee.ai/guides/deploy-rest-api-server',
  ],
  verifiedAgainst: ['Cognee 1.6.5'],
};
