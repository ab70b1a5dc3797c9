import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The service's liveness answer (_service/app.py): the promptflow (or devkit) version, alone. */
const heartbeat = { id: 'heartbeat', method: 'GET', path: '/heartbeat' } as const;
const versionAlone = /^\s*\{\s*"promptflow"\s*:\s*"\d[^"]*"\s*\}\s*$/;
/** Its local connections (names and types; a GET of one connection answers its API key in clear). */
const connections = { id: 'connections', method: 'GET', path: '/v1.0/Connections/' } as const;

export const promptflow: Fingerprint = {
  id: 'promptflow',
  name: 'Prompt flow service (pf service)',
  category: 'agent-builder',
  defaultPorts: [23333],
  specificity: 100,
  requests: [heartbeat, connections, rootPage],
  identify: {
    why: 'Prompt flow service: GET /heartbeat answers {"promptflow": "<version>"} alone',
    all: [{ on: heartbeat.id, status: [200] }, { on: heartbeat.id, bodyRegex: versionAlone }],
  },
  open: {
    why: 'its API answers anyone (GET /v1.0/Connections/ lists the connections): anyone can read each connection with its API key in clear (GET /v1.0/Connections/<name>), read the traces of its flows (prompts and answers), read and write YAML files anywhere its user can (/v1.0/ui/yaml), and run any flow folder on the host by path (POST /v1.0/Flows/test), which runs the flow\'s Python code',
    all: [
      { on: connections.id, status: [200] },
      { on: connections.id, bodyRegex: /^\s*\[/ },
    ],
  },
  noAuthReason: 'The prompt flow service has no authentication of its own: it relies on binding to 127.0.0.1 (service.host), and nothing guards it once that is changed or proxied.',
  // Its / redirects to the trace UI.
  sweepHints: [
    [
      { on: rootPage.id, status: [302] },
      { on: rootPage.id, header: 'location', regex: /\/v1\.0\/ui\/traces\/$/ },
    ],
  ],
  extract: { version: { on: heartbeat.id, regex: /"promptflow"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Keep the prompt flow service on 127.0.0.1 (its default; unset service.host with `pf config set service.host=127.0.0.1`), stop it with `pf service stop` where it is not needed, remove the internet rule for port 23333, and rotate the API keys of its connections.',
  references: [
    'https://microsoft.github.io/promptflow/how-to-guides/manage-connections.html',
    'https://microsoft.github.io/promptflow/how-to-guides/tracing/index.html',
    'https://microsoft.github.io/promptflow/reference/pf-command-reference.html',
  ],
  verifiedAgainst: ['Prompt flow 1.18.5'],
};
