import { plainVersion, rootPage } from './common.js';
import { feastProjectList, feastProjects } from './feast-ui.js';
import type { Fingerprint } from './types.js';

/** Its Swagger UI, which it serves at / (docs_url="/"), outside the auth dependency. */
const swaggerTitle = '<title>Feast REST Registry Server - Swagger UI</title>';
/**
 * The token check's refusal (the same as the feature server's, feastTokenRefusal), in the envelope of this server's own
 * exception handler.
 */
const registryTokenRefusal = /^\s*\{\s*"status_code"\s*:\s*401\s*,\s*"detail"\s*:\s*"Invalid or expired access token"/;

/**
 * Feast's REST registry server (`feast serve_registry --rest-api`, port 6572, bound to every address by default): the registry
 * that the feature servers, the UI and every `feast` client read their definitions from. Its routes answer under / and under
 * /api/v1 (its root_path) alike.
 */
export const feastRegistryServer: Fingerprint = {
  id: 'feast-registry-server',
  name: 'Feast REST registry server',
  category: 'ml-platform',
  defaultPorts: [6572],
  specificity: 100,
  requests: [rootPage, feastProjects, plainVersion],
  identify: {
    why: 'Feast REST registry server: / is its Swagger UI titled "Feast REST Registry Server" (public whatever its auth)',
    all: [
      { on: rootPage.id, status: [200] },
      { on: rootPage.id, bodyContains: swaggerTitle },
    ],
  },
  open: {
    why: "auth type no_auth (Feast's default): the registry answers anyone (GET /api/v1/projects lists the projects), who can read every entity, feature view, data source (with its storage paths) and permission, and apply or delete them (POST /api/v1/feature_views, DELETE /api/v1/feature_views/<name>): what every feature server and client of the registry serves and trains on",
    all: [
      { on: feastProjects.id, status: [200] },
      { on: feastProjects.id, bodyRegex: feastProjectList },
    ],
  },
  authRequired: {
    why: 'auth type oidc or kubernetes: every registry route answers 401 without a bearer token; the Swagger UI and the OpenAPI document stay public',
    all: [
      { on: feastProjects.id, status: [401] },
      { on: feastProjects.id, bodyRegex: registryTokenRefusal },
    ],
  },
  sweepHints: [{ on: rootPage.id, bodyContains: swaggerTitle }],
  // Behind the same auth: only an open server gives it.
  extract: { version: { on: plainVersion.id, regex: /^\s*\{\s*"version"\s*:\s*"(\d+\.\d+\.\d+[^"]{0,32})"\s*\}\s*$/ } },
  severityWhenOpen: 'high',
  remediation:
    'Set an auth type in feature_store.yaml (auth: type: oidc or kubernetes, with permissions on who may apply and delete), bind the REST registry server to a private address (`--host`; it listens on every address by default), remove the internet rule for port 6572, and compare the registry with your feature repo (`feast plan`) for definitions you did not apply.',
  references: [
    'https://docs.feast.dev/reference/feature-servers/registry-server',
    'https://docs.feast.dev/getting-started/components/authz_manager',
    'https://docs.feast.dev/reference/feast-cli-commands',
  ],
  verifiedAgainst: ['Feast 0.67.0'],
};
