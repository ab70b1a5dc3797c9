import { canaryAnsweredBy, notFoundCanary, openApiDocument, openApiDocumentListsNone, plainVersion, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Its API server's document (FastAPI's, titled plainly "FastAPI"): ADK's own paths, the app list and a user's sessions.
 * Releases of late 2025 answer it 500 (a schema their models cannot give: google/adk-python#3956); their adk web still
 * redirects / to its dev UI.
 */
const adkDocument = /^\s*\{\s*"openapi"\s*:\s*"3[^"]*"(?=[\s\S]*"\/list-apps"\s*:\s*\{)(?=[\s\S]*"\/apps\/\{app_name\}\/users\/\{user_id\}\/sessions"\s*:)/;
/** The agents of its agents folder, by name (every release). */
const apps = { id: 'apps', method: 'GET', path: '/list-apps' } as const;
/** The DNS-rebinding guard of 2.x on a loopback bind (`_OriginCheckMiddleware`), on every path. */
const hostRefusal = /^Forbidden: host not allowed$/;

export const googleAdk: Fingerprint = {
  id: 'google-adk',
  name: 'Google Agent Development Kit (adk web / api_server)',
  category: 'agent-builder',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openApiDocument, plainVersion, rootPage, apps, notFoundCanary],
  identify: {
    why: 'Google ADK: its OpenAPI document lists /list-apps and the sessions of /apps/{app_name}/users/{user_id}, or / redirects to its dev UI at /dev-ui/',
    any: [
      { on: openApiDocument.id, bodyRegex: adkDocument },
      { on: rootPage.id, header: 'location', regex: /\/dev-ui\/$/ },
    ],
  },
  open: {
    why: "ADK's web and API servers have no authentication: GET /list-apps names the agents to anyone, who can read every session of a user id with its messages and state, read the agents' instructions and tools, and run the agents (/run, /run_sse, /run_live) on the owner's model key with whatever tools they hold; before 1.28.1 /builder/save also let anyone write an agent's Python code, which the next run imports (GHSA-rg7c-g689-fr3x)",
    all: [
      { on: apps.id, status: [200] },
      { on: apps.id, bodyRegex: /^\s*\[\s*(?:"|\])/ },
    ],
  },
  noAuthReason: 'adk web and adk api_server have no authentication switch (left to a proxy, which hides the service, or to Cloud Run/IAP in front of it).',
  hostPolicy: {
    why: 'ADK refused the Host header ("Forbidden: host not allowed", its DNS-rebinding guard on a loopback bind)',
    all: [
      { on: notFoundCanary.id, status: [403] },
      { on: notFoundCanary.id, bodyRegex: hostRefusal },
    ],
  },
  // adk web redirects / to its dev UI; adk api_server answers unknown paths with FastAPI's JSON 404; a loopback bind of 2.x
  // refuses every path for a foreign Host.
  sweepHints: [
    { on: rootPage.id, header: 'location', regex: /\/dev-ui\/$/ },
    canaryAnsweredBy.starlette,
    { on: notFoundCanary.id, bodyRegex: hostRefusal },
  ],
  // ADK's server lists its API in FastAPI's document: a whole document without /list-apps is another FastAPI app.
  sweepRuledOutBy: [openApiDocumentListsNone('/list-apps')],
  // GET /version (2.x) names ADK's version with the language it runs in; asked once ADK is identified, as no identify
  // signal needs it (1.18.0 answers it 404).
  extract: { version: { on: plainVersion.id, regex: /^\s*\{\s*"version"\s*:\s*"([^"]+)"\s*,\s*"language"\s*:/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Keep adk web and adk api_server on 127.0.0.1 (their default) and reach them through SSH or an authenticating proxy (IAP, Cloud Run without unauthenticated access), upgrade to 1.28.1 or later, remove the internet rule for port 8000, and rotate the model API key and the credentials its agents\' tools hold.',
  references: [
    'https://google.github.io/adk-docs/api-reference/rest',
    'https://google.github.io/adk-docs/api-reference/cli/',
    'https://github.com/advisories/GHSA-rg7c-g689-fr3x',
  ],
  verifiedAgainst: ['Google ADK 2.13.0', 'Google ADK 1.18.0'],
};
