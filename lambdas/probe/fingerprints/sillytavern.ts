import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const sillytavern: Fingerprint = {
  id: 'sillytavern',
  name: 'SillyTavern',
  category: 'ui',
  defaultPorts: [8000],
  specificity: 100,
  requests: [rootPage],
  // No sweepHints: the only request is GET /, sent to every port first, so asking costs nothing and a sweep's not-ai
  // is a real answer about SillyTavern (it stays out of notAsked).
  identify: {
    why: 'SillyTavern: the page title, its whitelist refusal text, or its basic-auth realm',
    // The title, the whitelist message and the realm are SillyTavern's own strings. With user accounts on,
    // / redirects to /login, which this fingerprint does not identify.
    any: [
      { on: 'root', bodyRegex: /<title>SillyTavern<\/title>/ },
      // Older releases: "please add your IP address in whitelist or disable whitelist mode"; current
      // forbidden-by-whitelist.html: "add your IP address to the\n whitelist or disable whitelist mode".
      { on: 'root', bodyRegex: /add your IP address (?:in|to the)\s+whitelist or disable whitelist mode/ },
      { on: 'root', header: 'www-authenticate', contains: 'realm="SillyTavern"' },
    ],
  },
  open: {
    why: 'the UI is served without login: stored API keys for paid models and chats are usable by anyone',
    all: [{ on: 'root', status: [200] }, { on: 'root', bodyRegex: /<title>SillyTavern<\/title>/ }],
  },
  authRequired: {
    why: 'SillyTavern refuses the visitor (basic auth, or the IP whitelist that is on by default)',
    any: [{ on: 'root', status: [401, 403] }],
  },
  severityWhenOpen: 'high',
  remediation: 'Keep whitelistMode on, enable basicAuthMode or user accounts, and remove the internet rule for port 8000.',
  references: ['https://docs.sillytavern.app/administration/config-yaml/', 'https://docs.sillytavern.app/usage/remoteconnections/'],
  verifiedAgainst: ['SillyTavern 1.19.0'],
};
