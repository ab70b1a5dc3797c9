import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const argilla: Fingerprint = {
  id: 'argilla',
  name: 'Argilla server',
  category: 'ml-platform',
  defaultPorts: [6900],
  specificity: 100,
  requests: [rootPage, { id: 'status', method: 'GET', path: '/api/v1/status' }, { id: 'me', method: 'GET', path: '/api/v1/me' }],
  // Every released server (PyPI wheel, Docker images: the build copies the Nuxt UI into argilla_server/static,
  // .github/workflows/argilla-server.yml) mounts that UI at / (_app.py configure_app_statics), outside the /api/v1
  // auth, so GET / is the SPA shell whose <title> Nuxt renders from argilla-frontend/nuxt.config.ts head.title
  // "Argilla". Survives a reverse proxy, unlike the uvicorn Server header; an unknown path (the canary) gets the same
  // shell (static_rewrite.py), so appShell + uvicorn would hold on exactly the same servers but on others too.
  sweepHints: [{ on: rootPage.id, bodyRegex: /<title[^<>]*>\s*Argilla\s*<\/title>/ }],
  identify: {
    why: 'Argilla: GET /api/v1/status reports its version and search engine, or /api/v1/me is refused with Argilla\'s own error code',
    // "search_engine" next to "version" is Argilla's status shape; "argilla.api.errors::UnauthorizedError" is the code
    // its error handler puts in every 401 (errors/base_errors.py).
    any: [
      { on: 'status', bodyRegex: /^\s*\{(?=[\s\S]*"version"\s*:)(?=[\s\S]*"search_engine"\s*:)/ },
      { on: 'me', bodyRegex: /"code"\s*:\s*"argilla\.api\.errors::UnauthorizedError"/ },
    ],
  },
  open: {
    why: 'GET /api/v1/me answers without an API key (datasets and records readable)',
    all: [{ on: 'me', status: [200] }],
  },
  authRequired: {
    why: 'Argilla demands an API key or login (401 on /api/v1/me)',
    any: [{ on: 'me', status: [401, 403] }],
  },
  noOpenReason: 'Argilla always requires an API key or login; the real risk is the quick-start default owner password, which the probe never tries.',
  extract: { version: { on: 'status', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  // There is no ARGILLA_ADMIN_PASSWORD: the Docker images create the owner from USERNAME / PASSWORD / API_KEY
  // (docker/server/scripts/start_argilla_server.sh), `database users create_default` makes argilla / 1234 / argilla.apikey.
  remediation: 'Give the owner user a strong password and API key (the Docker images\' USERNAME / PASSWORD / API_KEY; never the defaults of `database users create_default`), use OAuth if available, and remove the internet rule for port 6900.',
  references: ['https://docs.argilla.io/latest/getting_started/how-to-configure-argilla-on-huggingface/', 'https://docs.argilla.io/latest/reference/argilla-server/configuration/'],
  verifiedAgainst: ['Argilla server 2.8.0'],
};
