import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * How the app signs users in, public in every release since 1.0 (`get_configuration` in chainlit/auth).
 * requireLogin is null, not false, when no sign-in is set up (the OAuth check's falsy callback); passwordAuth is read
 * as any value: recordings redact it, for its name.
 */
const authConfigShape = /^\s*\{\s*"requireLogin"\s*:\s*(?:true|false|null)\s*,\s*"passwordAuth"\s*:[^,]*,\s*"headerAuth"\s*:/;
const loginRequired = /^\s*\{\s*"requireLogin"\s*:\s*true\b/;
/** The settings the UI loads before it opens its socket: past the user check, they describe the app itself. */
const projectSettings = { id: 'settings', method: 'GET', path: '/project/settings' } as const;
const authConfig = {
  id: 'authConfig',
  method: 'GET',
  path: '/auth/config',
  // Asked only of a Chainlit app that says it needs no sign-in, to prove that it serves without one.
  followUps: [{ when: [{ on: 'authConfig', bodyRegex: /^\s*\{\s*"requireLogin"\s*:\s*(?:false|null)\b/ }], requests: [projectSettings] }],
} as const;

/** Generic Chainlit app (a Python framework for LLM chat UIs); its apps share its routes and its page. */
export const chainlit: Fingerprint = {
  id: 'chainlit',
  name: 'Chainlit app',
  category: 'ui',
  defaultPorts: [8000],
  specificity: 50,
  requests: [authConfig, notFoundCanary],
  identify: {
    why: 'Chainlit: GET /auth/config describes its sign-in (requireLogin, passwordAuth, headerAuth, oauthProviders)',
    all: [{ on: authConfig.id, bodyRegex: authConfigShape }],
  },
  open: {
    why: 'the app needs no sign-in (no password, header or OAuth callback, Chainlit\'s default): anyone can chat with it on its owner\'s model keys and tools, and in releases before 2.9.4 read files on the host and reach cloud metadata through it (CVE-2026-22218, CVE-2026-22219)',
    all: [
      { on: projectSettings.id, status: [200] },
      { on: projectSettings.id, bodyRegex: /^\s*\{\s*"ui"\s*:\s*\{(?=[\s\S]*"features"\s*:\s*\{)/ },
    ],
  },
  authRequired: {
    why: 'the app requires sign-in (a password, header or OAuth callback is set, so GET /auth/config says requireLogin): its API refuses a client without the session token',
    all: [{ on: authConfig.id, bodyRegex: loginRequired }],
  },
  // The UI's page answers every unknown path, with the Open Graph tag only Chainlit's template writes.
  sweepHints: [[{ on: notFoundCanary.id, status: [200] }, { on: notFoundCanary.id, bodyContains: '<meta property="og:root_path"' }]],
  severityWhenOpen: 'high',
  remediation:
    'Add sign-in to the app (@cl.password_auth_callback, @cl.header_auth_callback or an OAuth provider, with CHAINLIT_AUTH_SECRET set) or put it behind an authenticating proxy, upgrade Chainlit to 2.9.4 or later, rotate the model keys its host holds, and remove the internet rule for its port (8000 by default).',
  references: ['https://docs.chainlit.io/authentication/overview', 'https://docs.chainlit.io/backend/command-line'],
  verifiedAgainst: ['Chainlit 2.12.0', 'Chainlit 2.9.3', 'Chainlit 1.3.2'],
};
