import { apiVersion, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The Host allowlist's refusal (backend/web/auth.py, 0.2.x): every path, the page and /api/version included, answers a
 * Host other than localhost or 127.0.0.1 with this, so it is all a directly exposed server shows the probe. A Host policy,
 * never auth, and it does not identify (classify.ts, rule 4): the port is asked again naming Host: localhost:<port>
 * (rule 9), and the verdict is what that shows.
 */
const badHost = /^\{"status":false,"message":"Bad Host header"\}$/;
/** The page's per-process API token, put into every copy of the UI shell it serves (auth.py inject_token_into_html). */
const tokenHandedOut = 'window.__MAGUI_TOKEN__=';

export const magenticUi: Fingerprint = {
  id: 'magentic-ui',
  name: 'Magentic-UI',
  category: 'agent-builder',
  defaultPorts: [8081],
  // Ties with AutoGen Studio, whose version envelope its /api/version repeats; placed before it in the catalog.
  specificity: 100,
  requests: [rootPage, apiVersion],
  identify: {
    why: 'Magentic-UI (MagenticLite): its UI shell, titled MagenticLite or handing out its API token',
    any: [
      { on: rootPage.id, bodyContains: '<title>MagenticLite</title>' },
      { on: rootPage.id, bodyContains: tokenHandedOut },
    ],
  },
  open: {
    why:
      'no sign-in exists: the page hands every visitor the API token (window.__MAGUI_TOKEN__); with it anyone reads the sessions, the model settings and the folders under the home directory, and starts runs whose agent runs shell commands (on the host itself with sandbox type null) and browses, approving its own tool calls',
    all: [{ on: rootPage.id, bodyContains: tokenHandedOut }],
  },
  hostPolicy: {
    why: 'Magentic-UI refused the Host header (400 "Bad Host header": its allowlist of localhost and 127.0.0.1, a DNS-rebinding guard), which a direct client passes by naming Host: localhost, so the server may still be open to one that does',
    all: [
      { on: rootPage.id, status: [400] },
      { on: rootPage.id, bodyRegex: badHost },
    ],
  },
  noAuthReason:
    'Magentic-UI has no sign-in: its only API credential is a token it puts into the page it serves to anyone (backend/web/auth.py), and requests from the Vite dev origin (Origin: http://localhost:5173) skip even that; a gate in front is the only protection',
  // The shell (with the token) answers / and every unknown path.
  sweepHints: [{ on: rootPage.id, bodyContains: tokenHandedOut }],
  extract: { version: { on: apiVersion.id, regex: /"data"\s*:\s*\{\s*"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Magentic-UI is a single-user desktop app with no sign-in: run it on 127.0.0.1 (its default) and reach it through SSH, never with --host 0.0.0.0 or behind a proxy without its own authentication; keep its sandbox type quicksand, rotate the model keys saved in its settings, and remove the internet rule for port 8081.',
  references: [
    'https://github.com/microsoft/magentic-ui/blob/main/docs/configuration.md',
    'https://github.com/microsoft/magentic-ui/blob/main/docs/installation.md',
    'https://github.com/microsoft/magentic-ui/blob/main/docs/TRANSPARENCY_NOTE.md',
  ],
  verifiedAgainst: ['Magentic-UI 0.2.2'],
};
