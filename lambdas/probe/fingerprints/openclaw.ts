import { prefixThenLater, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The Control UI shell the gateway serves at / (and at every unknown path), whatever its auth mode: titled and mounted
 * under the product's name of the time (Clawdbot, Moltbot, then OpenClaw).
 */
const controlUiShell = prefixThenLater(/<title>(?:OpenClaw|Moltbot|Clawdbot) Control<\/title>/, /<(?:openclaw|moltbot|clawdbot)-app>/);
/**
 * The Control UI's bootstrap settings (assistant name, server version…), at this path in 2026.3.13 and since (2026.1
 * answers it with the UI shell). Before 2026.4.22 it answered anyone in every auth mode; since then (openclaw#70247) behind the
 * gateway's HTTP auth, so only a gateway with gateway.auth.mode "none" serves it to anyone.
 */
const bootstrapConfig = { id: 'controlUiConfig', method: 'GET', path: '/__openclaw/control-ui-config.json' } as const;
const settingsObject = /^\s*\{\s*"basePath"\s*:/;
/** Releases whose answer is gated: 2026.4.22 and later. */
const gatedRelease = /"serverVersion"\s*:\s*"(?:2026\.(?:4\.(?:2[2-9]|3\d)|(?:[5-9]|1[0-2])\.)|20(?:2[7-9]|[3-9]\d)\.)/;
/** In the answer of 2026.9.6 (not yet of 2026.6.6): false only under gateway.auth.mode "none". */
const pluginAssetsOpen = /"pluginAssetsRequireAuth"\s*:\s*false/;
/** The HTTP auth refusal (token, password, trusted-proxy), without a challenge header. */
const unauthorized = /^\s*\{\s*"error"\s*:\s*\{\s*"message"\s*:\s*"Unauthorized"\s*,\s*"type"\s*:\s*"unauthorized"\s*\}\s*\}\s*$/;

export const openclaw: Fingerprint = {
  id: 'openclaw',
  name: 'OpenClaw gateway (formerly Clawdbot, Moltbot)',
  category: 'agent-builder',
  defaultPorts: [18789],
  specificity: 100,
  requests: [rootPage, bootstrapConfig],
  identify: {
    why: 'OpenClaw (Clawdbot, Moltbot): GET / is its gateway\'s Control UI ("OpenClaw Control"), served to anyone in every auth mode; the gateway checks credentials on its WebSocket, and over HTTP on /__openclaw/control-ui-config.json only since 2026.4.22, so an older gateway is identified without its auth mode',
    all: [
      { on: rootPage.id, status: [200] },
      { on: rootPage.id, bodyRegex: controlUiShell },
    ],
  },
  open: {
    why: 'gateway.auth.mode "none": its Control UI settings answer anyone (since 2026.4.22 only without gateway auth), and its WebSocket gives a client it sees as local (loopback, or a same-host proxy that adds no X-Forwarded-For) operator.admin on a device identity the client makes up: chat and agent runs, the operator terminal (shell commands on the host), config changes and channel messages, on the owner\'s model keys and chat tokens; POST /tools/invoke runs tools without credentials too',
    all: [
      { on: bootstrapConfig.id, status: [200] },
      { on: bootstrapConfig.id, bodyRegex: settingsObject },
    ],
    any: [
      { on: bootstrapConfig.id, bodyRegex: pluginAssetsOpen },
      { on: bootstrapConfig.id, bodyRegex: gatedRelease },
    ],
  },
  authRequired: {
    why: 'gateway auth is on (token, password or trusted proxy): its Control UI settings answer 401 {"error":{"message":"Unauthorized","type":"unauthorized"}}, and its WebSocket refuses a connect without the secret',
    all: [
      { on: bootstrapConfig.id, status: [401] },
      { on: bootstrapConfig.id, bodyRegex: unauthorized },
    ],
  },
  // The UI shell answers / on any port it is served from.
  sweepHints: [{ on: rootPage.id, bodyRegex: controlUiShell }],
  // Only where the settings answer (auth off, or a release before 2026.4.22).
  extract: { version: { on: bootstrapConfig.id, regex: /"serverVersion"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Keep the gateway on loopback (gateway.bind "loopback") and reach it over SSH or Tailscale Serve, never set gateway.auth.mode "none" on a host a proxy or port forward exposes, set a long token or password, upgrade to a current release, remove the internet rule for port 18789, and rotate the model keys and channel tokens it holds.',
  references: [
    'https://docs.openclaw.ai/gateway/security/network-exposure',
    'https://docs.openclaw.ai/gateway/config-gateway',
    'https://docs.openclaw.ai/web/control-ui/connect-and-pair',
    'https://docs.openclaw.ai/gateway/protocol/auth',
    'https://github.com/openclaw/openclaw/pull/70247',
  ],
  verifiedAgainst: ['OpenClaw 2026.9.6', 'Clawdbot 2026.1.24-3'],
};
