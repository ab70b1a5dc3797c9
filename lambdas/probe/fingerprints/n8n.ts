import { canaryAnsweredBy, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const n8n: Fingerprint = {
  id: 'n8n',
  name: 'n8n',
  category: 'agent-builder',
  defaultPorts: [5678],
  specificity: 100,
  requests: [{ id: 'settings', method: 'GET', path: '/rest/settings' }, notFoundCanary],
  identify: {
    why: 'n8n: GET /rest/settings answers the front-end settings ({"data": …} with userManagement.showSetupOnFirstLoad)',
    // Anonymous callers get only the public settings in recent releases (2.x: no versionCli, as recorded from
    // 2.41.1), so identify on the user-management block every release sends; versionCli only gives the version
    // when present.
    all: [{ on: 'settings', bodyRegex: /^\s*\{\s*"data"\s*:\s*\{[\s\S]*"userManagement"\s*:\s*\{[^{}]*"showSetupOnFirstLoad"\s*:/ }],
  },
  open: {
    why: 'no owner is set up yet (showSetupOnFirstLoad): the first visitor becomes owner and workflows run code',
    all: [{ on: 'settings', bodyRegex: /"showSetupOnFirstLoad"\s*:\s*true/ }],
  },
  authRequired: {
    why: 'an owner exists: n8n requires login',
    all: [{ on: 'settings', bodyRegex: /"showSetupOnFirstLoad"\s*:\s*false/ }],
  },
  // n8n's history-API handler answers every GET accepting */* outside /rest, /assets… with the editor page
  // (200, titled "n8n.io - Workflow Automation"), whether or not an owner is set up (GETs accepting only
  // text/event-stream, /.well-known/… and POSTs end in Express's 404 "Cannot <METHOD> <path>" instead).
  sweepHints: [[...canaryAnsweredBy.appShell, { on: notFoundCanary.id, bodyRegex: /n8n/i }]],
  extract: { version: { on: 'settings', regex: /"versionCli"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Create the owner account before exposing n8n, keep it behind SSO or a VPN, and remove the internet rule for port 5678.',
  references: ['https://docs.n8n.io/hosting/configuration/user-management-self-hosted/', 'https://docs.n8n.io/hosting/securing/overview/'],
  cpe: 'cpe:2.3:a:n8n:n8n',
  verifiedAgainst: ['n8n 2.41.1'],
};
