import { canaryAnsweredBy, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Its status (namespaces/default.py): the MindsDB version first, then whether HTTP auth is on. Outside the auth check, so
 * it answers with auth on too. Jupyter Server and marimo ask the same path, so it costs their ports nothing.
 */
const status = { id: 'status', method: 'GET', path: '/api/status' } as const;
/** Its projects, behind the auth check like every other /api namespace; Aim asks the same path. */
const projects = { id: 'projects', method: 'GET', path: '/api/projects/' } as const;

const statusBody = /^\s*\{\s*"mindsdb_version"\s*:\s*"[^"]*"/;
/** The auth check's refusal (api/http/initialize.py), as RFC 9457 problem JSON with a timestamp after it. */
const authRefusal = /^\s*\{\s*"title"\s*:\s*"Unauthorized"\s*,\s*"detail"\s*:\s*"Authorization is required to complete the request"/;

export const mindsdb: Fingerprint = {
  id: 'mindsdb',
  name: 'MindsDB',
  category: 'ml-platform',
  defaultPorts: [47334],
  specificity: 100,
  requests: [status, projects, notFoundCanary],
  identify: {
    why: 'MindsDB: GET /api/status answers its version ("mindsdb_version") and whether HTTP auth is on (public with auth on too)',
    all: [
      { on: status.id, status: [200] },
      { on: status.id, bodyRegex: statusBody },
    ],
  },
  open: {
    why: "HTTP auth is off (MindsDB's default): its API answers anyone (GET /api/projects/ lists the projects), who can run SQL against every connected database with its owner's credentials, read those credentials in clear (GET /api/databases/ shows stored passwords and API keys), connect new data sources and ML engines, read and write any file the service can through its built-in DuckDB engine (read_csv, COPY … TO), and so run code of the caller's on the host (a .pth file written into its Python's site-packages runs in the next interpreter, which installing a handler's dependencies starts), and turn auth on with a password of the caller's (PUT /api/config/)",
    all: [
      { on: projects.id, status: [200] },
      { on: projects.id, bodyRegex: /^\s*\[\s*(?:\{\s*"name"\s*:|\])/ },
    ],
  },
  authRequired: {
    why: 'MINDSDB_USERNAME and MINDSDB_PASSWORD (or auth.http_auth_enabled in its config) are set: every /api namespace but status and login answers 401 "Authorization is required to complete the request" without a session or token',
    all: [
      { on: projects.id, status: [401] },
      { on: projects.id, bodyRegex: authRefusal },
    ],
  },
  // Its API is Flask run under uvicorn, compressed by Flask-Compress: without the GUI, unknown paths answer Werkzeug's HTML
  // 404 with uvicorn's server header and "Vary: Accept-Encoding" (MLflow's Flask under uvicorn sends no Vary). Where the GUI
  // was downloaded at first start, they answer its page shell, and only full scans ask about MindsDB off port 47334.
  sweepHints: [
    [
      canaryAnsweredBy.uvicorn,
      { on: notFoundCanary.id, bodyContains: '<p>The requested URL was not found on the server.' },
      { on: notFoundCanary.id, header: 'vary', contains: 'Accept-Encoding' },
    ],
  ],
  extract: { version: { on: status.id, regex: /"mindsdb_version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Set MINDSDB_USERNAME and MINDSDB_PASSWORD (or auth.http_auth_enabled with a username and password in its config) and keep the HTTP API on a private network or behind an authenticating proxy, remove the internet rule for port 47334, then rotate every database password and API key its integrations and ML engines hold and check its auth settings for ones you did not set.',
  references: [
    'https://docs.mindsdb.com/setup/environment-vars',
    'https://docs.mindsdb.com/setup/custom-config',
    'https://docs.mindsdb.com/setup/mindsdb-apis',
    'https://docs.mindsdb.com/rest/authentication',
  ],
  verifiedAgainst: ['MindsDB 26.1.0'],
};
