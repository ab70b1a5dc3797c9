import { plainVersion } from './common.js';
import type { Fingerprint } from './types.js';

export const labelStudio: Fingerprint = {
  id: 'label-studio',
  name: 'Label Studio',
  category: 'ml-platform',
  defaultPorts: [8080],
  specificity: 100,
  requests: [plainVersion, { id: 'signup', method: 'GET', path: '/user/signup/' }],
  identify: {
    why: 'Label Studio: GET /version reports the label-studio-os-package',
    // The package key is Label Studio's own version report.
    all: [{ on: 'version', bodyContains: '"label-studio-os-package"' }],
  },
  open: {
    why: 'sign-up is open to anyone (the sign-up form is served): any visitor gets an account and the labelled data',
    all: [{ on: 'signup', status: [200] }, { on: 'signup', bodyRegex: /<form[^>]*signup/i }],
  },
  authRequired: {
    why: 'sign-up needs an invite link (the sign-up page is refused or redirects to login)',
    any: [{ on: 'signup', status: [302, 401, 403, 404] }],
  },
  extract: { version: { on: 'version', regex: /"label-studio-os-package"\s*:\s*\{[^{}]*"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Set LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK=true, use SSO if available, and remove the internet rule for port 8080.',
  references: ['https://labelstud.io/guide/signup', 'https://labelstud.io/guide/api.html'],
};
