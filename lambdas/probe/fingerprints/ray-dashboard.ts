import { notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Ray's dashboard token middleware answers these exact texts (http_token_authentication.py). */
const missingToken = 'Unauthorized: Missing authentication token';

export const rayDashboard: Fingerprint = {
  id: 'ray-dashboard',
  name: 'Ray dashboard and Jobs API',
  category: 'ml-platform',
  defaultPorts: [8265],
  specificity: 100,
  requests: [
    { id: 'version', method: 'GET', path: '/api/version' },
    { id: 'jobs', method: 'GET', path: '/api/jobs/' },
    rootPage,
    notFoundCanary,
  ],
  // The dashboard (aiohttp) serves its UI shell, titled "Ray Dashboard", on `/` with or without token auth; with
  // token auth on, Ray's middleware answers every other path with its own plain-text 401.
  sweepHints: [
    { on: rootPage.id, bodyRegex: /<title>\s*Ray Dashboard\s*<\/title>/ },
    { on: notFoundCanary.id, bodyRegex: new RegExp(`^${missingToken}$`) },
  ],
  identify: {
    why: 'Ray dashboard: GET /api/version reports "ray_version", or Ray\'s token middleware answers',
    // "ray_version" is Ray's key; the 401 text is the literal string of Ray's aiohttp middleware.
    any: [
      { on: 'version', bodyRegex: /"ray_version"\s*:\s*"/ },
      { on: 'version', bodyRegex: new RegExp(`^${missingToken}$`) },
    ],
  },
  open: {
    why: 'the dashboard answers without a token: anyone can submit a Ray job, i.e. run code on the cluster',
    // The token middleware guards every route, so an answered /api/version means no token auth.
    any: [
      { on: 'version', bodyRegex: /"ray_version"\s*:\s*"/ },
      { on: 'jobs', bodyRegex: /^\s*\[/ },
    ],
  },
  authRequired: {
    why: 'Ray token authentication is on (401 "Missing authentication token")',
    all: [
      { on: 'version', status: [401] },
      { on: 'version', bodyContains: missingToken },
    ],
  },
  extract: { version: { on: 'version', regex: /"ray_version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Enable Ray token authentication (RAY_AUTH_MODE=token, Ray 2.52+) or keep the dashboard on 127.0.0.1, and remove the internet rule for port 8265.',
  references: [
    'https://docs.ray.io/en/latest/cluster/running-applications/job-submission/rest.html',
    'https://docs.ray.io/en/latest/ray-security/index.html',
  ],
  cpe: 'cpe:2.3:a:anyscale:ray',
  verifiedAgainst: ['Ray 2.60.0'],
};
