import { canaryAnsweredBy, notFoundCanary, openApiDocument, openApiDocumentListsNone } from './common.js';
import type { Fingerprint } from './types.js';

export const invokeai: Fingerprint = {
  id: 'invokeai',
  name: 'InvokeAI',
  category: 'ui',
  defaultPorts: [9090],
  specificity: 100,
  requests: [
    { id: 'appVersion', method: 'GET', path: '/api/v1/app/version' },
    { id: 'authStatus', method: 'GET', path: '/api/v1/auth/status' },
    { id: 'appConfig', method: 'GET', path: '/api/v1/app/config' },
    openApiDocument,
    notFoundCanary,
  ],
  // InvokeAI is FastAPI with its UI mounted at / (api_app.py). In 6.14.2 the mount (api/no_cache_staticfiles.py) falls
  // back to the UI's index.html for any path it does not serve: a real 6.14.2 answered the canary, /api/v1/app/config
  // and every other unknown path 200 text/html, in every mode. Releases whose mount has no such fallback (6.11.1's
  // has none) and installs without the built UI answer FastAPI's JSON 404 instead. The page's title names it, so other
  // apps' shells do not hint it.
  sweepHints: [[...canaryAnsweredBy.appShell, { on: notFoundCanary.id, bodyRegex: /<title>Invoke\b/ }], canaryAnsweredBy.starlette],
  // invokeai/app/api_app.py includes its routers into the app and builds the document from the app's routes
  // (util/custom_openapi.py): /api/v1/app/version in every release, /api/v1/auth/* in 6.12+.
  sweepRuledOutBy: [openApiDocumentListsNone('/api/v1/app/', '/api/v1/auth/', '/api/v1/images/')],
  identify: {
    why: 'InvokeAI: GET /api/v1/app/version answers its version, next to its auth status (6.12+), its app config (older releases) or its API title',
    // /api/v1/app/config (infill_methods) is gone from recent releases; /api/v1/auth/status arrived with
    // multi-user mode in 6.12; the FastAPI title "Invoke - Community Edition" names the product in between.
    all: [{ on: 'appVersion', bodyRegex: /^\s*\{\s*"version"\s*:\s*"\d[^"]*"/ }],
    any: [
      { on: 'authStatus', bodyRegex: /^\s*\{(?=[\s\S]*"setup_required"\s*:)(?=[\s\S]*"multiuser_enabled"\s*:)/ },
      { on: 'appConfig', bodyContains: '"infill_methods"' },
      { on: 'openapi', bodyRegex: /"title"\s*:\s*"Invoke - Community Edition"/ },
    ],
  },
  open: {
    why: 'InvokeAI answers without credentials (single-user mode, no auth routes, or multi-user mode with no administrator yet): generation and model installs from URLs are open to anyone',
    any: [
      { on: 'authStatus', bodyRegex: /"multiuser_enabled"\s*:\s*false/ },
      { on: 'authStatus', bodyRegex: /"setup_required"\s*:\s*true/ },
      // Releases before 6.12 have no auth routes at all.
      { on: 'authStatus', status: [404] },
    ],
  },
  authRequired: {
    why: 'multi-user mode is on and an administrator exists: the API needs a Bearer token',
    all: [
      { on: 'authStatus', bodyRegex: /"multiuser_enabled"\s*:\s*true/ },
      { on: 'authStatus', bodyRegex: /"setup_required"\s*:\s*false/ },
    ],
  },
  extract: { version: { on: 'appVersion', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Enable multi-user mode (multiuser: true in invokeai.yaml, InvokeAI 6.12+) and create the administrator before exposing it, or keep it on 127.0.0.1 behind an authenticating proxy; remove the internet rule for port 9090.',
  references: ['https://invoke-ai.github.io/InvokeAI/multiuser/admin_guide', 'https://invoke-ai.github.io/InvokeAI/configuration/'],
  verifiedAgainst: ['InvokeAI 6.14.2'],
};
