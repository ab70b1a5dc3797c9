import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The server's health check (server.py), public whatever auth is on: its status, then (to a client it lets through, and
 * with basic auth on to anyone) its API version, version and auth settings. Every answer of the server, 401s and 404s
 * included, carries the id it gave the request in `X-Skypilot-Request-ID`.
 */
const health = { id: 'health', method: 'GET', path: '/api/health' } as const;
/** Its users with their roles (users/server.py): read-only, and behind whichever auth is on. */
const users = { id: 'users', method: 'GET', path: '/users' } as const;
const requestIdHeader = 'x-skypilot-request-id';

export const skypilotApiServer: Fingerprint = {
  id: 'skypilot-api-server',
  name: 'SkyPilot API server',
  category: 'ml-platform',
  defaultPorts: [46580],
  specificity: 100,
  requests: [health, users, notFoundCanary],
  identify: {
    why: 'SkyPilot: GET /api/health answers its status with the X-Skypilot-Request-ID header every answer of the API server carries',
    all: [
      { on: health.id, status: [200] },
      { on: health.id, header: requestIdHeader },
      { on: health.id, bodyRegex: /^\s*\{\s*"status"\s*:\s*"[a-z_]+"/ },
    ],
  },
  open: {
    why: "no authentication (the server's default): its API answers anyone (GET /users lists its users and roles), who acts as the server's own admin user: launches clusters and managed jobs with its owner's cloud credentials, runs commands on every cluster (sky exec), reads their logs and tears them down",
    all: [
      { on: users.id, status: [200] },
      { on: users.id, bodyRegex: /^\s*\[\s*\{\s*"id"\s*:\s*"[^"]*"\s*,\s*"name"\s*:/ },
    ],
  },
  authRequired: {
    why: 'its own authentication is on: basic auth answers 401 with WWW-Authenticate: Basic realm="SkyPilot", and OAuth2 Proxy sends a client without its cookie to /oauth2/start, on every path but /api/health',
    any: [
      { on: users.id, header: 'www-authenticate', contains: 'realm="SkyPilot"' },
      { on: users.id, header: 'location', regex: /\/oauth2\/start\?rd=/ },
    ],
  },
  // The request id header is on every answer, the canary's 404 (or 401) too.
  sweepHints: [{ on: notFoundCanary.id, header: requestIdHeader }],
  extract: { version: { on: health.id, regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Turn on its authentication (sky api start --enable-basic-auth with SKYPILOT_INITIAL_BASIC_AUTH, or SSO through OAuth2 Proxy as its Helm chart sets up), remove the internet rule for port 46580, make a reverse proxy on the same host send X-Forwarded-For (the server lets loopback connections in without credentials), and check for clusters and jobs you did not launch and rotate the cloud credentials it holds.',
  references: [
    'https://docs.skypilot.co/en/latest/reference/api-server/api-server.html',
    'https://docs.skypilot.co/en/latest/reference/auth.html',
    'https://docs.skypilot.co/en/latest/reference/api-server/examples/api-server-in-docker.html',
    'https://docs.skypilot.co/en/stable/reference/api-server/api-server-admin-deploy.html',
  ],
  verifiedAgainst: ['SkyPilot 0.14.1'],
};
