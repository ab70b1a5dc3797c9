import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The server's state: its mode ("edit" for a notebook server) and version; refused without the access token. */
const status = { id: 'status', method: 'GET', path: '/api/status' } as const;
/** Its login form, served in every mode; only with the access token on does its answer vary on the cookie. */
const login = { id: 'login', method: 'GET', path: '/auth/login' } as const;

const editStatus = /^\s*\{(?=[\s\S]*"mode"\s*:\s*"edit")(?=[\s\S]*"version"\s*:)/;
const loginForm = /<title>marimo<\/title>[\s\S]*Access Token \/ Password/;
/**
 * With the access token on, every page is sent to the login form. (Its answers also vary on Cookie, but only beside
 * Starlette 1.0 and later, whose session middleware adds that; marimo asks only starlette>=0.37.2.)
 */
const sentToLogin = { on: rootPage.id, header: 'location', contains: '/auth/login' } as const;

export const marimo: Fingerprint = {
  id: 'marimo',
  name: 'marimo notebook server',
  category: 'notebook',
  defaultPorts: [2718],
  specificity: 100,
  requests: [status, rootPage, login],
  identify: {
    why: 'marimo notebook server: its login form, with its status in edit mode or its pages sent to that form',
    // A published app (`marimo run`) serves the same login form but asks no token, serves its page and refuses the
    // status: it is a web app meant for the public, not a notebook server, and is not identified. Run with --token, it
    // answers exactly as an edit server with its token does, and reads auth-required.
    all: [{ on: login.id, bodyRegex: loginForm }],
    any: [{ on: status.id, bodyRegex: editStatus }, sentToLogin],
  },
  open: {
    why: 'the notebook server answers without its access token (started with --no-token): anyone can create and run notebooks, that is run Python on the host',
    all: [
      { on: status.id, status: [200] },
      { on: status.id, bodyRegex: editStatus },
    ],
  },
  authRequired: {
    why: 'the access token is on: every page sends to the login form (303 to /auth/login)',
    all: [{ on: rootPage.id, status: [303] }, sentToLogin],
  },
  // Its page names its version in a tag of its own; with the token on, every page redirects to its login form.
  sweepHints: [
    { on: rootPage.id, bodyContains: '<marimo-version data-version=' },
    { on: rootPage.id, header: 'location', contains: '/auth/login?next=' },
  ],
  extract: { version: { on: status.id, regex: /"version"\s*:\s*"(\d+\.\d+\.\d+[^"]*)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Never start `marimo edit` with --no-token on a reachable address: keep its access token (the default) or set a password, bind it to 127.0.0.1 and reach it through SSH, and remove the internet rule for port 2718.',
  references: ['https://docs.marimo.io/guides/deploying/', 'https://docs.marimo.io/guides/deploying/authentication/'],
  verifiedAgainst: ['marimo 0.25.2'],
};
