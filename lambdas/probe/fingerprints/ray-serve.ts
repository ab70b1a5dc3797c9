import { canaryNotServed, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const rayServe: Fingerprint = {
  id: 'ray-serve',
  name: 'Ray Serve HTTP proxy',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [{ id: 'healthz', method: 'GET', path: '/-/healthz' }, { id: 'routes', method: 'GET', path: '/-/routes' }, notFoundCanary],
  // The Serve proxy answers a path no application owns with "Path '…' not found. Ping http://.../-/routes …" (every
  // version, "Please ping …" in 1.x); when an application owns `/` it answers, but the proxy (uvicorn) still stamps
  // every response with X-Request-ID (RequestIdMiddleware).
  sweepHints: [
    { on: notFoundCanary.id, bodyContains: 'http://.../-/routes' },
    [{ on: notFoundCanary.id, header: 'server', contains: 'uvicorn' }, { on: notFoundCanary.id, header: 'x-request-id' }],
  ],
  identify: {
    why: 'Ray Serve: GET /-/healthz answers "success" and GET /-/routes maps route prefixes to applications',
    // Both /-/ routes are the Serve proxy's own; the canary rules out a catch-all server.
    all: [
      canaryNotServed,
      { on: 'healthz', bodyRegex: /^\s*success\s*$/ },
      { on: 'routes', bodyRegex: /^\s*\{\s*(?:\}|"\/)/ },
    ],
  },
  open: {
    why: 'the Serve proxy answers without credentials; every deployed application is callable by anyone',
    all: [{ on: 'routes', status: [200] }],
  },
  noAuthReason:
    'Ray Serve\'s HTTP proxy has no authentication of its own (left to a gateway, which hides the service): even with Ray token authentication on (RAY_AUTH_MODE=token), which guards the dashboard, the proxy answers without a token (recorded with Ray 2.60.0).',
  severityWhenOpen: 'high',
  remediation: 'Serve Ray applications only behind an authenticating gateway and remove the internet rule for port 8000.',
  references: ['https://docs.ray.io/en/latest/serve/production-guide/best-practices.html', 'https://docs.ray.io/en/latest/ray-security/index.html'],
  cpe: 'cpe:2.3:a:anyscale:ray',
  verifiedAgainst: ['Ray 2.60.0'],
};
