import { openApiDocument, openApiTitled, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The server's own OpenAPI document (the root app's, at /openapi.json): titled "Prefect REST API", with the Prefect
 * version. It is served outside the API's basic-auth check, so it answers with PREFECT_SERVER_API_AUTH_STRING set too,
 * and with the UI turned off. The document (over 500 KB) is cut by the body cap; title and version come first. It is
 * asked of FastAPI apps already, so identifying Prefect adds no request to them.
 */
const prefectDocument = openApiTitled('Prefect REST API');
/** The server's version (api/admin.py), behind the auth check like the rest of /api. */
const adminVersion = { id: 'adminVersion', method: 'GET', path: '/api/admin/version' } as const;
const versionString = /^\s*"\d+\.\d+[^"]*"\s*$/;
/** The auth-string middleware's refusal (api/server.py), on every /api path but /api/health and /api/ready. */
const authStringRefusal = /^\s*\{\s*"exception_message"\s*:\s*"Unauthorized"\s*\}\s*$/;

export const prefectServer: Fingerprint = {
  id: 'prefect-server',
  name: 'Prefect server',
  category: 'ml-platform',
  defaultPorts: [4200],
  specificity: 100,
  requests: [openApiDocument, adminVersion, rootPage],
  identify: {
    why: 'Prefect: GET /openapi.json is the Prefect REST API document, with its version (public even with an auth string set)',
    all: [
      { on: openApiDocument.id, status: [200] },
      { on: openApiDocument.id, bodyRegex: prefectDocument.document },
    ],
  },
  open: {
    why: "no PREFECT_SERVER_API_AUTH_STRING (Prefect's default): its REST API answers anyone (GET /api/admin/version 200), who can read flows, deployments, flow-run parameters and logs, read its Blocks with their secret values (cloud credentials, API keys) and its Variables, and create flow runs from deployments, which its workers then run as code",
    all: [
      { on: adminVersion.id, status: [200] },
      { on: adminVersion.id, bodyRegex: versionString },
    ],
  },
  authRequired: {
    why: 'PREFECT_SERVER_API_AUTH_STRING is set: every /api path but the health and readiness checks answers 401 {"exception_message": "Unauthorized"} without the basic-auth credentials',
    all: [
      { on: adminVersion.id, status: [401] },
      { on: adminVersion.id, bodyRegex: authStringRefusal },
    ],
  },
  // Its UI shell answers / (titled "Prefect Server", with or without the auth string); unknown paths get FastAPI's plain
  // JSON 404, which a dozen families share, so it is no hint. With the UI turned off (PREFECT_UI_ENABLED=false) / is that
  // 404 too, and only full scans ask about Prefect on a port other than 4200.
  sweepHints: [{ on: rootPage.id, bodyContains: '<title>Prefect Server</title>' }],
  extract: { version: { on: openApiDocument.id, regex: prefectDocument.version } },
  severityWhenOpen: 'critical',
  remediation:
    'Set PREFECT_SERVER_API_AUTH_STRING (and the same PREFECT_API_AUTH_STRING on clients and workers) or put the server behind an authenticating proxy, keep it on a private network, remove the internet rule for port 4200, and rotate the credentials its Blocks and Variables hold.',
  references: [
    'https://docs.prefect.io/v3/advanced/security-settings',
    'https://docs.prefect.io/v3/how-to-guides/self-hosted/server-cli',
    'https://docs.prefect.io/v3/concepts/blocks',
  ],
  verifiedAgainst: ['Prefect 3.9.1'],
};
