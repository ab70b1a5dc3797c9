import { canaryNotServed, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const jupyterhub: Fingerprint = {
  id: 'jupyterhub',
  name: 'JupyterHub',
  category: 'notebook',
  defaultPorts: [8000],
  specificity: 100,
  requests: [{ id: 'hubApi', method: 'GET', path: '/hub/api' }, { id: 'users', method: 'GET', path: '/hub/api/users' }, notFoundCanary],
  identify: {
    why: 'JupyterHub: GET /hub/api answers {"version": …} under the hub prefix',
    // The /hub/ prefix is JupyterHub's; its API root is exactly a version object; the canary rules out a catch-all.
    all: [canaryNotServed, { on: 'hubApi', bodyRegex: /^\s*\{\s*"version"\s*:\s*"\d[^"]*"\s*\}\s*$/ }],
  },
  open: {
    why: 'the hub lists its users without a token (the API is reachable with no credentials)',
    all: [{ on: 'users', status: [200] }, { on: 'users', bodyRegex: /^\s*\[/ }],
  },
  authRequired: {
    // Recorded (6.1.1, default PAM and DummyAuthenticator alike): an anonymous caller gets 403
    // {"status": 403, "message": "Missing or invalid credentials."}, not the scope message; only the status is matched.
    why: 'JupyterHub\'s REST API demands a token (403 on /hub/api/users)',
    any: [{ on: 'users', status: [401, 403] }],
  },
  noOpenReason:
    'JupyterHub\'s REST API always requires a token; what is open is the login page, and weak authenticators (Dummy, first-use) need a login attempt the probe never makes.',
  // The hub redirects every path outside its prefix to /hub/<path> (PrefixRedirectHandler), before any login.
  sweepHints: [{ on: notFoundCanary.id, header: 'location', contains: `/hub${notFoundCanary.path}` }],
  extract: { version: { on: 'hubApi', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Use a real authenticator (OAuth/LDAP, never DummyAuthenticator), put the hub behind SSO or a VPN, and remove the internet rule for port 8000.',
  references: ['https://jupyterhub.readthedocs.io/en/stable/reference/rest-api.html', 'https://jupyterhub.readthedocs.io/en/stable/explanation/websecurity.html'],
  cpe: 'cpe:2.3:a:jupyter:jupyterhub',
  verifiedAgainst: ['JupyterHub 6.1.1'],
};
