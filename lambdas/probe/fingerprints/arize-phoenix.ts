import { notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** One project of the REST API's list: it answers with the list only when it lets the caller read traces. */
const projects = { id: 'projects', method: 'GET', path: '/v1/projects?limit=1' } as const;
/** Outside authentication (so with it on as well, on 20.26.1): the bare version. */
const phoenixVersion = { id: 'phoenixVersion', method: 'GET', path: '/arize_phoenix_version' } as const;

/** Every answer, its refusals included, names the server's version in this header. */
const versionHeader = 'x-phoenix-server-version';
const realm = 'realm="Arize Phoenix"';

export const arizePhoenix: Fingerprint = {
  id: 'arize-phoenix',
  name: 'Arize Phoenix',
  category: 'ml-platform',
  defaultPorts: [6006],
  specificity: 100,
  requests: [projects, phoenixVersion, rootPage, notFoundCanary],
  identify: {
    why: 'Arize Phoenix: its version header (x-phoenix-server-version), its bearer realm, or its page',
    // A header and a realm only Phoenix sends; an echo server cannot make up a response header we never sent.
    any: [
      { on: projects.id, header: versionHeader },
      { on: projects.id, header: 'www-authenticate', contains: realm },
      { on: rootPage.id, bodyContains: '<meta name="title" content="Arize Phoenix" />' },
    ],
  },
  open: {
    why: 'projects are listed without credentials: the traces in them (prompts, completions, tool calls), datasets and prompts are readable and writable',
    all: [
      { on: projects.id, status: [200] },
      { on: projects.id, bodyRegex: /^\s*\{\s*"data"\s*:\s*\[/ },
    ],
  },
  authRequired: {
    why: 'Phoenix authentication is on (401, WWW-Authenticate: Bearer realm="Arize Phoenix")',
    all: [
      { on: projects.id, status: [401] },
      { on: projects.id, header: 'www-authenticate', contains: realm },
    ],
  },
  // Its header is on every answer (the canary's too, which the page answers); its page on every unknown path.
  sweepHints: [{ on: notFoundCanary.id, header: versionHeader }, { on: rootPage.id, bodyContains: 'content="Arize Phoenix"' }],
  extract: { version: { on: phoenixVersion.id, regex: /^\s*(\d+\.\d+\.\d+\S*)\s*$/ } },
  severityWhenOpen: 'high',
  remediation:
    'Turn on authentication (PHOENIX_ENABLE_AUTH=true with a long random PHOENIX_SECRET) or put it behind an authenticating proxy, and remove the internet rule for port 6006 (and 4317, its OTLP gRPC port).',
  references: ['https://arize.com/docs/phoenix/self-hosting/features/authentication', 'https://arize.com/docs/phoenix/self-hosting'],
  verifiedAgainst: ['Arize Phoenix 20.26.1'],
};
