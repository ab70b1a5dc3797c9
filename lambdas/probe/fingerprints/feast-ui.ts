import { rootPage } from './common.js';
import { feastTokenRefusal } from './feast-feature-server.js';
import type { Fingerprint } from './types.js';

/**
 * Feast's registry REST API, mounted by its UI server under /api/v1 (0.64 on): the projects of its registry, the first thing
 * the UI lists. From 0.65 the whole mount is behind the auth dependency (inject_user_details) under oidc or kubernetes auth;
 * / and /projects-list.json stay public.
 */
export const feastProjects = { id: 'projects', method: 'GET', path: '/api/v1/projects' } as const;
export const feastProjectList = /^\s*\{\s*"projects"\s*:\s*\[/;

/** Feast's web UI (`feast ui`, port 8888 by default, bound to 0.0.0.0 unless told otherwise), with the registry REST API beside it. */
export const feastUi: Fingerprint = {
  id: 'feast-ui',
  name: 'Feast UI',
  category: 'ml-platform',
  defaultPorts: [8888],
  specificity: 100,
  requests: [rootPage, feastProjects],
  identify: {
    why: 'Feast UI: / is its React shell titled "Feast Feature Store" (public whatever its auth)',
    all: [
      { on: rootPage.id, status: [200] },
      { on: rootPage.id, bodyContains: '<title>Feast Feature Store</title>' },
    ],
  },
  open: {
    why: "auth type no_auth (Feast's default): its registry API answers anyone (GET /api/v1/projects lists the projects), who can read every entity, feature view, data source and permission of the registry, read the online feature values of given entity keys (POST /api/v1/get-online-labels) and overwrite them (POST /api/v1/push)",
    all: [
      { on: feastProjects.id, status: [200] },
      { on: feastProjects.id, bodyRegex: feastProjectList },
    ],
  },
  authRequired: {
    why: 'auth type oidc or kubernetes: its registry API (/api/v1) answers 401 without a bearer token; the UI shell and its project list stay public',
    all: [
      { on: feastProjects.id, status: [401] },
      { on: feastProjects.id, bodyRegex: feastTokenRefusal },
    ],
  },
  sweepHints: [{ on: rootPage.id, bodyContains: '<title>Feast Feature Store</title>' }],
  // No version: GET /api/v1/version (0.67 on, behind the same auth) would give it, but asking Langflow's and Flowise's request
  // from a family listed before theirs moves it up every sweep's plan.
  severityWhenOpen: 'high',
  remediation:
    "Set an auth type in feature_store.yaml (auth: type: oidc or kubernetes) for the UI's registry API, bind `feast ui` to a private address (it binds 0.0.0.0 by default) or put it behind an authenticating proxy, remove the internet rule for port 8888, and check the online store's values for writes you did not make.",
  references: [
    'https://docs.feast.dev/reference/alpha-web-ui',
    'https://docs.feast.dev/getting-started/components/authz_manager',
    'https://docs.feast.dev/reference/feast-cli-commands',
  ],
  verifiedAgainst: ['Feast 0.67.0'],
};
