import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const lobechat: Fingerprint = {
  id: 'lobechat',
  name: 'LobeChat',
  category: 'ui',
  defaultPorts: [3210],
  specificity: 100,
  requests: [rootPage],
  identify: {
    why: 'LobeChat: the page title or application name is LobeChat/LobeHub',
    any: [{ on: 'root', bodyRegex: /<title>[^<]*Lobe(?:Chat|Hub)[^<]*<\/title>/ }],
  },
  open: {
    why: 'the chat UI is served without an access code or login: the server-side model keys are usable by anyone',
    all: [{ on: 'root', status: [200] }],
  },
  noAuthReason:
    'LobeChat\'s ACCESS_CODE is checked only on chat POSTs the probe never sends, so an exposed instance reads as open; confirm the access code or SSO by hand.',
  severityWhenOpen: 'medium',
  remediation: 'Set ACCESS_CODE or enable NextAuth/SSO, and remove the internet rule for port 3210.',
  references: ['https://lobehub.com/docs/self-hosting/environment-variables/basic', 'https://lobehub.com/docs/self-hosting/advanced/auth'],
};
