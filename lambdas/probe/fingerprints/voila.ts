import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Jupyter Server's login form, which Voilà serves with its own stylesheets; public in every mode. */
const login = { id: 'login', method: 'GET', path: '/login' } as const;

/** A rendered notebook's page starts with Voilà's console hook; its file listing is titled Voilà Home. */
const notebookPage = { on: rootPage.id, bodyContains: '<!-- voila log js -->' } as const;
const homePage = { on: rootPage.id, bodyRegex: /<title>\s*Voilà Home\s*<\/title>/ } as const;
/** With a token, every page sends to the login form, as Jupyter Server's do. */
const sentToLogin = { on: rootPage.id, header: 'location', contains: '/login?next=' } as const;

/**
 * The double-submitted XSRF token of the kernel shutdown (any value sent both as the `_xsrf` cookie and in the
 * header passes Tornado's check, as the page's own script does with the cookie it was given).
 */
const XSRF = 'ai-exposure-monitor';

export const voila: Fingerprint = {
  id: 'voila',
  name: 'Voilà',
  category: 'ui',
  defaultPorts: [8866],
  specificity: 100,
  requests: [rootPage, login],
  identify: {
    why: "Voilà: a notebook rendered as a dashboard, Voilà's notebook listing, or Jupyter Server's login form with Voilà's stylesheets",
    any: [notebookPage, homePage, { on: login.id, bodyContains: 'voila/static/style/index.css' }],
  },
  open: {
    why: 'the dashboard is served without a token (the default): whatever its notebook shows is public, the widgets run its code on the host, and every visit starts a Python kernel there; a notebook listing renders every notebook under its folder',
    all: [{ on: rootPage.id, status: [200] }],
  },
  authRequired: {
    why: 'started with --token: every page sends to the login form',
    all: [{ on: rootPage.id, status: [302] }, sentToLogin],
  },
  // The rendered page and the listing name Voilà at /; with a token, / sends to Jupyter Server's login form.
  sweepHints: [notebookPage, homePage, sentToLogin],
  extract: { version: { on: rootPage.id, regex: /"appUrl":\s*"voila\/",\s*"appVersion":\s*"([^"]+)"/ } },
  endsWhatItStarts: [
    {
      on: rootPage.id,
      id: /"kernelId":\s*"([0-9a-f-]{36})"/,
      end: { method: 'POST', path: '/voila/api/shutdown/{id}', headers: { cookie: `_xsrf=${XSRF}`, 'x-xsrftoken': XSRF } },
    },
  ],
  severityWhenOpen: 'medium',
  remediation:
    'If the dashboard is not meant for the public, start Voilà with --token or behind an authenticating proxy and remove the internet rule for port 8866; if it is, serve one notebook (not a folder) and cull idle kernels (--MappingKernelManager.cull_idle_timeout and cull_interval), as every visit holds one.',
  references: ['https://voila.readthedocs.io/en/stable/deploy.html', 'https://voila.readthedocs.io/en/stable/customize.html'],
  verifiedAgainst: ['Voilà 0.5.13'],
};
