import { notFoundCanary, openApiDocument, openApiDocumentListsNone, rootPage, starletteWithoutRootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The feature server's OpenAPI document (FastAPI's, titled plainly "FastAPI", with no Feast version): it lists the online
 * read and the writes of feature_server.py, which no other product serves. FastAPI serves it outside the routes' auth
 * dependency, so it answers with auth on too.
 */
const featureServerPaths = [
  { on: openApiDocument.id, bodyContains: '"/get-online-features"' },
  { on: openApiDocument.id, bodyContains: '"/write-to-online-store"' },
] as const;
/**
 * Its OpenAI-style vector store list (0.66 on), the one GET behind the auth dependency (inject_user_details) that every other
 * route has: without a token under oidc or kubernetes auth, it refuses before any identity provider is asked. Before 0.66 every
 * such route is a POST, so an open server of those releases is identified and read as answering nothing without credentials.
 */
const vectorStores = { id: 'vectorStores', method: 'GET', path: '/v1/vector_stores' } as const;
const vectorStoreList = /^\s*\{\s*"object"\s*:\s*"list"\s*,\s*"data"\s*:\s*\[/;
/**
 * The token check's refusal (permissions/server/rest.py): with no Authorization header the token extractor raises, reported as
 * this. The UI's registry API refuses with the same check (feast-ui).
 */
export const feastTokenRefusal = /^\s*\{\s*"detail"\s*:\s*"Invalid or expired access token"\s*\}\s*$/;

/** Feast's Python feature server (`feast serve`): online feature values for a model's inputs, and writes to them. */
export const feastFeatureServer: Fingerprint = {
  id: 'feast-feature-server',
  name: 'Feast feature server',
  category: 'ml-platform',
  defaultPorts: [6566],
  specificity: 100,
  requests: [openApiDocument, vectorStores, rootPage, notFoundCanary],
  identify: {
    why: "Feast feature server: GET /openapi.json lists Feast's /get-online-features and /write-to-online-store (public whatever its auth)",
    all: [{ on: openApiDocument.id, status: [200] }, { on: openApiDocument.id, bodyRegex: /^\s*\{\s*"openapi"\s*:\s*"3\./ }, ...featureServerPaths],
  },
  open: {
    why: "auth type no_auth (Feast's default): every route answers anyone (GET /v1/vector_stores lists its vector stores), who can read the online feature values of any entity key (POST /get-online-features: customer data), overwrite the values the owner's models are served (POST /push, /write-to-online-store) and start materialization jobs (POST /materialize)",
    all: [
      { on: vectorStores.id, status: [200] },
      { on: vectorStores.id, bodyRegex: vectorStoreList },
    ],
  },
  authRequired: {
    why: 'auth type oidc or kubernetes: every route but /health, /chat and the API docs answers 401 without a bearer token',
    all: [
      { on: vectorStores.id, status: [401] },
      { on: vectorStores.id, bodyRegex: feastTokenRefusal },
    ],
  },
  // It has no UI: / and unknown paths are FastAPI's JSON 404, as on a dozen other FastAPI apps, whose own documents rule it out.
  sweepHints: [starletteWithoutRootPage],
  sweepRuledOutBy: [openApiDocumentListsNone('/get-online-features')],
  severityWhenOpen: 'high',
  remediation:
    "Set an auth type in feature_store.yaml (auth: type: oidc or kubernetes, with permissions for who may read and write online), keep the feature server on a private network reachable only by the model services, remove the internet rule for port 6566, and check the online store's values for writes you did not make.",
  references: [
    'https://docs.feast.dev/reference/feature-servers/python-feature-server',
    'https://docs.feast.dev/getting-started/components/authz_manager',
    'https://docs.feast.dev/reference/feast-cli-commands',
  ],
  verifiedAgainst: ['Feast 0.67.0'],
};
