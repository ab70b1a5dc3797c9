import { canaryNotServed, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** SearchExperiments answer: an "experiments" array of objects with "experiment_id". */
const experiments = /^\s*\{(?=[\s\S]*"experiments"\s*:\s*\[)(?=[\s\S]*"experiment_id"\s*:)/;

export const mlflow: Fingerprint = {
  id: 'mlflow',
  name: 'MLflow tracking server',
  category: 'ml-platform',
  defaultPorts: [5000],
  specificity: 100,
  requests: [
    { id: 'search', method: 'GET', path: '/api/2.0/mlflow/experiments/search?max_results=1' },
    { id: 'version', method: 'GET', path: '/version' },
    notFoundCanary,
    rootPage,
  ],
  identify: {
    why: 'MLflow REST API: experiments/search answers with experiments, or MLflow basic auth (realm "mlflow")',
    // MLflow's REST path and its experiment_id key, or its own auth realm; the canary rules out a
    // catch-all server.
    all: [canaryNotServed],
    any: [
      { on: 'search', bodyRegex: experiments },
      { on: 'search', header: 'www-authenticate', contains: 'realm="mlflow"' },
    ],
  },
  open: {
    why: "experiments are listed without credentials (runs, metrics, artifacts and the model registry are readable and writable); with the AI Gateway built into the tracking server (on by default in 3.17.2), anyone can also query its endpoints on the owner's stored provider keys and re-point a stored key at another URL (secrets/update), which then receives it",
    all: [
      { on: 'search', status: [200] },
      { on: 'search', bodyRegex: experiments },
    ],
  },
  authRequired: {
    why: 'MLflow basic auth is on (401, WWW-Authenticate: Basic realm="mlflow")',
    all: [
      { on: 'search', status: [401] },
      { on: 'search', header: 'www-authenticate', contains: 'realm="mlflow"' },
    ],
  },
  hostPolicy: {
    why: 'MLflow refused the Host header ("Invalid Host header - possible DNS rebinding attack detected")',
    any: [{ on: 'search', bodyContains: 'Invalid Host header - possible DNS rebinding attack detected' }],
  },
  // MLflow's own answers, whatever serves it (Flask/gunicorn, uvicorn): the UI shell (or its "index.html not found"
  // text) on /, its basic-auth realm on every path, its Host-header guard's message on every path.
  sweepHints: [
    { on: rootPage.id, bodyRegex: /<title>\s*MLflow\s*<\/title>|Unable to display MLflow UI/ },
    { on: notFoundCanary.id, header: 'www-authenticate', contains: 'realm="mlflow"' },
    { on: notFoundCanary.id, bodyContains: 'Invalid Host header - possible DNS rebinding attack detected' },
  ],
  // Under basic auth /version is refused too (401 on MLflow 3.17.2, recorded), so only an open server shows it.
  extract: { version: { on: 'version', regex: /^\s*(\d+\.\d+\.\d+\S*)\s*$/ } },
  severityWhenOpen: 'high',
  remediation:
    'Run the server with --app-name basic-auth (with a strong admin password; older releases created admin/password1234) or behind an authenticating proxy, and remove the internet rule for port 5000.',
  references: [
    'https://mlflow.org/docs/latest/rest-api.html',
    'https://mlflow.org/docs/latest/auth/index.html',
  ],
  cpe: 'cpe:2.3:a:lfprojects:mlflow',
  verifiedAgainst: ['MLflow 3.17.2'],
};
