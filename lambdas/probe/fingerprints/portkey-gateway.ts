import { openAiModels, rootPage } from './common.js';
import type { Fingerprint, Matcher } from './types.js';

/** The gateway's plain-text greeting on `GET /` (src/index.ts, `app.get('/', …)`). */
const greeting = /^AI Gateway says hey!$/;
/**
 * Its request validator's refusal of a call that names no provider, as `GET /v1/models` gets it: the validator runs
 * with no credential check before it, since the gateway has none.
 */
const providerRequired = 'Either x-portkey-config or x-portkey-provider header is required';
/**
 * The gateway's own answers to requests every port gets first: they identify it, prove it answered with no credentials
 * (it has no authentication), and are its sweep hints.
 */
const gatewayAnswers: readonly Matcher[] = [
  { on: rootPage.id, bodyRegex: greeting },
  { on: openAiModels.id, bodyContains: providerRequired },
];

export const portkeyGateway: Fingerprint = {
  id: 'portkey-gateway',
  name: 'Portkey AI Gateway (open source)',
  category: 'gateway',
  defaultPorts: [8787],
  specificity: 100,
  requests: [rootPage, openAiModels],
  identify: {
    why: 'Portkey\'s gateway: its greeting "AI Gateway says hey!" on /, or its "x-portkey-config or x-portkey-provider header is required" refusal on /v1/models',
    any: gatewayAnswers,
  },
  open: {
    why: 'the gateway itself answered (it has no authentication): anyone can send chat, embedding, file and batch requests through it to any of its providers, or with x-portkey-custom-host to localhost services on the gateway\'s host (localhost is trusted by default, and a redirect from an allowed host reaches private addresses); cloud identities the owner configured (AZURE_* workload identity, AWS_ASSUME_ROLE_* keys) are used for anonymous callers, and unless started --headless its /log/stream hands anyone every other client\'s API keys, prompts and answers',
    any: gatewayAnswers,
  },
  noAuthReason:
    'the open-source gateway has no authentication setting (1.15.2: no API key variable, no 401 anywhere); callers bring the provider and its key in x-portkey-* headers, and the owner is told to put it behind an authenticating proxy, whose refusal is not Portkey\'s and does not identify it',
  sweepHints: gatewayAnswers,
  severityWhenOpen: 'high',
  remediation:
    'Put the gateway behind an authenticating reverse proxy or keep it on a private network, start it with --headless (or NODE_ENV=production) so /public/ and /log/stream are off, give it no cloud identity it does not need, and remove the internet rule for port 8787.',
  references: [
    'https://portkey.ai/docs/product/ai-gateway',
    'https://portkey.ai/docs/product/ai-gateway/custom-hosts',
    'https://github.com/Portkey-AI/gateway/blob/main/docs/installation-deployments.md',
    'https://github.com/Portkey-AI/gateway/blob/main/src/start-server.ts',
  ],
  verifiedAgainst: ['Portkey AI Gateway 1.15.2'],
};
