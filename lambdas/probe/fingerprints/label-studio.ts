import { notFoundCanary, plainVersion } from './common.js';
import type { Fingerprint } from './types.js';

export const labelStudio: Fingerprint = {
  id: 'label-studio',
  name: 'Label Studio',
  category: 'ml-platform',
  defaultPorts: [8080],
  specificity: 100,
  requests: [
    plainVersion,
    { id: 'signup', method: 'GET', path: '/user/signup/' },
    // The login page links to sign-up only while LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK is off; the
    // sign-up page itself is served either way (only its POST is refused without the invite token).
    { id: 'login', method: 'GET', path: '/user/login/' },
    notFoundCanary,
  ],
  identify: {
    why: 'Label Studio: GET /version reports the label-studio-os-package',
    // The package key is Label Studio's own version report.
    all: [{ on: 'version', bodyContains: '"label-studio-os-package"' }],
  },
  open: {
    why: 'sign-up is open to anyone (the login page offers it and the sign-up form is served): any visitor gets an account and the labelled data',
    all: [
      { on: 'login', status: [200] },
      { on: 'login', bodyRegex: /href="[^"]*\/user\/signup\/?["?]/ },
      { on: 'signup', status: [200] },
      { on: 'signup', bodyRegex: /<form[^<>]*signup/i },
    ],
  },
  authRequired: {
    why: 'sign-up needs an invite link (LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK: the login page no longer offers it); the API needs a token',
    all: [{ on: 'login', status: [200] }, { on: 'login', bodyRegex: /<form[^<>]*login/i }],
  },
  // Django renders Label Studio's own 404 template (class ls-global-error, title "404 | Label Studio") for every
  // unknown path, logged in or not; with DEBUG on, Django's debug 404 names the label_studio URLconf instead.
  sweepHints: [{ on: notFoundCanary.id, bodyRegex: /ls-global-error|Label Studio|label_studio/ }],
  extract: { version: { on: 'version', regex: /"label-studio-os-package"\s*:\s*\{[^{}]*"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Set LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK=true, use SSO if available, and remove the internet rule for port 8080.',
  references: ['https://labelstud.io/guide/signup', 'https://labelstud.io/guide/api.html'],
  verifiedAgainst: ['Label Studio 1.23.2'],
  derivedFrom: ['Label Studio 1.23.2'],
};
