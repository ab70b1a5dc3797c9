import { apiConfig, canaryAnsweredBy, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

export const librechat: Fingerprint = {
  id: 'librechat',
  name: 'LibreChat',
  category: 'ui',
  defaultPorts: [3080],
  specificity: 100,
  requests: [apiConfig, notFoundCanary],
  // LibreChat's Express server (x-powered-by disabled) answers every path outside /api with its React shell, logged
  // in or not; the shell's title is rebranded by forks, so only the shell itself is the hint.
  sweepHints: [canaryAnsweredBy.appShell],
  identify: {
    why: 'LibreChat: GET /api/config answers its startup config (socialLoginEnabled, emailLoginEnabled, registrationEnabled)',
    // The three login flags together are LibreChat's startup config; the title can be rebranded.
    all: [
      { on: 'config', bodyContains: '"socialLoginEnabled"' },
      { on: 'config', bodyContains: '"emailLoginEnabled"' },
      { on: 'config', bodyContains: '"registrationEnabled"' },
    ],
  },
  open: {
    why: 'registration is open: anyone can create an account and use the configured model keys',
    all: [{ on: 'config', bodyRegex: /"registrationEnabled"\s*:\s*true/ }],
  },
  authRequired: {
    why: 'login is required and registration is closed',
    all: [{ on: 'config', bodyRegex: /"registrationEnabled"\s*:\s*false/ }],
  },
  severityWhenOpen: 'high',
  remediation: 'Set ALLOW_REGISTRATION=false (invite users or use SSO) and remove the internet rule for port 3080.',
  references: ['https://www.librechat.ai/docs/configuration/authentication', 'https://www.librechat.ai/docs/configuration/dotenv'],
  derivedFrom: ['LibreChat commit 00450b5'],
};
