import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The Flask server writes its globals into the page it serves at / (index() in flask_app.py), right after the head's
 * opening: `<script>window.__CF_HOSTNAME="…"; window.__CF_PORT=…;` in every release, the session token after them since
 * the local-access guard (0.3.7.x). The front end hosted as static files (chainforge.ai/play) has the title but no such
 * script, and no server behind it.
 */
const pageTitle = '<title>ChainForge</title>';
const serverGlobals = /<script>window\.__CF_HOSTNAME="[^"]*"; window\.__CF_PORT=\d+;/;
/** The guard's refusal of a Host it was not told to accept (guard_local_access), on every path, the page included. */
const hostRefusal = /^\s*\{\s*"error"\s*:\s*"ChainForge refused a request addressed to '/;

export const chainforge: Fingerprint = {
  id: 'chainforge',
  name: 'ChainForge (chainforge serve)',
  category: 'ml-platform',
  defaultPorts: [8000],
  specificity: 100,
  requests: [rootPage],
  identify: {
    why: 'ChainForge: / is its page, titled ChainForge, with the globals its Flask server writes into it',
    all: [
      { on: rootPage.id, bodyContains: pageTitle },
      { on: rootPage.id, bodyRegex: serverGlobals },
    ],
  },
  open: {
    why: "its page answers anyone, with the session token every API call needs written into it (older releases need none), so anyone can run Python on the host (POST /app/executepy runs the evaluator code it is sent), read the server's provider API keys from its environment (/app/fetchEnvironAPIKeys), read, overwrite and delete saved flows, read the settings with the keys entered in the UI, and make the server fetch URLs (/app/makeFetchCall, /api/proxyImage)",
    all: [
      { on: rootPage.id, status: [200] },
      { on: rootPage.id, bodyRegex: serverGlobals },
    ],
  },
  noAuthReason:
    'ChainForge has no authentication: its session token and Host check guard against other web sites in a browser (CSRF, DNS rebinding), and the token is handed to whoever loads the page; --secure only encrypts the files it stores.',
  hostPolicy: {
    why: "ChainForge refused the Host header (403 \"ChainForge refused a request addressed to …\"): it accepts only localhost, its --host and --allowed-hosts names, which a direct client can name itself, so the server may still be open to one that does",
    all: [
      { on: rootPage.id, status: [403] },
      { on: rootPage.id, bodyRegex: hostRefusal },
    ],
  },
  // No sweep hints: its one request, GET /, is asked of every port anyway.
  severityWhenOpen: 'critical',
  remediation:
    'Run chainforge serve on localhost only (its default) and reach it through SSH forwarding or an authenticating proxy, never with --host 0.0.0.0 on a public address; remove the internet rule for port 8000, and rotate the provider API keys in its environment and settings.',
  references: ['https://chainforge.ai/docs/', 'https://github.com/ianarawjo/ChainForge/blob/main/INSTALL_GUIDE.md'],
  verifiedAgainst: ['ChainForge 0.3.7.7'],
};
