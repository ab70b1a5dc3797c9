import { apiConfig, canaryAnsweredBy, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const openWebui: Fingerprint = {
  id: 'open-webui',
  name: 'Open WebUI',
  category: 'ui',
  defaultPorts: [8080, 3000],
  specificity: 100,
  requests: [apiConfig, { id: 'webuiModels', method: 'GET', path: '/api/models' }, rootPage, notFoundCanary],
  // Open WebUI's uvicorn server answers every unknown path with its SvelteKit shell (SPAStaticFiles), logged in or
  // not; the shell carries the "Open WebUI" name (title, then the licence comments) unless a fork rebrands it.
  sweepHints: [[...canaryAnsweredBy.appShell, canaryAnsweredBy.uvicorn], { on: rootPage.id, bodyContains: 'Open WebUI' }],
  identify: {
    why: 'Open WebUI: GET /api/config names "Open WebUI" and lists its features',
    // A custom WEBUI_NAME is suffixed " (Open WebUI)", so the name survives branding.
    all: [{ on: 'config', bodyRegex: /"name"\s*:\s*"[^"]*Open WebUI[^"]*"/ }, { on: 'config', bodyContains: '"features"' }],
  },
  open: {
    why: 'no login: authentication is off, or no user exists yet so the first visitor becomes admin (tools and functions run Python)',
    any: [
      { on: 'config', bodyRegex: /"auth"\s*:\s*false/ },
      { on: 'config', bodyRegex: /"onboarding"\s*:\s*true/ },
      { on: 'webuiModels', bodyRegex: /^\s*\{\s*"data"\s*:\s*\[/ },
    ],
  },
  authRequired: {
    why: 'Open WebUI login is on and an admin exists (401 on /api/models)',
    all: [{ on: 'webuiModels', status: [401, 403] }],
  },
  extract: { version: { on: 'config', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Keep WEBUI_AUTH on, create the admin account before exposing it, disable sign-up (ENABLE_SIGNUP=false), and remove the internet rule for the port.',
  references: ['https://docs.openwebui.com/getting-started/env-configuration/', 'https://docs.openwebui.com/getting-started/quick-start/'],
  cpe: 'cpe:2.3:a:openwebui:open_webui',
  verifiedAgainst: ['Open WebUI 0.12.4'],
};
