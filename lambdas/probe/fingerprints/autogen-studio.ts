import { apiVersion, notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/** Which sign-in the server was started with (none, github, msal, firebase); public whatever it is. */
const authType = { id: 'authType', method: 'GET', path: '/api/auth/type' } as const;
/** The team list: past the sign-in check, the route itself refuses a request without its user_id query parameter. */
const teams = { id: 'teams', method: 'GET', path: '/api/teams/' } as const;

/** Its version endpoint's envelope, public in every release (web/app.py). */
const versionEnvelope = /^\s*\{(?=[\s\S]*"message"\s*:\s*"Version retrieved successfully")(?=[\s\S]*"data"\s*:\s*\{\s*"version"\s*:)/;
/** The sign-in middleware's refusal: {"status": false, "detail": …} with 401 (web/auth/middleware.py). */
const signInRefusal = /^\s*\{\s*"status"\s*:\s*false\s*,\s*"detail"\s*:/;

export const autogenStudio: Fingerprint = {
  id: 'autogen-studio',
  name: 'AutoGen Studio',
  category: 'agent-builder',
  defaultPorts: [8081],
  specificity: 100,
  requests: [apiVersion, authType, teams, notFoundCanary],
  identify: {
    why: "AutoGen Studio: its version endpoint's envelope, or its sign-in type with the paths it leaves public",
    any: [
      { on: apiVersion.id, bodyRegex: versionEnvelope },
      { on: authType.id, bodyRegex: /^\s*\{\s*"type"\s*:\s*"(?:none|github|msal|firebase)"\s*,\s*"exclude_paths"\s*:\s*\[/ },
    ],
  },
  open: {
    why: 'no sign-in (auth type "none", the default; releases before 0.4.2 have none at all): anyone can read the teams, with their model settings and any API keys saved in them, and run agents, code executors included, on the host',
    // 422 for the missing user_id comes from the route itself, so the sign-in check let the request through.
    all: [
      { on: teams.id, status: [422] },
      { on: teams.id, bodyContains: '"user_id"' },
    ],
  },
  authRequired: {
    why: 'sign-in is on (--auth-config with GitHub, Microsoft or Firebase): the API answers 401 without its token',
    all: [
      { on: teams.id, status: [401] },
      { on: teams.id, bodyRegex: signInRefusal },
    ],
  },
  // Without sign-in, unknown paths get the UI's Gatsby 404 page; with it, the middleware's JSON 401.
  sweepHints: [
    [
      { on: notFoundCanary.id, status: [404] },
      { on: notFoundCanary.id, bodyContains: '<meta name="generator" content="Gatsby' },
    ],
    [
      { on: notFoundCanary.id, status: [401] },
      { on: notFoundCanary.id, bodyRegex: signInRefusal },
    ],
  ],
  extract: { version: { on: apiVersion.id, regex: /"data"\s*:\s*\{\s*"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'AutoGen Studio is a prototyping tool its authors say is not meant for production: keep it on 127.0.0.1 (its default) and reach it through SSH, or start it with --auth-config behind TLS; rotate the model keys its teams hold, and remove the internet rule for port 8081.',
  references: ['https://microsoft.github.io/autogen/stable/user-guide/autogenstudio-user-guide/index.html', 'https://microsoft.github.io/autogen/stable/user-guide/autogenstudio-user-guide/usage.html'],
  verifiedAgainst: ['AutoGen Studio 0.4.2.2', 'AutoGen Studio 0.4.1.11'],
};
