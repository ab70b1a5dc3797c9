import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const langfuse: Fingerprint = {
  id: 'langfuse',
  name: 'Langfuse',
  category: 'ml-platform',
  defaultPorts: [3000],
  specificity: 100,
  requests: [{ id: 'health', method: 'GET', path: '/api/public/health' }, { id: 'projects', method: 'GET', path: '/api/public/projects' }, notFoundCanary],
  identify: {
    why: 'Langfuse: GET /api/public/health answers {"status": "OK", "version": …}',
    all: [{ on: 'health', bodyRegex: /^\s*\{\s*"status"\s*:\s*"OK"\s*,\s*"version"\s*:\s*"[^"]+"\s*\}\s*$/ }],
  },
  open: {
    why: 'the public API answers without keys (traces with prompts and outputs readable)',
    all: [{ on: 'projects', status: [200] }],
  },
  authRequired: {
    why: 'the public API demands project keys (401)',
    any: [{ on: 'projects', status: [401, 403] }],
  },
  noOpenReason: 'Langfuse\'s API always requires project keys; an exposed instance is a login page with sign-up (AUTH_DISABLE_SIGNUP) the probe does not try.',
  // web/next.config.mjs headers() sets Permissions-Policy "autoplay=*, fullscreen=*, microphone=*" on source
  // "/:path*" (every path, the 404 for an unknown one included: Next.js applies config headers before routing);
  // the value has been the same since v2. Absent with a custom NEXT_PUBLIC_BASE_PATH (paths outside it).
  sweepHints: [{ on: notFoundCanary.id, header: 'permissions-policy', contains: 'autoplay=*, fullscreen=*, microphone=*' }],
  extract: { version: { on: 'health', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Set AUTH_DISABLE_SIGNUP=true and SSO, and keep Langfuse behind a VPN or authenticating proxy; remove the internet rule for port 3000.',
  references: ['https://langfuse.com/docs/api', 'https://langfuse.com/self-hosting/authentication-and-sso'],
  derivedFrom: ['Langfuse commit 19c3311'],
};
