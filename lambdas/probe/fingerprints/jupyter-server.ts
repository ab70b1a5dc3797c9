import { canaryAnsweredBy, canaryNotServed, jupyterApiRoot, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/** `GET /api` of Jupyter Server, Notebook and Lab: exactly `{"version": "…"}`, served even with token auth on. */
const apiVersion = /^\s*\{\s*"version"\s*:\s*"\d[^"]*"\s*\}\s*$/;
/** `GET /api/status`: connections, kernels and the start time. */
const status = /^\s*\{(?=[\s\S]*"connections"\s*:)(?=[\s\S]*"kernels"\s*:)(?=[\s\S]*"started"\s*:)/;

export const jupyterServer: Fingerprint = {
  id: 'jupyter-server',
  name: 'Jupyter Server / Notebook / Lab',
  category: 'notebook',
  defaultPorts: [8888],
  specificity: 100,
  requests: [
    jupyterApiRoot,
    { id: 'status', method: 'GET', path: '/api/status' },
    notFoundCanary,
  ],
  identify: {
    why: 'Jupyter REST API: GET /api returns {"version": …} or GET /api/status returns kernel counts',
    // Both bodies are whole JSON objects of Jupyter's own shape (no echo contains them); the canary
    // excludes a catch-all JSON server. Jupyter's 403 body ("Forbidden") matches neither, so a
    // Host-blocked Jupyter never identifies (see hostPolicy).
    all: [canaryNotServed],
    any: [
      { on: jupyterApiRoot.id, bodyRegex: apiVersion },
      { on: 'status', bodyRegex: status },
    ],
  },
  open: {
    why: 'GET /api/status answers without a token: anyone can start kernels and run code',
    all: [
      { on: 'status', status: [200] },
      { on: 'status', bodyRegex: status },
    ],
  },
  authRequired: {
    why: 'GET /api answers but GET /api/status is refused: token or password required',
    // Token auth leaves /api at 200 and refuses the rest with 403 "Forbidden". A Host block refuses
    // /api as well, so it cannot fire this signal.
    all: [
      { on: jupyterApiRoot.id, status: [200] },
      { on: jupyterApiRoot.id, bodyRegex: apiVersion },
      { on: 'status', status: [401, 403] },
    ],
  },
  hostPolicy: {
    why: 'Jupyter refused the Host header (403 "Forbidden" on /api as well; allow_remote_access is off)',
    all: [
      { on: jupyterApiRoot.id, status: [403] },
      { on: jupyterApiRoot.id, bodyContains: '"Forbidden"' },
      { on: 'status', status: [403] },
    ],
  },
  // Tornado answers every path (its Server header), and Jupyter's own handlers (the 404 page included) send a CSP
  // whose report-uri is Jupyter's /api/security/csp-report: holds with or without a token, and Host-blocked.
  sweepHints: [canaryAnsweredBy.tornado, { on: notFoundCanary.id, header: 'content-security-policy', contains: 'api/security/csp-report' }],
  extract: { version: { on: jupyterApiRoot.id, regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Require a token or password (never start with an empty token), bind to localhost or put an authenticating proxy in front, and remove the internet rule for the port.',
  references: [
    'https://jupyter-server.readthedocs.io/en/latest/operators/security.html',
    'https://jupyter-server.readthedocs.io/en/latest/developers/rest-api.html',
  ],
  cpe: 'cpe:2.3:a:jupyter:jupyter_server',
  verifiedAgainst: ['Jupyter Server 1.23.3', 'Jupyter Notebook (classic) 6.4.12', 'JupyterLab 4.6.6'],
};
