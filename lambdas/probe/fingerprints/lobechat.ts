import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const lobechat: Fingerprint = {
  id: 'lobechat',
  name: 'LobeChat',
  category: 'ui',
  defaultPorts: [3210],
  specificity: 100,
  requests: [rootPage],
  // No sweepHints: the only request is GET /, sent to every port first, so asking costs nothing and a sweep's not-ai
  // is a real answer about LobeChat (it stays out of notAsked).
  identify: {
    why: 'LobeChat: the page title or application name is LobeChat/LobeHub, or it sends the visitor to its NextAuth sign-in page',
    // LobeChat mounts NextAuth under /next-auth (NextAuth's own default is /api/auth).
    any: [
      { on: 'root', bodyRegex: /<title>(?=[^<]*<\/title>)[^<]*Lobe(?:Chat|Hub)/ },
      { on: 'root', header: 'location', regex: /\/next-auth\/signin\?callbackUrl=/ },
    ],
  },
  open: {
    why: 'the chat UI is served without an access code or login: the server-side model keys are usable by anyone',
    all: [{ on: 'root', status: [200] }],
  },
  authRequired: {
    // ACCESS_CODE is checked only on chat API calls the probe never sends, so an instance protected only by
    // an access code still reads as open; confirm it by hand.
    why: 'NextAuth with ENABLE_AUTH_PROTECTION redirects every page to its sign-in page',
    all: [{ on: 'root', status: [302, 307] }, { on: 'root', header: 'location', contains: '/next-auth/signin' }],
  },
  severityWhenOpen: 'medium',
  remediation: 'Enable NextAuth or Clerk with ENABLE_AUTH_PROTECTION=1 (ACCESS_CODE only guards chat calls), and remove the internet rule for port 3210.',
  references: ['https://lobehub.com/docs/self-hosting/environment-variables/basic', 'https://lobehub.com/docs/self-hosting/advanced/auth'],
  derivedFrom: ['LobeChat commit 007485d'],
};
